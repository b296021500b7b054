/**
 * Sending an answer, normally or broken by an injected {@link Fault}. Each fault kind is one
 * case of {@link answer}: whether the request is processed (reaches the store) and what goes
 * on the wire.
 */
import { STATUS_CODES, type ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { errorReply, toWire, type Wire } from "./reply.ts";
import type { Fault } from "./types.ts";

/** One request being answered. */
export interface Exchange {
  res: ServerResponse;
  requestId: string;
  /** The request's `nextToken` query parameter, if any. */
  nextToken: string | null;
  /** Processes the request (store changes happen) and gives the normal answer. */
  process: () => Wire;
  /** Reports an answer sent, whole or cut by the fault. */
  report: (wire: Wire, fault: Fault | undefined) => void;
  /** Aborted when the server is reset or closed: pending waits end and the socket is dropped. */
  signal: AbortSignal;
}

/** Waits `ms`; resolves `false` if `signal` aborted first. */
export async function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

function sendWhole(exchange: Exchange, wire: Wire, fault?: Fault): void {
  const body = Buffer.from(wire.body);
  exchange.res.writeHead(wire.status, { ...wire.headers, "content-length": body.length });
  exchange.res.end(body);
  exchange.report(wire, fault);
}

function drop(exchange: Exchange): void {
  exchange.res.socket?.destroy();
}

/** How long the bytes of a cut answer get to reach the client before the reset, in ms. */
const RESET_AFTER_MS = 10;

/**
 * Writes `bytes` straight to the socket, then resets the connection (TCP RST). A client that
 * has not read the bytes when the RST arrives still reads them, then sees a plain close.
 */
function writeThenReset(exchange: Exchange, bytes: Buffer | string): void {
  const socket = exchange.res.socket;
  if (socket === null) return;
  socket.write(bytes, () => {
    setTimeout(() => socket.resetAndDestroy(), RESET_AFTER_MS).unref();
  });
}

function rawBody(body: unknown): { text: string; contentType: string } {
  return typeof body === "string"
    ? { text: body, contentType: "text/plain; charset=utf-8" }
    : { text: JSON.stringify(body), contentType: "application/json" };
}

function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
}

function htmlPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? "Error"}`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`;
}

function padJson(body: string, bytes: number): string {
  const missing = bytes - Buffer.byteLength(body);
  if (missing <= 0) return body;
  return `${body.slice(0, -1)}${" ".repeat(missing)}${body.slice(-1)}`;
}

async function stallBody(exchange: Exchange, fault: Fault & { kind: "stallBody" }): Promise<void> {
  const wire = exchange.process();
  const body = Buffer.from(wire.body);
  const half = Math.max(1, Math.floor(body.length / 2));
  exchange.res.writeHead(wire.status, { ...wire.headers, "content-length": body.length });
  exchange.res.write(body.subarray(0, half));
  if (!(await sleep(fault.ms, exchange.signal))) {
    drop(exchange);
    return;
  }
  exchange.res.end(body.subarray(half));
  exchange.report(wire, fault);
}

function resetMidHeaders(exchange: Exchange, fault: Fault): void {
  const wire = exchange.process();
  const head = `HTTP/1.1 ${wire.status} ${STATUS_CODES[wire.status] ?? ""}\r\ncontent-type: appl`;
  writeThenReset(exchange, head);
  exchange.report(wire, fault);
}

function resetMidBody(exchange: Exchange, fault: Fault): void {
  const wire = exchange.process();
  const body = Buffer.from(wire.body);
  exchange.res.writeHead(wire.status, { ...wire.headers, "content-length": body.length });
  exchange.res.flushHeaders();
  writeThenReset(exchange, body.subarray(0, Math.floor(body.length / 2)));
  exchange.report(wire, fault);
}

function truncatedJson(exchange: Exchange, fault: Fault): void {
  const wire = exchange.process();
  const half = Buffer.from(wire.body).subarray(0, Math.floor(Buffer.byteLength(wire.body) / 2));
  exchange.res.writeHead(wire.status, { ...wire.headers, "content-length": half.length });
  exchange.res.end(half);
  exchange.report(wire, fault);
}

function emptyBody(exchange: Exchange, fault: Fault & { kind: "emptyBody" }): void {
  const status = fault.status ?? 200;
  const headers = status < 300 ? exchange.process().headers : {};
  sendWhole(
    exchange,
    { status, headers: { ...headers, "content-type": "application/json" }, body: "" },
    fault,
  );
}

function repeatNextToken(exchange: Exchange, fault: Fault): void {
  const wire = exchange.process();
  if (wire.status === 200 && exchange.nextToken !== null) {
    const page = JSON.parse(wire.body) as Record<string, unknown>;
    wire.body = JSON.stringify({ ...page, nextToken: exchange.nextToken });
  }
  sendWhole(exchange, wire, fault);
}

async function delayHeaders(exchange: Exchange, fault: Fault & { kind: "delayHeaders" }) {
  if (await sleep(fault.ms, exchange.signal)) sendWhole(exchange, exchange.process(), fault);
  else drop(exchange);
}

function statusFault(exchange: Exchange, fault: Fault & { kind: "status" }): void {
  const { text, contentType } = rawBody(
    fault.body ?? { message: `Injected fault: status ${fault.status}` },
  );
  const headers = {
    "content-type": contentType,
    "x-request-id": exchange.requestId,
    ...lowerCaseNames(fault.headers ?? {}),
  };
  sendWhole(exchange, { status: fault.status, headers, body: text }, fault);
}

function bodyFault(exchange: Exchange, fault: Fault & { kind: "body" }): void {
  const headers = {
    "content-type": fault.contentType ?? "application/json",
    "x-request-id": exchange.requestId,
  };
  sendWhole(
    exchange,
    { status: fault.status ?? 200, headers, body: rawBody(fault.body).text },
    fault,
  );
}

function htmlFault(exchange: Exchange, fault: Fault & { kind: "html" }): void {
  const headers = {
    "content-type": "text/html; charset=utf-8",
    "x-request-id": exchange.requestId,
  };
  sendWhole(exchange, { status: fault.status, headers, body: htmlPage(fault.status) }, fault);
}

function redirect(exchange: Exchange, fault: Fault & { kind: "redirect" }): void {
  const reply = errorReply(fault.status ?? 302, `Moved to ${fault.location}`);
  const wire = toWire(reply, exchange.requestId);
  wire.headers.location = fault.location;
  sendWhole(exchange, wire, fault);
}

/** Answers the request of `exchange`, broken as `fault` says when one is given. */
export async function answer(exchange: Exchange, fault: Fault | undefined): Promise<void> {
  switch (fault?.kind) {
    case undefined:
      sendWhole(exchange, exchange.process());
      break;
    case "status":
      statusFault(exchange, fault);
      break;
    case "delayHeaders":
      await delayHeaders(exchange, fault);
      break;
    case "stallBody":
      await stallBody(exchange, fault);
      break;
    case "resetBeforeHeaders":
      exchange.res.socket?.resetAndDestroy();
      break;
    case "resetMidHeaders":
      resetMidHeaders(exchange, fault);
      break;
    case "resetMidBody":
      resetMidBody(exchange, fault);
      break;
    case "dropAfterProcessing":
      exchange.process();
      drop(exchange);
      break;
    case "truncatedJson":
      truncatedJson(exchange, fault);
      break;
    case "html":
      htmlFault(exchange, fault);
      break;
    case "emptyBody":
      emptyBody(exchange, fault);
      break;
    case "contentType": {
      const wire = exchange.process();
      wire.headers["content-type"] = fault.contentType;
      sendWhole(exchange, wire, fault);
      break;
    }
    case "body":
      bodyFault(exchange, fault);
      break;
    case "hugeBody": {
      const wire = exchange.process();
      sendWhole(exchange, { ...wire, body: padJson(wire.body, fault.bytes) }, fault);
      break;
    }
    case "redirect":
      redirect(exchange, fault);
      break;
    case "repeatNextToken":
      repeatNextToken(exchange, fault);
      break;
  }
}

/**
 * What each injected {@link Fault} does to an answer, apart from how it travels: whether the
 * request is processed (reaches the store), what the answer is, and how it is cut. The two
 * front doors deliver the result: on a socket (node/deliver.ts) or as what `fetch` returns
 * (deliver-fetch.ts).
 */
import { errorReply, toWire, type Wire } from "./reply.js";
import type { Fault } from "./types.js";

/** One request being answered. */
export interface Exchange {
  readonly requestId: string;
  /** The request's `nextToken` query parameter, if any. */
  readonly nextToken: string | null;
  /** The fault injected into its answer, if any. */
  readonly fault: Fault | undefined;
  /** Processes the request (store changes happen) and gives the normal answer. */
  process(): Wire;
  /** Waits `ms`; resolves `false` if the mock was reset or closed first. */
  sleep(ms: number): Promise<boolean>;
}

/** How an answer goes out. */
export type Delivery =
  /** The whole answer. */
  | { kind: "whole"; wire: Wire }
  /** The headers (full `Content-Length`) and the first half of the body, a wait of `ms`, then the rest. */
  | { kind: "stallBody"; wire: Wire; ms: number }
  /** The headers (full `Content-Length`) and the first half of the body, then a reset. */
  | { kind: "resetMidBody"; wire: Wire }
  /** The headers (`Content-Length` of the half) and the first half of the body, ending cleanly. */
  | { kind: "truncated"; wire: Wire }
  /** Part of the status line and headers, then a reset. */
  | { kind: "resetMidHeaders"; wire: Wire }
  /** A reset, without a byte of answer. */
  | { kind: "resetBeforeHeaders" }
  /** The connection closed without an answer (`dropAfterProcessing`, or a reset mock). */
  | { kind: "drop" };

/** The deliveries that send a status line, headers and (some of) the body. */
export type BodyDelivery = Extract<
  Delivery,
  { kind: "whole" | "stallBody" | "resetMidBody" | "truncated" }
>;

/** How the body of an answer goes out: the bytes sent first, and what comes after them. */
export interface BodyCut {
  /** The `Content-Length` declared. */
  length: number;
  first: Uint8Array;
  /** The end; a stall of `ms`, then `rest`; or a reset of the connection. */
  then: { kind: "end" } | { kind: "stall"; ms: number; rest: Uint8Array } | { kind: "reset" };
}

/**
 * The cut of the body that `delivery` says, the same for both front doors: a stall comes after
 * the first half (at least a byte), a reset after the first half, and a truncated answer
 * declares and sends only the first half.
 */
export function cutBody(delivery: BodyDelivery): BodyCut {
  const body = bytesOf(delivery.wire.body);
  switch (delivery.kind) {
    case "whole":
      return { length: body.length, first: body, then: { kind: "end" } };
    case "stallBody": {
      const half = Math.max(1, Math.floor(body.length / 2));
      const rest = body.subarray(half);
      return {
        length: body.length,
        first: body.subarray(0, half),
        then: { kind: "stall", ms: delivery.ms, rest },
      };
    }
    case "resetMidBody":
      return { length: body.length, first: firstHalf(body), then: { kind: "reset" } };
    case "truncated":
      return { length: firstHalf(body).length, first: firstHalf(body), then: { kind: "end" } };
  }
}

/** The answer's whole body: for a cut answer, the body it was cut from. */
export function answered(delivery: Delivery): Wire | undefined {
  return "wire" in delivery ? delivery.wire : undefined;
}

const encoder = new TextEncoder();

/** The UTF-8 bytes of a body. */
export function bytesOf(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The first half of a body's bytes, cut as a socket would, mid-character or not. */
function firstHalf(body: Uint8Array): Uint8Array {
  return body.subarray(0, Math.floor(body.length / 2));
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

/** The reason phrases of the statuses the mock answers with, as `node:http` gives them. */
const REASONS: Readonly<Record<number, string>> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The reason phrase of `status` (`""` for one the mock does not name). */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? "";
}

function htmlPage(status: number): string {
  const title = `${status} ${reasonPhrase(status) || "Error"}`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`;
}

function padJson(body: string, bytes: number): string {
  const missing = bytes - bytesOf(body).length;
  if (missing <= 0) return body;
  return `${body.slice(0, -1)}${" ".repeat(missing)}${body.slice(-1)}`;
}

function statusFault(exchange: Exchange, fault: Fault & { kind: "status" }): Wire {
  const { text, contentType } = rawBody(
    fault.body ?? { message: `Injected fault: status ${fault.status}` },
  );
  const headers = {
    "content-type": contentType,
    "x-request-id": exchange.requestId,
    ...lowerCaseNames(fault.headers ?? {}),
  };
  return { status: fault.status, headers, body: text };
}

function emptyBody(exchange: Exchange, fault: Fault & { kind: "emptyBody" }): Wire {
  const status = fault.status ?? 200;
  const headers = status < 300 ? exchange.process().headers : {};
  return { status, headers: { ...headers, "content-type": "application/json" }, body: "" };
}

function repeatNextToken(exchange: Exchange): Wire {
  const wire = exchange.process();
  if (wire.status === 200 && exchange.nextToken !== null) {
    const page = JSON.parse(wire.body) as Record<string, unknown>;
    wire.body = JSON.stringify({ ...page, nextToken: exchange.nextToken });
  }
  return wire;
}

function redirect(exchange: Exchange, fault: Fault & { kind: "redirect" }): Wire {
  const wire = toWire(
    errorReply(fault.status ?? 302, `Moved to ${fault.location}`),
    exchange.requestId,
  );
  wire.headers.location = fault.location;
  return wire;
}

/** The answer to the request of `exchange`, broken as its fault says when it has one. */
export async function plan(exchange: Exchange): Promise<Delivery> {
  const { fault } = exchange;
  const whole = (wire: Wire): Delivery => ({ kind: "whole", wire });
  switch (fault?.kind) {
    case undefined:
      return whole(exchange.process());
    case "status":
      return whole(statusFault(exchange, fault));
    case "delayHeaders":
      return (await exchange.sleep(fault.ms)) ? whole(exchange.process()) : { kind: "drop" };
    case "stallBody":
      return { kind: "stallBody", wire: exchange.process(), ms: fault.ms };
    case "resetBeforeHeaders":
      return { kind: "resetBeforeHeaders" };
    case "resetMidHeaders":
      return { kind: "resetMidHeaders", wire: exchange.process() };
    case "resetMidBody":
      return { kind: "resetMidBody", wire: exchange.process() };
    case "dropAfterProcessing":
      exchange.process();
      return { kind: "drop" };
    case "truncatedJson":
      return { kind: "truncated", wire: exchange.process() };
    case "html": {
      const headers = {
        "content-type": "text/html; charset=utf-8",
        "x-request-id": exchange.requestId,
      };
      return whole({ status: fault.status, headers, body: htmlPage(fault.status) });
    }
    case "emptyBody":
      return whole(emptyBody(exchange, fault));
    case "contentType": {
      const wire = exchange.process();
      wire.headers["content-type"] = fault.contentType;
      return whole(wire);
    }
    case "body": {
      const headers = {
        "content-type": fault.contentType ?? "application/json",
        "x-request-id": exchange.requestId,
      };
      return whole({ status: fault.status ?? 200, headers, body: rawBody(fault.body).text });
    }
    case "hugeBody": {
      const wire = exchange.process();
      return whole({ ...wire, body: padJson(wire.body, fault.bytes) });
    }
    case "redirect":
      return whole(redirect(exchange, fault));
    case "repeatNextToken":
      return whole(repeatNextToken(exchange));
  }
}

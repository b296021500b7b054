/**
 * Delivering a planned answer ({@link Delivery}) on the socket of a `node:http` response:
 * whole, or cut the way the fault says (a stall, a TCP reset, a closed connection).
 */
import { STATUS_CODES, type ServerResponse } from "node:http";
import type { Delivery } from "../faults.js";
import type { Wire } from "../reply.js";

/** How long the bytes of a cut answer get to reach the client before the reset, in ms. */
const RESET_AFTER_MS = 10;

function drop(res: ServerResponse): void {
  res.socket?.destroy();
}

/**
 * Writes `bytes` straight to the socket, then resets the connection (TCP RST). A client that
 * has not read the bytes when the RST arrives still reads them, then sees a plain close.
 */
function writeThenReset(res: ServerResponse, bytes: Buffer | string): void {
  const socket = res.socket;
  if (socket === null) return;
  socket.write(bytes, () => {
    setTimeout(() => socket.resetAndDestroy(), RESET_AFTER_MS).unref();
  });
}

function writeHead(res: ServerResponse, wire: Wire, contentLength: number): void {
  res.writeHead(wire.status, { ...wire.headers, "content-length": contentLength });
}

/**
 * Sends `delivery` on `res`. `sleep` waits for a stall (resolving `false` when the mock is
 * reset or closed first, which drops the connection).
 */
export async function deliver(
  res: ServerResponse,
  delivery: Delivery,
  sleep: (ms: number) => Promise<boolean>,
): Promise<void> {
  switch (delivery.kind) {
    case "whole": {
      const body = Buffer.from(delivery.wire.body);
      writeHead(res, delivery.wire, body.length);
      res.end(body);
      break;
    }
    case "stallBody": {
      const body = Buffer.from(delivery.wire.body);
      const half = Math.max(1, Math.floor(body.length / 2));
      writeHead(res, delivery.wire, body.length);
      res.write(body.subarray(0, half));
      if (await sleep(delivery.ms)) res.end(body.subarray(half));
      else drop(res);
      break;
    }
    case "resetMidBody": {
      const body = Buffer.from(delivery.wire.body);
      writeHead(res, delivery.wire, body.length);
      res.flushHeaders();
      writeThenReset(res, body.subarray(0, Math.floor(body.length / 2)));
      break;
    }
    case "truncated": {
      const body = Buffer.from(delivery.wire.body);
      const half = body.subarray(0, Math.floor(body.length / 2));
      writeHead(res, delivery.wire, half.length);
      res.end(half);
      break;
    }
    case "resetMidHeaders": {
      const { status } = delivery.wire;
      writeThenReset(res, `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\ncontent-type: appl`);
      break;
    }
    case "resetBeforeHeaders":
      res.socket?.resetAndDestroy();
      break;
    case "drop":
      drop(res);
      break;
  }
}

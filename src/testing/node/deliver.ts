/**
 * Delivering a planned answer ({@link Delivery}) on the socket of a `node:http` response:
 * whole, or cut the way the fault says (a stall, a TCP reset, a closed connection).
 */
import type { ServerResponse } from "node:http";
import { cutBody, type Delivery, reasonPhrase } from "../faults.js";

/** How long the bytes of a cut answer get to reach the client before the reset, in ms. */
const RESET_AFTER_MS = 10;

function drop(res: ServerResponse): void {
  res.socket?.destroy();
}

/**
 * Writes `bytes` straight to the socket, then resets the connection (TCP RST). A client that
 * has not read the bytes when the RST arrives still reads them, then sees a plain close.
 */
function writeThenReset(res: ServerResponse, bytes: Uint8Array | string): void {
  const socket = res.socket;
  if (socket === null) return;
  socket.write(bytes, () => {
    setTimeout(() => socket.resetAndDestroy(), RESET_AFTER_MS).unref();
  });
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
    case "resetMidHeaders": {
      const { status } = delivery.wire;
      writeThenReset(res, `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\ncontent-type: appl`);
      return;
    }
    case "resetBeforeHeaders":
      res.socket?.resetAndDestroy();
      return;
    case "drop":
      drop(res);
      return;
    default:
      break;
  }
  const { wire } = delivery;
  const { length, first, then } = cutBody(delivery);
  res.writeHead(wire.status, reasonPhrase(wire.status), {
    ...wire.headers,
    "content-length": length,
  });
  switch (then.kind) {
    case "end":
      res.end(first);
      break;
    case "stall":
      res.write(first);
      if (await sleep(then.ms)) res.end(then.rest);
      else drop(res);
      break;
    case "reset":
      res.flushHeaders();
      writeThenReset(res, first);
      break;
  }
}

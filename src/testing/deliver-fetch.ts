/**
 * Delivering a planned answer ({@link Delivery}) as what a real `fetch` would show for it on
 * the wire: a `Response` whose body stream carries the answer (stalling, ending early or
 * erroring where the fault cuts it), or a rejection like undici's for a connection that broke
 * before the headers.
 */
import { type BodyCut, cutBody, type Delivery, reasonPhrase } from "./faults.js";

/** A pause in the body, in ms. */
interface Stall {
  stallMs: number;
}
/** The connection breaking in the middle of the body. */
interface Break {
  broken: true;
}
type Part = Uint8Array | Stall | Break;

/** The statuses whose answers have no body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** What `fetch` rejects with when the connection breaks before the headers: `cause.code` is `code`. */
export function connectionFailure(code: string, message: string): TypeError {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });
}

/**
 * What the body stream errors with when the connection breaks in the middle of it, as undici
 * says it: reset (`ECONNRESET`), or closed (`UND_ERR_SOCKET`).
 */
function terminated(reset: boolean): TypeError {
  const cause = reset
    ? Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })
    : Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
  return new TypeError("terminated", { cause });
}

/** The parts of a body as the stream delivers them, from its cut. */
function partsOf({ first, then }: BodyCut): Part[] {
  switch (then.kind) {
    case "end":
      return [first];
    case "stall":
      return [first, { stallMs: then.ms }, then.rest];
    case "reset":
      return [first, { broken: true }];
  }
}

/** A `fetch` outcome: the response, or the rejection; `finished` settles once it is all out. */
export type FetchOutcome = ({ response: Response } | { failure: TypeError }) & {
  finished: Promise<void>;
};

/**
 * Turns `delivery` into what `fetch` gives back. `sleep` waits for a stall (`false` when the
 * mock is reset or closed first: the body then errors as a broken connection); an abort of
 * `signal` after the headers errors the body stream with `signal.reason`.
 */
export function deliverAsFetch(
  delivery: Delivery,
  sleep: (ms: number) => Promise<boolean>,
  signal: AbortSignal,
): FetchOutcome {
  switch (delivery.kind) {
    case "resetBeforeHeaders":
    case "resetMidHeaders":
      return {
        failure: connectionFailure("ECONNRESET", "read ECONNRESET"),
        finished: Promise.resolve(),
      };
    case "drop":
      return {
        failure: connectionFailure("UND_ERR_SOCKET", "other side closed"),
        finished: Promise.resolve(),
      };
    default:
      break;
  }
  const { wire } = delivery;
  const cut = cutBody(delivery);
  const { length } = cut;
  const parts = partsOf(cut);
  const headers = { ...wire.headers, "content-length": String(length) };
  const init = { status: wire.status, statusText: reasonPhrase(wire.status), headers };
  if (NULL_BODY_STATUSES.has(wire.status)) {
    return { response: new Response(null, init), finished: Promise.resolve() };
  }

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  /** `broken`: the error of a broken connection, raised once the bytes before it are read. */
  const state: { done: boolean; broken?: unknown } = { done: false };
  /**
   * Ends the body: closed, or errored. A broken connection (`afterQueued`) errors it only once
   * the reader has taken the bytes that came before the break, as on a socket; an abort, at once.
   */
  const stop = (error?: unknown, afterQueued = false) => {
    if (state.done) return;
    state.done = true;
    signal.removeEventListener("abort", onAbort);
    if (error === undefined) controller.close();
    else if (afterQueued && (controller.desiredSize ?? 1) <= 0) state.broken = error;
    else controller.error(error);
  };
  const onAbort = () => {
    stop(signal.reason);
  };
  const body = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
    },
    pull() {
      if (state.broken !== undefined) controller.error(state.broken);
    },
    cancel() {
      state.done = true;
      signal.removeEventListener("abort", onAbort);
    },
  });
  signal.addEventListener("abort", onAbort);
  const finished = (async () => {
    for (const part of parts) {
      if (state.done) return;
      // Checked by shape, not `instanceof Uint8Array`: the bytes may come from another realm.
      if ("broken" in part) {
        stop(terminated(true), true);
        return;
      } else if ("stallMs" in part) {
        if (!(await sleep(part.stallMs))) {
          stop(terminated(false), true);
          return;
        }
      } else if (part.length > 0) {
        controller.enqueue(part);
      }
    }
    stop();
  })();
  return { response: new Response(body, init), finished };
}

/**
 * The mock Credits API behind a `fetch` function, with no socket: the same store, handlers,
 * request validation and faults as the HTTP server, in any runtime (browsers, workers, Deno,
 * Bun, Node). Nothing here uses a `node:` module, `process` or `Buffer`.
 */
import { connectionFailure, deliverAsFetch } from "./deliver-fetch.js";
import { MAX_REQUEST_BODY_BYTES, MockState } from "./mock-state.js";
import type { MockFetch, MockServerOptions } from "./types.js";

/**
 * The base URL of every in-process mock. `.test` is a reserved top-level domain: a request that
 * escapes the mock reaches nothing.
 */
export const MOCK_FETCH_BASE_URL = "https://mock.togai.test";

/**
 * The signal the caller holds: `init.signal`, else the input `Request`'s own. Not the signal of
 * a `Request` made from them: that one follows the caller's through a weak reference, lost once
 * the made `Request` is garbage-collected, while its answer may still be pending.
 */
function callerSignal(input: RequestInfo | URL, init: RequestInit | undefined): AbortSignal | null {
  if (init?.signal !== undefined) return init.signal;
  return input instanceof Request ? input.signal : null;
}

async function readBody(request: Request): Promise<string | undefined> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  return bytes.length > MAX_REQUEST_BODY_BYTES ? undefined : new TextDecoder().decode(bytes);
}

/**
 * Creates the mock Credits API behind a `fetch` function, for tests that should not open a
 * socket, in any runtime. Hand its `fetch`, `baseUrl` and `token` to the client.
 *
 * @example
 * const mock = createMockFetch();
 * const togai = createCreditsClient({ baseUrl: mock.baseUrl, token: mock.token, fetch: mock.fetch });
 * mock.inject({ kind: "status", status: 503 }, { method: "POST", path: "/credits" });
 * // ... your code and its assertions ...
 * await mock.close();
 */
export function createMockFetch(options: Omit<MockServerOptions, "port"> = {}): MockFetch {
  if ((options as MockServerOptions).port !== undefined) {
    throw new TypeError(
      "createMockFetch: port is an option of startMockServer; this mock has no socket",
    );
  }
  const state = new MockState(options);
  const origin = new URL(MOCK_FETCH_BASE_URL).origin;
  let closed = false;

  async function answer(request: Request, signal: AbortSignal): Promise<Response> {
    signal.throwIfAborted();
    const url = new URL(request.url);
    if (url.origin !== origin) {
      throw new TypeError(
        `mock fetch: ${request.url} is on origin ${url.origin}, but this mock answers only its baseUrl's origin, ${origin}`,
      );
    }
    if (closed) throw connectionFailure("ECONNREFUSED", "connect ECONNREFUSED: the mock is closed");
    const body = await readBody(request);
    // An abort while the body was read: the request never reached the mock.
    signal.throwIfAborted();
    const incoming = {
      method: request.method,
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      body,
    };
    let settled = false;
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => {
        settled = true;
        reject(signal.reason as Error);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      const work = state.receive(incoming).then((delivery) => {
        signal.removeEventListener("abort", onAbort);
        const outcome = deliverAsFetch(delivery, (ms) => state.sleep(ms), signal);
        if (!settled) {
          settled = true;
          if ("response" in outcome) resolve(outcome.response);
          else reject(outcome.failure);
        }
        return outcome.finished;
      });
      void state.track(
        work.catch((error: unknown) => {
          signal.removeEventListener("abort", onAbort);
          state.noteError(incoming, error);
          if (!settled) reject(new TypeError("fetch failed", { cause: error }));
        }),
      );
    });
  }

  const controls = state.controls(MOCK_FETCH_BASE_URL, () => {
    closed = true;
    state.cancelPending();
    const error = state.violationsError();
    return error === undefined ? Promise.resolve() : Promise.reject(error);
  });
  return Object.assign(controls, {
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      return answer(request, callerSignal(input, init) ?? request.signal);
    },
  });
}

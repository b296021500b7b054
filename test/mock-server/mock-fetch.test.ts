/**
 * The in-process front door, `createMockFetch`: what its `fetch` shows for each fault (what a
 * real `fetch` shows for that wire), how it honours an `AbortSignal`, which origin it answers,
 * and `Request` objects as input. The behaviour it shares with the HTTP server is tested on
 * both front doors in the other files of this folder.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, test } from "vitest";
import type { Fault, FaultKind } from "../helpers/mock.ts";
import { validateAgainstSchema } from "../helpers/spec-validator.ts";
import { creditRequest, IN_PROCESS, useMockServer, withMock } from "./harness.ts";

const mock = useMockServer(IN_PROCESS);

function headers(): Record<string, string> {
  return { authorization: `Bearer ${mock.server.token}`, "content-type": "application/json" };
}

/** A createCredit call with one credit request, through the mock's own `fetch`. */
function postCredit(init: RequestInit = {}): Promise<Response> {
  return mock.server.send("/credits", {
    method: "POST",
    headers: headers(),
    body: JSON.stringify({ creditRequests: [creditRequest()] }),
    ...init,
  });
}

function get(path: string, init: RequestInit = {}): Promise<Response> {
  return mock.server.send(path, { headers: headers(), ...init });
}

/** A connection error as undici reports it: the code of its cause. */
interface FetchFailure extends TypeError {
  cause: { code?: string };
}

/** The error `promise` rejects with (failing the test if it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<FetchFailure> {
  const error = await promise.then(
    () => expect.unreachable("expected a rejection"),
    (thrown: unknown) => thrown,
  );
  return error as FetchFailure;
}

/** Reads a body chunk by chunk: the chunks up to the end, or up to the error. */
async function readChunks(response: Response): Promise<{ chunks: Uint8Array[]; error?: unknown }> {
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      chunks.push(chunk.value);
    }
    return { chunks };
  } catch (error) {
    return { chunks, error };
  }
}

/** Runs V8's full garbage collection (exposed for the test), letting weak references clear. */
async function collectGarbage(): Promise<void> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  for (let round = 0; round < 3; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function byteLength(chunks: Uint8Array[]): number {
  return chunks.reduce((sum, chunk) => sum + chunk.length, 0);
}

test("answers at https://mock.togai.test", () => {
  expect(mock.server.baseUrl).toBe("https://mock.togai.test");
});

describe("what fetch shows for each fault", () => {
  test.each<[FaultKind, string, number]>([
    ["resetBeforeHeaders", "ECONNRESET", 0],
    ["resetMidHeaders", "ECONNRESET", 1],
    ["dropAfterProcessing", "UND_ERR_SOCKET", 1],
  ])(
    "%s: rejects with TypeError('fetch failed'), cause.code %s; credits granted: %i",
    async (kind, code, granted) => {
      mock.server.inject({ kind } as Fault);
      const error = await rejectionOf(postCredit());
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe("fetch failed");
      expect(error.cause.code).toBe(code);
      expect(mock.server.store.size).toBe(granted);
      expect(mock.server.requests).toHaveLength(1);
    },
  );

  test("resetMidBody: resolves, then the body errors with TypeError('terminated'), cause ECONNRESET", async () => {
    mock.server.inject({ kind: "resetMidBody" });
    const response = await postCredit();
    expect(response.status).toBe(200);
    const length = Number(response.headers.get("content-length"));
    const { chunks, error } = await readChunks(response);
    expect(byteLength(chunks)).toBe(Math.floor(length / 2));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as FetchFailure).message).toBe("terminated");
    expect((error as FetchFailure).cause.code).toBe("ECONNRESET");
    expect(mock.server.store.size).toBe(1);
  });

  test("stallBody: the headers and part of the body, then the rest", async () => {
    mock.server.seed(3);
    mock.server.inject({ kind: "stallBody", ms: 50 });
    const response = await get("/credits");
    const length = Number(response.headers.get("content-length"));
    const { chunks, error } = await readChunks(response);
    expect(error).toBeUndefined();
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks[0]!.length).toBeLessThan(length);
    expect(byteLength(chunks)).toBe(length);
    const text = new TextDecoder().decode(Buffer.concat(chunks));
    validateAgainstSchema("ListCreditsResponse", JSON.parse(text));
  });

  test("truncatedJson: half the body, a Content-Length of the half, a clean end", async () => {
    mock.server.inject({ kind: "truncatedJson" });
    const response = await postCredit();
    const text = await response.text();
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    expect(mock.server.store.size).toBe(1);
  });

  test("redirect: hands back the 3xx with Location, never following it", async () => {
    mock.server.inject({ kind: "redirect", location: "https://elsewhere.example/x", status: 307 });
    const response = await postCredit({ redirect: "follow" });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("https://elsewhere.example/x");
    expect(mock.server.requests).toHaveLength(1);
    expect(mock.server.store.size).toBe(0);
  });

  test("reset() during a delay drops the answer: cause.code UND_ERR_SOCKET, nothing granted", async () => {
    mock.server.inject({ kind: "delayHeaders", ms: 60_000 });
    const pending = postCredit();
    await expect.poll(() => mock.server.requests.length).toBe(1);
    mock.server.reset();
    const error = await rejectionOf(pending);
    expect([error.message, error.cause.code]).toEqual(["fetch failed", "UND_ERR_SOCKET"]);
    expect(mock.server.store.size).toBe(0);
  });

  test("reset() during a stall: the bytes sent, then TypeError('terminated'), cause UND_ERR_SOCKET", async () => {
    mock.server.seed(3);
    mock.server.inject({ kind: "stallBody", ms: 60_000 });
    const response = await get("/credits");
    const length = Number(response.headers.get("content-length"));
    mock.server.reset();
    const { chunks, error } = await readChunks(response);
    expect(byteLength(chunks)).toBeGreaterThan(0);
    expect(byteLength(chunks)).toBeLessThan(length);
    expect(error).toBeInstanceOf(TypeError);
    const { message, cause } = error as FetchFailure;
    expect([message, cause.code]).toEqual(["terminated", "UND_ERR_SOCKET"]);
  });

  test("close() during a delay drops the answer; after close(), fetch is refused", async () => {
    const closing = await IN_PROCESS.start();
    closing.inject({ kind: "delayHeaders", ms: 60_000 });
    const auth = { authorization: `Bearer ${closing.token}` };
    const pending = closing.send("/credits", { headers: auth });
    await expect.poll(() => closing.requests.length).toBe(1);
    await closing.close();
    expect((await rejectionOf(pending)).cause.code).toBe("UND_ERR_SOCKET");
    const refused = await rejectionOf(closing.send("/credits", { headers: auth }));
    expect([refused.message, refused.cause.code]).toEqual(["fetch failed", "ECONNREFUSED"]);
    expect(closing.requests).toHaveLength(1);
  });
});

describe("an AbortSignal", () => {
  test("aborted before the headers (delayHeaders): rejects with signal.reason", async () => {
    mock.server.inject({ kind: "delayHeaders", ms: 60_000 });
    const controller = new AbortController();
    const pending = postCredit({ signal: controller.signal });
    await expect.poll(() => mock.server.requests.length).toBe(1);
    const reason = new Error("the caller gave up");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  test("is the caller's own: an abort reaches a pending answer after a garbage collection", async () => {
    mock.server.inject({ kind: "delayHeaders", ms: 5_000 });
    const controller = new AbortController();
    const pending = postCredit({ signal: controller.signal });
    await expect.poll(() => mock.server.requests.length).toBe(1);
    await collectGarbage();
    const reason = new Error("the caller gave up");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  test("is the caller's own after the headers too: the body errors after a garbage collection", async () => {
    mock.server.seed(3);
    mock.server.inject({ kind: "stallBody", ms: 5_000 });
    const controller = new AbortController();
    const response = await get("/credits", { signal: controller.signal });
    await collectGarbage();
    const reason = new Error("stopped reading");
    controller.abort(reason);
    await expect(response.text()).rejects.toBe(reason);
  });

  test("aborted during latencyMs: rejects with signal.reason", async () => {
    await withMock(IN_PROCESS, { latencyMs: 60_000 }, async (slow) => {
      const controller = new AbortController();
      const pending = slow.send("/credits", { signal: controller.signal });
      await expect.poll(() => slow.requests.length).toBe(1);
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    });
  });

  test("aborted already: rejects with signal.reason, and the mock sees nothing", async () => {
    const reason = new Error("too late");
    await expect(get("/credits", { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(mock.server.requests).toHaveLength(0);
  });

  test("aborted while the request body is still being sent: rejects, and nothing is processed", async () => {
    let sendRest!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(stream) {
        stream.enqueue(new TextEncoder().encode('{"creditRequests":['));
        sendRest = () => {
          stream.enqueue(new TextEncoder().encode(`${JSON.stringify(creditRequest())}]}`));
          stream.close();
        };
      },
    });
    const controller = new AbortController();
    const pending = postCredit({ body, duplex: "half", signal: controller.signal } as RequestInit);
    const reason = new Error("aborted mid-upload");
    controller.abort(reason);
    sendRest();
    await expect(pending).rejects.toBe(reason);
    await mock.server.whenIdle();
    expect(mock.server.requests).toHaveLength(0);
    expect(mock.server.store.size).toBe(0);
  });

  test("aborted after the headers (stallBody): the body stream errors with signal.reason", async () => {
    mock.server.seed(3);
    mock.server.inject({ kind: "stallBody", ms: 60_000 });
    const controller = new AbortController();
    const response = await get("/credits", { signal: controller.signal });
    expect(response.status).toBe(200);
    const reason = new Error("stopped reading");
    controller.abort(reason);
    await expect(response.text()).rejects.toBe(reason);
  });
});

describe("origins", () => {
  test.each(["https://elsewhere.example/credits", "http://mock.togai.test/credits"])(
    "rejects %s with a TypeError naming both origins, without recording it",
    async (url) => {
      const error = await rejectionOf(mock.server.fetch(url, { headers: headers() }));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toContain(new URL(url).origin);
      expect(error.message).toContain("https://mock.togai.test");
      expect(mock.server.requests).toHaveLength(0);
    },
  );
});

describe("input", () => {
  test("takes a Request object, as MSW hands one to a handler", async () => {
    const body = { creditRequests: [creditRequest({ idempotencyKey: "from-a-request" })] };
    const request = new Request(`${mock.server.baseUrl}/credits`, {
      method: "POST",
      headers: headers(),
      body: JSON.stringify(body),
    });
    const response = await mock.server.fetch(request);
    expect(response.status).toBe(200);
    expect(mock.server.requests[0]).toMatchObject({ method: "POST", url: "/credits", json: body });
    expect(mock.server.store.creditsByIdempotencyKey("from-a-request")).toHaveLength(1);
  });

  test("takes a URL object, and a Request with init overriding it", async () => {
    const url = new URL("/credits?status=ACTIVE", mock.server.baseUrl);
    expect((await mock.server.fetch(url, { headers: headers() })).status).toBe(200);
    const request = new Request(url, { headers: headers() });
    const response = await mock.server.fetch(request, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(mock.server.requests.map((r) => [r.method, r.url])).toEqual([
      ["GET", "/credits?status=ACTIVE"],
      ["DELETE", "/credits?status=ACTIVE"],
    ]);
  });

  test("honours the signal a Request carries", async () => {
    const reason = new Error("aborted by the Request's own signal");
    const request = new Request(`${mock.server.baseUrl}/credits`, {
      headers: headers(),
      signal: AbortSignal.abort(reason),
    });
    await expect(mock.server.fetch(request)).rejects.toBe(reason);
  });
});

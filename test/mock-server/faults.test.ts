import { describe, expect, test } from "vitest";
import type {
  CreateCreditResponse,
  CreditDetailsResponse,
  ListCreditsResponse,
} from "../../generated/credits.ts";
import { validateAgainstSchema } from "../helpers/spec-validator.ts";
import { creditRequest, forEachDriver, useMockServer, withMock } from "./harness.ts";

/**
 * The `cause.code` of what `fetch` rejects with (or a body stream errors with) when a fault
 * resets the connection after some bytes of the answer: `ECONNRESET`, or, over HTTP, when the
 * reset overtook bytes the client had not yet read, `UND_ERR_SOCKET` (a plain close).
 */
const RESET_AFTER_BYTES = /^(ECONNRESET|UND_ERR_SOCKET)$/;

/** The `cause.code` of the error `promise` rejects with. */
async function causeCodeOf(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(TypeError);
  return ((error as TypeError).cause as { code?: unknown } | undefined)?.code;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

forEachDriver((driver) => {
  const mock = useMockServer(driver);

  function headers(): Record<string, string> {
    return { authorization: `Bearer ${mock.server.token}`, "content-type": "application/json" };
  }

  /** A createCredit call with one keyed credit request, as a raw fetch (it may reject). */
  function postCredit(key = "key-1"): Promise<Response> {
    return mock.server.send("/credits", {
      method: "POST",
      headers: headers(),
      body: JSON.stringify({ creditRequests: [creditRequest({ idempotencyKey: key })] }),
    });
  }

  function get(path: string, init: RequestInit = {}): Promise<Response> {
    return mock.server.send(path, { headers: headers(), ...init });
  }

  describe("inject()", () => {
    test("status: answers the status, headers and an ErrorResponse, without processing", async () => {
      mock.server.inject({ kind: "status", status: 503, headers: { "Retry-After": "2" } });
      const response = await postCredit();
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("2");
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(await response.json()).toEqual({ message: "Injected fault: status 503" });
      expect(mock.server.store.size).toBe(0);
      expect(mock.server.requests[0]!.fault).toBe("status");
    });

    test.each([
      ["seconds", { "retry-after": "2" }],
      ["an HTTP date", { "retry-after": new Date(Date.now() + 3_000).toUTCString() }],
      ["milliseconds", { "retry-after-ms": "150" }],
    ])("status: carries Retry-After in %s", async (_label, retryHeaders) => {
      mock.server.inject({ kind: "status", status: 429, headers: retryHeaders });
      const response = await get("/credits");
      expect(response.status).toBe(429);
      for (const [name, value] of Object.entries(retryHeaders)) {
        expect(response.headers.get(name)).toBe(value);
      }
    });

    test("status: sends a string body as text, anything else as JSON", async () => {
      mock.server.inject({ kind: "status", status: 500, body: "Internal oops" });
      mock.server.inject({ kind: "status", status: 500, body: { error: "other shape" } });
      const text = await get("/credits");
      expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await text.text()).toBe("Internal oops");
      expect(await (await get("/credits")).json()).toEqual({ error: "other shape" });
    });

    test("applies faults in the order injected, then answers normally", async () => {
      mock.server.inject({ kind: "status", status: 500 });
      mock.server.inject({ kind: "status", status: 502 }, { times: 2 });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await get("/credits")).status);
      expect(statuses).toEqual([500, 502, 502, 200]);
      expect(mock.server.pendingFaults()).toBe(0);
    });

    test("applies a fault only to matching requests: method, path or RegExp", async () => {
      mock.server.seed(1, { id: "c1" });
      mock.server.inject({ kind: "status", status: 500 }, { method: "POST", path: "/credits" });
      mock.server.inject({ kind: "status", status: 502 }, { path: /^\/credits\/[^/]+$/ });
      expect((await get("/credits")).status).toBe(200);
      expect((await get("/credits/c1/void", { method: "POST" })).status).toBe(200);
      expect(mock.server.pendingFaults()).toBe(2);
      expect((await get("/credits/c1")).status).toBe(502);
      expect((await postCredit()).status).toBe(500);
      expect(mock.server.pendingFaults()).toBe(0);
    });

    test("matches the raw request-target, query included, with url", async () => {
      mock.server.inject({ kind: "status", status: 503 }, { url: /[?&]status=VOIDED(&|$)/ });
      expect((await get("/credits?status=ACTIVE")).status).toBe(200);
      expect((await get("/credits?pageSize=5&status=VOIDED")).status).toBe(503);
    });

    test("refuses a times that is not a positive integer", () => {
      expect(() => {
        mock.server.inject({ kind: "truncatedJson" }, { times: 0 });
      }).toThrow(RangeError);
    });
  });

  describe("faults on the headers", () => {
    test("delayHeaders: waits, then answers normally", async () => {
      mock.server.inject({ kind: "delayHeaders", ms: 150 });
      const { value: response, ms } = await timed(() => get("/credits"));
      expect(ms).toBeGreaterThanOrEqual(140);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: [] });
    });

    test("resetBeforeHeaders: resets the connection without processing", async () => {
      mock.server.inject({ kind: "resetBeforeHeaders" });
      expect(await causeCodeOf(postCredit())).toBe("ECONNRESET");
      expect(mock.server.store.size).toBe(0);
      expect(mock.server.requests).toHaveLength(1);
    });

    test("resetMidHeaders: processes, then resets in the middle of the headers", async () => {
      mock.server.inject({ kind: "resetMidHeaders" });
      expect(await causeCodeOf(postCredit())).toMatch(RESET_AFTER_BYTES);
      expect(mock.server.store.creditsByIdempotencyKey("key-1")).toHaveLength(1);
    });

    test("dropAfterProcessing: grants the credit and closes without an answer", async () => {
      mock.server.inject({ kind: "dropAfterProcessing" });
      expect(await causeCodeOf(postCredit())).toBe("UND_ERR_SOCKET");
      expect(mock.server.store.creditsByIdempotencyKey("key-1")).toHaveLength(1);
      expect((await postCredit()).status).toBe(200);
      expect(mock.server.store.creditsByIdempotencyKey("key-1")).toHaveLength(1);
    });

    test("redirect: answers a 302 (or the status given) with Location, without processing", async () => {
      mock.server.inject({ kind: "redirect", location: "https://elsewhere.example/credits" });
      mock.server.inject({
        kind: "redirect",
        location: "https://elsewhere.example/x",
        status: 307,
      });
      const found = await get("/credits", { method: "POST", redirect: "manual" });
      expect(found.status).toBe(302);
      expect(found.headers.get("location")).toBe("https://elsewhere.example/credits");
      const temporary = await get("/credits", { redirect: "manual" });
      expect(temporary.status).toBe(307);
      expect(temporary.headers.get("location")).toBe("https://elsewhere.example/x");
      expect(mock.server.store.size).toBe(0);
    });
  });

  describe("faults on the body", () => {
    test("stallBody: sends the headers and part of the body, then the rest after a pause", async () => {
      mock.server.seed(3);
      mock.server.inject({ kind: "stallBody", ms: 200 });
      const started = performance.now();
      const response = await get("/credits");
      const length = Number(response.headers.get("content-length"));
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(first.value!.length).toBeGreaterThan(0);
      expect(first.value!.length).toBeLessThan(length);
      let text = new TextDecoder().decode(first.value);
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        text += new TextDecoder().decode(chunk.value);
      }
      expect(performance.now() - started).toBeGreaterThanOrEqual(190);
      expect(Buffer.byteLength(text)).toBe(length);
      validateAgainstSchema("ListCreditsResponse", JSON.parse(text));
    });

    test("resetMidBody: processes, sends the headers and half the body, then resets", async () => {
      mock.server.inject({ kind: "resetMidBody" });
      const response = await postCredit();
      expect(response.status).toBe(200);
      expect(await causeCodeOf(response.text())).toMatch(RESET_AFTER_BYTES);
      expect(mock.server.store.creditsByIdempotencyKey("key-1")).toHaveLength(1);
    });

    test("truncatedJson: processes, then sends half the JSON with a matching Content-Length", async () => {
      mock.server.inject({ kind: "truncatedJson" });
      const response = await postCredit();
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
      expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
      const credit = mock.server.store.creditsByIdempotencyKey("key-1")[0]!;
      expect(JSON.stringify({ credits: [credit] }).startsWith(text)).toBe(true);
    });

    test("html: answers an HTML error page, without processing", async () => {
      mock.server.inject({ kind: "html", status: 502 });
      const response = await postCredit();
      expect(response.status).toBe(502);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await response.text()).toMatch(/^<!DOCTYPE html>.*502 Bad Gateway/s);
      expect(mock.server.store.size).toBe(0);
    });

    test("emptyBody: a 2xx is processed and answered with an empty body", async () => {
      mock.server.inject({ kind: "emptyBody" });
      const response = await postCredit();
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("");
      expect(mock.server.store.size).toBe(1);
    });

    test("emptyBody: another status is not processed", async () => {
      mock.server.inject({ kind: "emptyBody", status: 503 });
      const response = await postCredit();
      expect(response.status).toBe(503);
      expect(await response.text()).toBe("");
      expect(mock.server.store.size).toBe(0);
    });

    test("contentType: the normal JSON answer with another content type", async () => {
      mock.server.inject({ kind: "contentType", contentType: "text/plain" });
      const response = await postCredit();
      expect(response.headers.get("content-type")).toBe("text/plain");
      validateAgainstSchema("CreateCreditResponse", JSON.parse(await response.text()));
    });

    test("body: any status, body and content type, without processing", async () => {
      mock.server.inject({ kind: "body", body: { unexpected: true } });
      mock.server.inject({ kind: "body", status: 201, body: "<xml/>", contentType: "text/xml" });
      expect(await (await postCredit()).json()).toEqual({ unexpected: true });
      const xml = await postCredit();
      expect([xml.status, xml.headers.get("content-type"), await xml.text()]).toEqual([
        201,
        "text/xml",
        "<xml/>",
      ]);
      expect(mock.server.store.size).toBe(0);
    });

    test("hugeBody: pads the normal answer to 10 MB of valid JSON with the same data", async () => {
      const [credit] = mock.server.seed(1);
      mock.server.inject({ kind: "hugeBody", bytes: 10 * 1024 * 1024 });
      const response = await get(`/credits/${credit!.id}`);
      const text = await response.text();
      expect(Buffer.byteLength(text)).toBe(10 * 1024 * 1024);
      const details = JSON.parse(text) as CreditDetailsResponse;
      validateAgainstSchema("CreditDetailsResponse", details);
      expect(details).toEqual(mock.server.store.get(credit!.id));
    });
  });

  describe("repeatNextToken", () => {
    test("answers a page whose nextToken is the request's own", async () => {
      mock.server.seed(120);
      mock.server.inject({ kind: "repeatNextToken" });
      const first = (await (await get("/credits")).json()) as ListCreditsResponse;
      expect(mock.server.pendingFaults()).toBe(1);
      const query = `nextToken=${encodeURIComponent(first.nextToken!)}`;
      const second = (await (await get(`/credits?${query}`)).json()) as ListCreditsResponse;
      expect(second.nextToken).toBe(first.nextToken);
      expect(second.data).toHaveLength(50);
      expect(second.data[0]!.id).not.toBe(first.data[0]!.id);
      expect(mock.server.pendingFaults()).toBe(0);
    });
  });

  describe("lifecycle", () => {
    test("latencyMs delays every answer", async () => {
      await withMock(driver, { latencyMs: 100 }, async (slow) => {
        const auth = { authorization: `Bearer ${slow.token}` };
        const { value, ms } = await timed(() => slow.send("/credits", { headers: auth }));
        expect(value.status).toBe(200);
        expect(ms).toBeGreaterThanOrEqual(90);
      });
    });

    test("reset() drops a delayed answer without processing it", async () => {
      mock.server.inject({ kind: "delayHeaders", ms: 5_000 });
      const pending = postCredit();
      await expect.poll(() => mock.server.requests.length).toBe(1);
      mock.server.reset();
      await expect(pending).rejects.toThrow(TypeError);
      expect(mock.server.store.size).toBe(0);
    });

    test("whenIdle() resolves once a delayed answer is processed, after the client gave up", async () => {
      mock.server.inject({ kind: "delayHeaders", ms: 200 });
      const controller = new AbortController();
      const pending = mock.server
        .send("/credits", {
          method: "POST",
          headers: headers(),
          body: JSON.stringify({ creditRequests: [creditRequest({ idempotencyKey: "late" })] }),
          signal: controller.signal,
        })
        .catch(() => undefined);
      await expect.poll(() => mock.server.requests.length).toBe(1);
      controller.abort();
      await pending;
      expect(mock.server.store.size).toBe(0);
      await mock.server.whenIdle();
      expect(mock.server.store.creditsByIdempotencyKey("late")).toHaveLength(1);
    });

    test("close() ends stalled answers and idle connections at once", async () => {
      const server = await driver.start();
      const auth = { authorization: `Bearer ${server.token}` };
      await server.send("/credits", { headers: auth }).then((r) => r.text());
      // A stall longer than the test's timeout: a close() that waited for it would time out.
      server.inject({ kind: "stallBody", ms: 60_000 });
      const stalled = await server.send("/credits", { headers: auth });
      await server.close();
      await expect(stalled.text()).rejects.toThrow(TypeError);
    });

    test("close() rejects when answers broke the spec", async () => {
      const server = await driver.start();
      server.seed(1, { id: "c1", status: "PENDING" as "ACTIVE" });
      await server.send("/credits/c1", { headers: { authorization: "Bearer test-token" } });
      expect(server.specViolations).toEqual([
        expect.stringMatching(/^GET \/credits\/c1 -> 200: not a valid CreditDetailsResponse/),
      ]);
      await expect(server.close()).rejects.toThrow(/broke the spec/);
    });

    test("createCredit answers can be read back after every processed fault", async () => {
      mock.server.inject({ kind: "truncatedJson" });
      await (await postCredit("k-a")).text();
      const replay = (await (await postCredit("k-a")).json()) as CreateCreditResponse;
      expect(replay.credits[0]!.idempotencyKey).toBe("k-a");
      expect(mock.server.store.creditsByIdempotencyKey("k-a")).toHaveLength(1);
    });
  });
});

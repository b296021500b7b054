import { describe, expect, test } from "vitest";
import { TogaiTimeoutError } from "../../src/index.ts";
import { createCreditsClient } from "../helpers/transport.ts";
import { clientFor, useMockServer } from "../helpers/mock-client.ts";

const server = useMockServer();

describe("timeoutMs", () => {
  test("covers waiting for the headers", async () => {
    server().inject({ kind: "delayHeaders", ms: 2_000 });
    const togai = clientFor(server(), { timeoutMs: 100, maxRetries: 0 });
    const error = await togai.credits.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TogaiTimeoutError);
    expect((error as Error).message).toBe("GET /credits: no complete answer within 100 ms");
  });

  test("covers a body that stalls after the headers", async () => {
    server().inject({ kind: "stallBody", ms: 2_000 });
    const togai = clientFor(server(), { timeoutMs: 150, maxRetries: 0 });
    await expect(togai.credits.list()).rejects.toBeInstanceOf(TogaiTimeoutError);
  });

  test("applies per attempt: a timed-out attempt is retried and the next one succeeds", async () => {
    server().inject({ kind: "delayHeaders", ms: 2_000 });
    const togai = clientFor(server(), { timeoutMs: 600 });
    expect((await togai.credits.list()).data).toEqual([]);
    expect(server().requests).toHaveLength(2);
  });

  test("can be set per call", async () => {
    server().inject({ kind: "delayHeaders", ms: 2_000 });
    const togai = clientFor(server(), { maxRetries: 0 });
    await expect(togai.credits.list({}, { timeoutMs: 100 })).rejects.toBeInstanceOf(
      TogaiTimeoutError,
    );
  });

  test("starts afresh for every call, long after the client was made", async () => {
    const togai = clientFor(server(), { timeoutMs: 600 });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await togai.credits.list()).data).toEqual([]);
  });
});

describe("signal", () => {
  test("aborting during a request rejects with the signal's reason, without retrying", async () => {
    server().inject({ kind: "delayHeaders", ms: 2_000 });
    const controller = new AbortController();
    const call = clientFor(server()).credits.list({}, { signal: controller.signal });
    setTimeout(() => {
      controller.abort();
    }, 50);
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    expect(server().requests).toHaveLength(1);
  });

  test("aborting during a back-off wait rejects at once with the signal's reason", async () => {
    server().inject({ kind: "status", status: 503, headers: { "retry-after": "5" } }, { times: 3 });
    const togai = clientFor(server());
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const started = performance.now();
    const call = togai.credits.list({}, { signal: controller.signal });
    setTimeout(() => {
      controller.abort(reason);
    }, 100);
    await expect(call).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(server().requests).toHaveLength(1);
  });

  test("an already aborted signal rejects without a request", async () => {
    const togai = clientFor(server());
    await expect(togai.credits.get("x", { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(server().requests).toHaveLength(0);
  });

  test("a custom fetch receives the attempt's signal", async () => {
    let received: AbortSignal | undefined;
    const togai = createCreditsClient({
      token: "t",
      fetch: (_input, init) => {
        received = init?.signal ?? undefined;
        return Promise.resolve(Response.json({ data: [] }));
      },
    });
    await togai.credits.list();
    expect(received).toBeInstanceOf(AbortSignal);
    expect(received?.aborted).toBe(false);
  });
});

describe("attempts in flight together", () => {
  test("keep their own outcome: a stalled one times out, the others answer", async () => {
    server().inject({ kind: "delayHeaders", ms: 3_000 }, { path: "/credits/slow" });
    server().seed(1);
    const togai = clientFor(server(), { timeoutMs: 1_000, maxRetries: 0 });
    const results = await Promise.allSettled([
      togai.credits.get("slow"),
      togai.credits.list(),
      togai.credits.list(),
      togai.credits.list(),
    ]);
    expect(results[0]).toMatchObject({
      status: "rejected",
      reason: expect.any(TogaiTimeoutError) as unknown,
    });
    expect(results.slice(1).map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
  });
});

describe("a caller's signal shared by many calls", () => {
  test("is listened to once per client: no MaxListenersExceededWarning, and aborting stops them all", async () => {
    server().seed(1);
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const togai = clientFor(server());
      const controller = new AbortController();
      await Promise.all(
        Array.from({ length: 30 }, () => togai.credits.list({}, { signal: controller.signal })),
      );
      server().inject({ kind: "delayHeaders", ms: 2_000 }, { times: 20 });
      const calls = Array.from({ length: 20 }, () =>
        togai.credits.list({}, { signal: controller.signal }).catch((e: unknown) => e),
      );
      setTimeout(() => {
        controller.abort();
      }, 100);
      const outcomes = await Promise.all(calls);
      expect(outcomes.every((e) => e instanceof DOMException && e.name === "AbortError")).toBe(
        true,
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(warnings.map((w) => w.name)).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", onWarning);
    }
  });
});

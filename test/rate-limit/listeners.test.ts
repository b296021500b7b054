/**
 * The waits listen to a caller's signal once, however many of its calls wait: 200 calls that
 * share one signal add no `MaxListenersExceededWarning`, and once none waits, the waits no
 * longer listen to it.
 */
import { getEventListeners } from "node:events";
import { describe, expect, test } from "vitest";
import { createRateLimiter } from "../../src/index.ts";
import { useWarnings } from "../helpers/warnings.ts";
import { inProcessClient } from "../helpers/mock-client.ts";
import { createMockFetch } from "../helpers/mock.ts";

const CALLS = 200;

const warnings = useWarnings();

describe(`${CALLS} calls sharing one signal`, () => {
  test("wait behind maxConcurrency with one listener on it, and no MaxListenersExceededWarning", async () => {
    const mock = createMockFetch({ latencyMs: 1 });
    const [credit] = mock.seed(1);
    const togai = inProcessClient(mock, { maxConcurrency: 2 });
    const { signal } = new AbortController();
    const before = getEventListeners(signal, "abort").length;

    const calls = Array.from({ length: CALLS }, () => togai.credits.get(credit!.id, { signal }));
    await new Promise((resolve) => setImmediate(resolve));
    // The slots' one listener, and the client's own, for the attempts' deadlines.
    expect(getEventListeners(signal, "abort").length - before).toBeLessThanOrEqual(2);
    await Promise.all(calls);

    expect(await warnings.maxListeners()).toEqual([]);
    expect(mock.requests).toHaveLength(CALLS);
    await mock.close();
  });

  test("waiting for tokens all reject with signal.reason when it aborts, and leave no listener", async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 0.01 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = Array.from({ length: CALLS }, () => limiter.acquire(controller.signal));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);

    const reason = new Error("stop them all");
    controller.abort(reason);

    const outcomes = await Promise.allSettled(waiting);
    expect(
      outcomes.every((outcome) => outcome.status === "rejected" && outcome.reason === reason),
    ).toBe(true);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    expect(await warnings.maxListeners()).toEqual([]);
  });

  test("the one listener goes once every waiter of the signal has been granted", async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 1000, burst: 1 });
    await limiter.acquire();
    const { signal } = new AbortController();
    await Promise.all(Array.from({ length: 20 }, () => limiter.acquire(signal)));
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });
});

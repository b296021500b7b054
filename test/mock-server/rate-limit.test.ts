/**
 * The mock's `rateLimit`: a token bucket over all requests; past it, 429 with `Retry-After`
 * and `retry-after-ms`, the request not processed and recorded with `fault: "rateLimit"`.
 * Rates here are so low (one request per 100 s) that no test depends on the clock.
 */
import { describe, expect, test } from "vitest";
import { createCreditsClient, RateLimitError } from "../../src/index.ts";
import { creditRequest, forEachDriver, readAnswer, withMock, type DrivenMock } from "./harness.ts";

const SLOW = { requestsPerSecond: 0.01, burst: 2 };

function post(mock: DrivenMock) {
  return mock
    .send("/credits", {
      method: "POST",
      headers: { authorization: `Bearer ${mock.token}`, "content-type": "application/json" },
      body: JSON.stringify({ creditRequests: [creditRequest()] }),
    })
    .then(readAnswer);
}

forEachDriver((driver) => {
  describe("rateLimit", () => {
    test("lets the burst through, then answers 429 with Retry-After and retry-after-ms, unprocessed", async () => {
      await withMock(driver, { rateLimit: SLOW }, async (mock) => {
        const answers = [await post(mock), await post(mock), await post(mock)];

        expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429]);
        const limited = answers[2]!;
        const waitMs = Number(limited.headers.get("retry-after-ms"));
        expect(waitMs).toBeGreaterThan(90_000);
        expect(waitMs).toBeLessThanOrEqual(100_000);
        expect(limited.headers.get("retry-after")).toBe(String(Math.ceil(waitMs / 1000)));
        expect(limited.json).toEqual({ message: "Rate limit exceeded" });
        expect(mock.store.size).toBe(2);
        expect(mock.requests.map((request) => request.fault)).toEqual([
          undefined,
          undefined,
          "rateLimit",
        ]);
      });
    });

    test("keeps an injected fault for the next request it lets in", async () => {
      await withMock(driver, { rateLimit: { requestsPerSecond: 0.01, burst: 1 } }, async (mock) => {
        await post(mock);
        mock.inject({ kind: "status", status: 503 });
        expect((await post(mock)).status).toBe(429);
        expect(mock.pendingFaults()).toBe(1);
      });
    });

    test("reset() refills the bucket", async () => {
      await withMock(driver, { rateLimit: SLOW }, async (mock) => {
        await post(mock);
        await post(mock);
        mock.reset();
        expect([(await post(mock)).status, (await post(mock)).status]).toEqual([200, 200]);
      });
    });

    test("is met by the client as a RateLimitError when the wait is past 60 s", async () => {
      await withMock(driver, { rateLimit: { requestsPerSecond: 0.01, burst: 1 } }, async (mock) => {
        const [credit] = mock.seed(1);
        const togai = createCreditsClient({
          baseUrl: mock.baseUrl,
          token: mock.token,
          ...(mock.clientFetch && { fetch: mock.clientFetch }),
        });
        await togai.credits.get(credit!.id);
        const error = await togai.credits.get(credit!.id).catch((thrown: unknown) => thrown);
        expect(error).toBeInstanceOf(RateLimitError);
        expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(60_000);
      });
    });
  });

  describe("rateLimit, bad options", () => {
    test.each([
      [
        { requestsPerSecond: 0 },
        "mock: rateLimit.requestsPerSecond must be a number above 0, got 0",
      ],
      [
        { requestsPerSecond: Number.NaN },
        "mock: rateLimit.requestsPerSecond must be a number above 0, got NaN",
      ],
      [
        { requestsPerSecond: 5, burst: 0.5 },
        "mock: rateLimit.burst must be a number of at least 1, got 0.5",
      ],
      [5, "mock: rateLimit must be { requestsPerSecond, burst? }"],
    ])("%o", async (rateLimit, message) => {
      await expect(driver.start({ rateLimit: rateLimit as never })).rejects.toThrow(message);
    });
  });
});

/**
 * `maxConcurrency`: at most that many attempts of a client in flight, whatever the calls
 * (`create`, `get`, `listAll` with prefetch), served in order of arrival.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { createCreditsClient } from "../../src/index.ts";
import { inProcessClient } from "../helpers/mock-client.ts";
import { createMockFetch, type MockFetch } from "../helpers/mock.ts";
import { sampleCreditRequest } from "../helpers/mock-client.ts";
import { advance, settle, useFakeTime } from "./fake-time.ts";

/** The kit's `fetch`, counting the requests in flight and their high-water mark. */
function counted(mock: MockFetch) {
  const count = { inFlight: 0, highest: 0 };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    count.highest = Math.max(count.highest, ++count.inFlight);
    try {
      return await mock.fetch(input, init);
    } finally {
      count.inFlight--;
    }
  };
  return { count, fetch };
}

describe("maxConcurrency", () => {
  test("never more than 4 in flight across create, get and listAll with prefetch", async () => {
    const mock = createMockFetch({ latencyMs: 2 });
    const seeded = mock.seed(30, { accountId: "ACC-CAP" });
    const { count, fetch } = counted(mock);
    const togai = createCreditsClient({
      baseUrl: mock.baseUrl,
      token: mock.token,
      fetch,
      maxConcurrency: 4,
    });
    const walk = async () => {
      const ids: string[] = [];
      const credits = togai.credits.listAll(
        { account_id: "ACC-CAP", pageSize: 5 },
        { prefetch: true },
      );
      for await (const credit of credits) ids.push(credit.id);
      return ids;
    };

    const [walks, gets, creates] = await Promise.all([
      Promise.all([walk(), walk(), walk()]),
      Promise.all(seeded.map((credit) => togai.credits.get(credit.id))),
      Promise.all(
        Array.from({ length: 10 }, () =>
          togai.credits.create({ creditRequests: [sampleCreditRequest()] }),
        ),
      ),
    ]);

    expect(walks.map((ids) => ids.length)).toEqual([30, 30, 30]);
    expect(gets).toHaveLength(30);
    expect(creates).toHaveLength(10);
    expect(count.highest).toBe(4);
    await mock.close();
  });

  describe("under fake time", () => {
    useFakeTime();
    afterEach(() => {
      vi.restoreAllMocks();
    });

    test("serves calls in order of arrival, and a retry keeps its call's place", async () => {
      vi.spyOn(Math, "random").mockReturnValue(1);
      const mock = createMockFetch({ latencyMs: 100 });
      const [credit] = mock.seed(1);
      mock.inject({ kind: "status", status: 503 }, { times: 1 });
      const togai = inProcessClient(mock, {
        maxConcurrency: 1,
        backoff: { initialDelayMs: 50, maxDelayMs: 50 },
      });
      const names = ["A", "B", "C"];
      const calls = names.map((name) =>
        togai.credits.get(credit!.id, { headers: { "x-call": name } }),
      );
      // A: 503 at 100 ms, back-off until 150 ms; B goes at 100 ms and ends at 200 ms.
      await advance(100);
      await advance(100);
      await advance(100);
      await advance(100);
      await Promise.all(calls);

      expect(
        mock.requests.map((r) => `${String(r.headers["x-call"])}${r.fault ? " 503" : ""}`),
      ).toEqual(["A 503", "B", "A", "C"]);
      await mock.close();
    });

    test("an abort while waiting for a slot rejects with signal.reason, and the others keep their order", async () => {
      const mock = createMockFetch({ latencyMs: 100 });
      const [credit] = mock.seed(1);
      const togai = inProcessClient(mock, { maxConcurrency: 1 });
      const controller = new AbortController();
      const call = (name: string, signal?: AbortSignal) =>
        togai.credits.get(credit!.id, { headers: { "x-call": name }, ...(signal && { signal }) });
      const calls = [call("A"), call("B"), call("C", controller.signal), call("D")];
      await settle(() => mock.requests.length === 1);
      const reason = new Error("no longer needed");
      controller.abort(reason);

      await expect(calls[2]).rejects.toBe(reason);
      for (let step = 0; step < 3; step++) await advance(100);
      await Promise.all([calls[0], calls[1], calls[3]]);
      expect(mock.requests.map((r) => r.headers["x-call"])).toEqual(["A", "B", "D"]);
      await mock.close();
    });

    test("the wait for a slot is not part of timeoutMs", async () => {
      const mock = createMockFetch({ latencyMs: 400 });
      const [credit] = mock.seed(1);
      const togai = inProcessClient(mock, { maxConcurrency: 1, timeoutMs: 500, maxRetries: 0 });
      const calls = [togai.credits.get(credit!.id), togai.credits.get(credit!.id)];
      await advance(400);
      await advance(400);
      await expect(Promise.all(calls)).resolves.toHaveLength(2);
      await mock.close();
    });
  });
});

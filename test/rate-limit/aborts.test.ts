/** Every wait before an attempt ends with the caller's `signal.reason`, and the rest keep their order. */
import { describe, expect, test } from "vitest";
import { inProcessClient } from "../helpers/mock-client.ts";
import { createMockFetch } from "../helpers/mock.ts";
import { advance, settle, useFakeTime } from "./fake-time.ts";

useFakeTime();

describe("an abort while waiting", () => {
  test("behind the 429 gate rejects with signal.reason; the others go in order when it opens", async () => {
    const mock = createMockFetch();
    const [credit] = mock.seed(1);
    mock.inject({ kind: "status", status: 429, headers: { "retry-after-ms": "1000" } });
    const togai = inProcessClient(mock);
    const first = togai.credits.get(credit!.id, { headers: { "x-call": "A" } });
    await settle(() => mock.requests.length === 1);
    await settle();
    const controller = new AbortController();
    const b = togai.credits.get(credit!.id, { headers: { "x-call": "B" } });
    const c = togai.credits.get(credit!.id, {
      headers: { "x-call": "C" },
      signal: controller.signal,
    });
    const d = togai.credits.get(credit!.id, { headers: { "x-call": "D" } });
    const reason = new DOMException("gave up", "AbortError");
    controller.abort(reason);

    await expect(c).rejects.toBe(reason);
    await advance(1000);
    await Promise.all([first, b, d]);
    expect(mock.requests.map((r) => r.headers["x-call"])).toEqual(["A", "A", "B", "D"]);
    await mock.close();
  });

  test("of a call whose retry waits behind its own 429 rejects with signal.reason", async () => {
    const mock = createMockFetch();
    const [credit] = mock.seed(1);
    mock.inject({ kind: "status", status: 429, headers: { "retry-after-ms": "1000" } });
    const togai = inProcessClient(mock, { maxConcurrency: 1 });
    const controller = new AbortController();
    const first = togai.credits.get(credit!.id, { signal: controller.signal });
    await settle(() => mock.requests.length === 1);
    await settle();
    const next = togai.credits.get(credit!.id);
    const reason = new Error("cancelled");
    controller.abort(reason);
    await expect(first).rejects.toBe(reason);
    // Its slot is given back: the next call goes when the gate opens.
    await advance(1000);
    await expect(next).resolves.toMatchObject({ id: credit!.id });
    expect(mock.requests).toHaveLength(2);
    await mock.close();
  });

  test("for a token rejects with signal.reason, and leaves the others their order", async () => {
    const mock = createMockFetch();
    const [credit] = mock.seed(1);
    const togai = inProcessClient(mock, { rateLimit: { requestsPerSecond: 1 } });
    const controller = new AbortController();
    const names = ["A", "B", "C", "D"];
    const calls = names.map((name) =>
      togai.credits.get(credit!.id, {
        headers: { "x-call": name },
        ...(name === "C" && { signal: controller.signal }),
      }),
    );
    await settle(() => mock.requests.length === 1);
    const reason = new Error("not now");
    controller.abort(reason);
    await expect(calls[2]).rejects.toBe(reason);
    await advance(1000);
    await advance(1000);
    await Promise.all([calls[0], calls[1], calls[3]]);
    expect(mock.requests.map((r) => r.headers["x-call"])).toEqual(["A", "B", "D"]);
    await mock.close();
  });
});

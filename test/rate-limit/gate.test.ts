/**
 * The 429 gate: a 429 that asks to wait at most 60 s closes the client for that long; calls
 * made meanwhile wait behind it, in order, and the call that met the 429 goes first.
 */
import { describe, expect, test } from "vitest";
import { RateLimitError } from "../../src/index.ts";
import { inProcessClient } from "../helpers/mock-client.ts";
import { createMockFetch, type MockFetch } from "../helpers/mock.ts";
import { advance, settle, useFakeTime } from "./fake-time.ts";

useFakeTime();

function clientOf(mock: MockFetch, outcomes: string[] = []) {
  return inProcessClient(mock, {
    logger: { debug: (_message, fields) => outcomes.push(String(fields.outcome)) },
  });
}

const tooMany = (headers: Record<string, string>) =>
  ({ kind: "status", status: 429, headers }) as const;

describe("the 429 gate", () => {
  test("holds the calls made after a 429 until the first call's retry has gone, then all succeed", async () => {
    const mock = createMockFetch();
    const [credit] = mock.seed(1);
    mock.inject(tooMany({ "retry-after-ms": "1000" }));
    const outcomes: string[] = [];
    const togai = clientOf(mock, outcomes);

    const first = togai.credits.get(credit!.id);
    await settle(() => outcomes.length === 1);
    expect(outcomes).toEqual(["retry"]);
    const later = Array.from({ length: 20 }, () => togai.credits.get(credit!.id));
    await advance(999);
    expect(mock.requests).toHaveLength(1);

    await advance(1);
    const answers = await Promise.all([first, ...later]);

    expect(answers.map((answer) => answer.id)).toEqual(
      Array.from({ length: 21 }, () => credit!.id),
    );
    expect(mock.requests.map((request) => request.fault)).toEqual([
      "status",
      ...Array.from({ length: 21 }, () => undefined),
    ]);
    expect(mock.requests.map((request) => request.headers["x-togai-retry-count"])).toEqual([
      undefined,
      "1",
      ...Array.from({ length: 20 }, () => undefined),
    ]);
    await mock.close();
  });

  test("lets the attempts already sent finish as they will, and queues their retries in order of arrival", async () => {
    const mock = createMockFetch({ latencyMs: 100 });
    const [credit] = mock.seed(1);
    mock.inject(tooMany({ "retry-after-ms": "1000" }), { times: 2 });
    const togai = clientOf(mock);
    const calls = [togai.credits.get(credit!.id), togai.credits.get(credit!.id)];
    await settle(() => mock.requests.length === 2);
    await advance(100);
    const third = togai.credits.get(credit!.id);

    await advance(999);
    expect(mock.requests).toHaveLength(2);
    await advance(1 + 100);
    await Promise.all([...calls, third]);

    expect(mock.requests.map((r) => [r.fault, r.headers["x-togai-retry-count"]])).toEqual([
      ["status", undefined],
      ["status", undefined],
      [undefined, "1"],
      [undefined, "1"],
      [undefined, undefined],
    ]);
    await mock.close();
  });

  test("a 429 past 60 s is not shared: only the call that met it raises, at once", async () => {
    const mock = createMockFetch();
    const [credit] = mock.seed(1);
    mock.inject(tooMany({ "retry-after": "3600" }));
    const togai = clientOf(mock);

    const error = await togai.credits.get(credit!.id).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);

    await expect(togai.credits.get(credit!.id)).resolves.toMatchObject({ id: credit!.id });
    expect(mock.requests.map((request) => request.fault)).toEqual(["status", undefined]);
    await mock.close();
  });

  test("a 429 without a wait pauses the client for the back-off it retries after", async () => {
    const mock = createMockFetch();
    const [credit] = mock.seed(1);
    mock.inject({ kind: "status", status: 429 });
    const outcomes: string[] = [];
    const togai = inProcessClient(mock, {
      backoff: { initialDelayMs: 400, maxDelayMs: 400 },
      logger: { debug: (_message, fields) => outcomes.push(String(fields.retryInMs)) },
    });
    const first = togai.credits.get(credit!.id);
    await settle(() => outcomes.length === 1);
    const wait = Number(outcomes[0]);
    const second = togai.credits.get(credit!.id);
    await advance(Math.max(0, wait - 2));
    expect(mock.requests).toHaveLength(1);

    await advance(3);
    await Promise.all([first, second]);
    expect(mock.requests.map((r) => r.headers["x-togai-retry-count"])).toEqual([
      undefined,
      "1",
      undefined,
    ]);
    await mock.close();
  });

  test("also holds a call whose retries are used up: the pause is the server's, not the call's", async () => {
    const mock = createMockFetch();
    const [credit] = mock.seed(1);
    mock.inject(tooMany({ "retry-after-ms": "500" }));
    const togai = inProcessClient(mock, { maxRetries: 0 });
    await expect(togai.credits.get(credit!.id)).rejects.toBeInstanceOf(RateLimitError);
    const next = togai.credits.get(credit!.id);
    await advance(499);
    expect(mock.requests).toHaveLength(1);
    await advance(1);
    await expect(next).resolves.toMatchObject({ id: credit!.id });
    await mock.close();
  });

  test("is per client: another client without a shared limiter goes on", async () => {
    const mock = createMockFetch();
    const [credit] = mock.seed(1);
    mock.inject(tooMany({ "retry-after-ms": "1000" }));
    const outcomes: string[] = [];
    const paused = clientOf(mock, outcomes);
    const other = clientOf(mock);
    const first = paused.credits.get(credit!.id);
    await settle(() => outcomes.length === 1);

    await expect(other.credits.get(credit!.id)).resolves.toMatchObject({ id: credit!.id });
    await advance(1000);
    await first;
    await mock.close();
  });
});

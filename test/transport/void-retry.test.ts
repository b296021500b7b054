/**
 * `credits.void` is not idempotent, so the client retries it only when the server cannot have
 * acted: a 429, or a refused connection (nothing was sent). On the Node transport, a refused
 * connection must look exactly as it does on `fetch` for that rule to apply.
 *
 * To make "refused, then answered" deterministic, the back-off wait is replaced (vi.mock of
 * src/delay.ts) by a gate that starts the mock server on the port that refused the first
 * attempt: the retry is sent only once the server listens.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { createCreditsClient } from "../../src/node.ts";
import { TogaiConnectionError } from "../../src/index.ts";
import { closedPort, rejectionOf } from "../helpers/mock-client.ts";
import { startMockServer, type MockServer } from "../helpers/mock.ts";

const retryGate = vi.hoisted(() => ({
  /** What the client waits for between two attempts. */
  wait: (): Promise<void> => Promise.resolve(),
}));
vi.mock("../../src/delay.ts", () => ({ delay: () => retryGate.wait() }));

const CREDIT_ID = "creds.void-after-refused";

let mock: MockServer | undefined;
afterEach(async () => {
  retryGate.wait = () => Promise.resolve();
  await mock?.close();
  mock = undefined;
});

describe("credits.void on the Node transport", () => {
  test("is retried after ECONNREFUSED, and voids the credit once", async () => {
    const port = await closedPort();
    const outcomes: unknown[] = [];
    retryGate.wait = async () => {
      mock = await startMockServer({ port });
      mock.seed(1, { id: CREDIT_ID });
    };
    const togai = createCreditsClient({
      token: "test-token",
      baseUrl: `http://127.0.0.1:${port}`,
      maxRetries: 1,
      logger: { debug: (_message, fields) => outcomes.push(fields.outcome) },
    });

    const voided = await togai.credits.void(CREDIT_ID);

    expect(voided).toMatchObject({ id: CREDIT_ID, status: "VOIDED" });
    expect(outcomes).toEqual(["retry", "ok"]);
    expect(mock?.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
      `POST /credits/${CREDIT_ID}/void`,
    ]);
  });

  test("is not retried after a reset (the server may have acted)", async () => {
    mock = await startMockServer();
    mock.seed(1, { id: CREDIT_ID });
    mock.inject({ kind: "resetBeforeHeaders" });
    let waits = 0;
    retryGate.wait = () => {
      waits++;
      return Promise.resolve();
    };
    const togai = createCreditsClient({ token: mock.token, baseUrl: mock.url, maxRetries: 2 });

    const error = await rejectionOf(togai.credits.void(CREDIT_ID), TogaiConnectionError);

    expect(error.cause).toMatchObject({ message: "fetch failed", cause: { code: "ECONNRESET" } });
    expect(waits).toBe(0);
    expect(mock.requests).toHaveLength(1);
  });
});

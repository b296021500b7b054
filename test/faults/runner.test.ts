import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { forEachDriver } from "../mock-server/harness.ts";
import { FAULT_ROWS } from "./rows.ts";
import { runRow, type RowContext } from "./runner.ts";

/** A `fetch` that rewrites each createCredit body before it goes out. */
function rewritingBodies(
  rewrite: (body: { creditRequests: Record<string, unknown>[] }) => unknown,
): NonNullable<RowContext["wrapFetch"]> {
  return (send) => (input, init) => {
    if (typeof init?.body !== "string") return send(input, init);
    const body = JSON.parse(init.body) as { creditRequests: Record<string, unknown>[] };
    return send(input, { ...init, body: JSON.stringify(rewrite(body)) });
  };
}

const resetMidHeaders = FAULT_ROWS.find(
  (row) => row.operation === "create" && row.name === "reset mid-headers",
)!;

forEachDriver((driver) => {
  let context: RowContext;

  beforeAll(async () => {
    const [server, otherOrigin] = await Promise.all([driver.start(), driver.start()]);
    context = { driver, server, otherOrigin };
  });

  afterAll(async () => {
    await Promise.all([context.server.close(), context.otherOrigin.close()]);
  });

  describe("the fault suite's own checks", () => {
    test("fail a client that sends a new idempotency key on a retry", async () => {
      const wrapFetch = rewritingBodies(({ creditRequests }) => ({
        creditRequests: creditRequests.map((request) => ({
          ...request,
          idempotencyKey: randomUUID(),
        })),
      }));
      await expect(runRow(resetMidHeaders, { ...context, wrapFetch })).rejects.toThrow();
    });

    test("fail a client that drops a credit request", async () => {
      const wrapFetch = rewritingBodies(({ creditRequests }) => ({
        creditRequests: creditRequests.slice(0, 1),
      }));
      await expect(runRow(resetMidHeaders, { ...context, wrapFetch })).rejects.toThrow();
    });

    test("pass the same row with the client as it is", async () => {
      await expect(runRow(resetMidHeaders, context)).resolves.toMatchObject({
        survived: true,
        attempts: 2,
        lost: 0,
        duplicated: 0,
      });
    });
  });
});

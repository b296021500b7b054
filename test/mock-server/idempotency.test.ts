import { describe, expect, test } from "vitest";
import type { CreateCreditResponse } from "../../generated/credits.ts";
import { creditRequest, forEachDriver, useMockServer } from "./harness.ts";

forEachDriver((driver) => {
  const mock = useMockServer(driver);

  async function create(...requests: Record<string, unknown>[]): Promise<CreateCreditResponse> {
    const response = await mock.call("POST", "/credits", { body: { creditRequests: requests } });
    expect(response.status).toBe(200);
    return response.json as CreateCreditResponse;
  }

  describe("idempotencyKey", () => {
    test("a replayed key returns the credit already granted, never a second one", async () => {
      const first = await create(creditRequest({ idempotencyKey: "k-1", creditAmount: 10 }));
      const replay = await create(creditRequest({ idempotencyKey: "k-1", creditAmount: 10 }));
      expect(replay).toEqual(first);
      expect(mock.server.store.creditsByIdempotencyKey("k-1")).toHaveLength(1);
      expect(mock.server.store.size).toBe(1);
    });

    test("a replay answers the credit as it is now, voided included", async () => {
      const { credits } = await create(creditRequest({ idempotencyKey: "k-2" }));
      await mock.call("POST", `/credits/${credits[0]!.id}/void`);
      const replay = await create(creditRequest({ idempotencyKey: "k-2" }));
      expect(replay.credits[0]).toMatchObject({ id: credits[0]!.id, status: "VOIDED" });
    });

    test("a key repeated inside one batch grants one credit", async () => {
      const { credits } = await create(
        creditRequest({ idempotencyKey: "k-3" }),
        creditRequest({ idempotencyKey: "k-3" }),
        creditRequest({ idempotencyKey: "k-4" }),
      );
      expect(credits[1]).toEqual(credits[0]);
      expect(credits[2]!.id).not.toBe(credits[0]!.id);
      expect(mock.server.store.idempotencyKeyCounts()).toEqual(
        new Map([
          ["k-3", 1],
          ["k-4", 1],
        ]),
      );
    });

    test("credit requests without a key are granted every time", async () => {
      await create(creditRequest());
      await create(creditRequest());
      expect(mock.server.store.size).toBe(2);
      expect(mock.server.store.idempotencyKeyCounts().size).toBe(0);
    });

    test("concurrent replays of one key grant one credit", async () => {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => create(creditRequest({ idempotencyKey: "k-5" }))),
      );
      expect(new Set(answers.map((answer) => answer.credits[0]!.id)).size).toBe(1);
      expect(mock.server.store.creditsByIdempotencyKey("k-5")).toHaveLength(1);
    });
  });
});

import { afterEach, describe, expect, test } from "vitest";
import { EXAMPLES } from "../../generated/examples.ts";
import { OPERATIONS, type OperationId } from "../../generated/operations.ts";
import { exampleReply, withoutHandler } from "../../src/testing/handlers.ts";
import { forEachDriver, useMockServer } from "./harness.ts";

forEachDriver((driver) => {
  const mock = useMockServer(driver);

  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
  });

  /** The request-target of an operation's spec example: path parameters and query filled in. */
  function exampleTarget(path: string, operationId: string): string {
    const examples = EXAMPLES[operationId] ?? {};
    const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(String(examples.path?.[name])),
    );
    const query = new URLSearchParams(
      Object.entries(examples.query ?? {}).map(([name, value]) => [name, String(value)]),
    ).toString();
    return query === "" ? filled : `${filled}?${query}`;
  }

  describe("an operation without a stateful handler", () => {
    test.each(OPERATIONS.map((entry) => [entry.operationId, entry] as const))(
      "%s answers 200 with the spec's example of its answer, once its request is valid",
      async (operationId, entry) => {
        restore = withoutHandler(operationId as OperationId);
        const body = EXAMPLES[operationId]?.body;
        const response = await mock.call(entry.method, exampleTarget(entry.path, operationId), {
          ...(body === undefined ? {} : { body }),
        });
        expect(response.status).toBe(200);
        expect(response.json).toEqual(EXAMPLES[operationId]?.response);
        expect(mock.server.store.size).toBe(0);
      },
    );

    test("still has its path parameters, query and body validated", async () => {
      restore = withoutHandler("CreditBalanceForAccount");
      const tooLong = await mock.call("GET", `/accounts/${"A".repeat(51)}/credit_balance`);
      expect([tooLong.status, tooLong.json]).toEqual([
        400,
        { message: "account_id: must be at most 50 characters long" },
      ]);
      const unknown = await mock.call("GET", "/accounts/ACC1/credit_balance?x=1");
      expect([unknown.status, unknown.json]).toEqual([
        400,
        { message: "x: is not defined in the spec" },
      ]);
      restore();
      restore = withoutHandler("createCredit");
      const invalid = await mock.call("POST", "/credits", { body: { creditRequests: [{}] } });
      expect([invalid.status, invalid.json]).toEqual([
        400,
        { message: "creditRequests[0].accountId: is required" },
      ]);
    });

    test("gets its handler back: the stateful answer again", async () => {
      withoutHandler("getCreditDetails")();
      const response = await mock.call("GET", "/credits/creds.1znQx9jiIXw.r44fc");
      expect(response.status).toBe(404);
    });

    test("answers 500 with a clear message when the spec has no example of its answer", () => {
      expect(exampleReply("noExampleOperation")).toEqual({
        status: 500,
        body: {
          message:
            "Mock: noExampleOperation has no handler and the spec has no example of its answer",
        },
      });
    });
  });
});

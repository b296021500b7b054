import { describe, expect, test } from "vitest";
import type {
  CreateCreditResponse,
  Credit,
  CreditBalanceResponse,
  CreditDetailsResponse,
} from "../../generated/credits.ts";
import { validateAgainstSchema } from "../helpers/spec-validator.ts";
import { creditRequest, forEachDriver, useMockServer } from "./harness.ts";

forEachDriver((driver) => {
  const mock = useMockServer(driver);

  async function grant(overrides: Record<string, unknown> = {}): Promise<Credit> {
    const response = await mock.call("POST", "/credits", {
      body: { creditRequests: [creditRequest(overrides)] },
    });
    expect(response.status).toBe(200);
    return (response.json as CreateCreditResponse).credits[0]!;
  }

  describe("POST /credits (createCredit)", () => {
    test("grants each credit request, in order, as an ACTIVE credit with a new id", async () => {
      const response = await mock.call("POST", "/credits", {
        body: {
          creditRequests: [creditRequest({ accountId: "A1" }), creditRequest({ accountId: "A2" })],
        },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json");
      validateAgainstSchema("CreateCreditResponse", response.json);
      const { credits } = response.json as CreateCreditResponse;
      expect(credits.map((credit) => credit.accountId)).toEqual(["A1", "A2"]);
      expect(credits.map((credit) => credit.status)).toEqual(["ACTIVE", "ACTIVE"]);
      expect(new Set(credits.map((credit) => credit.id)).size).toBe(2);
      expect(mock.server.store.size).toBe(2);
    });

    test("copies every field of the credit request onto the credit", async () => {
      const request = creditRequest({
        applicableEntityIds: ["umg.1", "ALL_USAGE_METER_RATE_CARDS"],
        effectiveUntil: "2025-01-01",
        grantorId: "addon.1",
        idempotencyKey: "key-1",
      });
      const credit = await grant(request);
      expect(credit).toMatchObject(request);
      expect(credit).toMatchObject({ creditUnit: "USD", holdAmount: 0, consumedAmount: 0 });
      expect(Date.parse(credit.createdAt)).not.toBeNaN();
    });

    test("answers an empty batch with no credits", async () => {
      const response = await mock.call("POST", "/credits", { body: { creditRequests: [] } });
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ credits: [] });
    });
  });

  describe("GET /credits/{credit_id} (getCreditDetails)", () => {
    test("returns the credit with a CREDITED transaction of its amount", async () => {
      const credit = await grant({ creditAmount: 250 });
      const response = await mock.call("GET", `/credits/${credit.id}`);
      expect(response.status).toBe(200);
      validateAgainstSchema("CreditDetailsResponse", response.json);
      const details = response.json as CreditDetailsResponse;
      expect(details).toMatchObject(credit);
      expect(details.transactions).toEqual([
        expect.objectContaining({ creditId: credit.id, transactionType: "CREDITED", amount: 250 }),
      ]);
    });
  });

  describe("POST /credits/{credit_id}/void (voidCredit)", () => {
    test("sets the status to VOIDED and records a VOIDED transaction", async () => {
      const [credit] = mock.server.seed(1, {
        creditAmount: 300,
        consumedAmount: 100,
        holdAmount: 20,
      });
      const response = await mock.call("POST", `/credits/${credit!.id}/void`);
      expect(response.status).toBe(200);
      validateAgainstSchema("Credit", response.json);
      expect(response.json).toMatchObject({ id: credit!.id, status: "VOIDED", holdAmount: 0 });
      expect((response.json as Credit).updatedAt).toBeDefined();
      const details = mock.server.store.get(credit!.id)!;
      expect(details.status).toBe("VOIDED");
      expect(details.transactions.map((t) => [t.transactionType, t.amount])).toEqual([
        ["CREDITED", 300],
        ["VOIDED", 200],
      ]);
    });
  });

  describe("GET /accounts/{account_id}/credit_balance (CreditBalanceForAccount)", () => {
    test("sums the account's active credits, apart from other accounts", async () => {
      const server = mock.server;
      server.seed(1, { accountId: "ACC1", creditAmount: 100 });
      server.seed(1, { accountId: "ACC1", creditAmount: 200, consumedAmount: 50, holdAmount: 10 });
      server.seed(1, { accountId: "ACC1", creditAmount: 300, status: "VOIDED" });
      server.seed(1, { accountId: "ACC1", creditAmount: 400, effectiveFrom: "2999-01-01" });
      server.seed(1, { accountId: "ACC2", creditAmount: 5000 });
      const response = await mock.call("GET", "/accounts/ACC1/credit_balance");
      expect(response.status).toBe(200);
      validateAgainstSchema("CreditBalanceResponse", response.json);
      expect(response.json).toMatchObject({
        activeCredits: 700,
        runningBalance: 650,
        availableBalance: 240,
        inapplicableCredits: 400,
        unit: "USD",
      } satisfies Partial<CreditBalanceResponse>);
    });
  });

  describe("request recording", () => {
    test("records method, raw request-target, raw path, headers and body of every request", async () => {
      const body = { creditRequests: [creditRequest()] };
      await mock.call("POST", "/credits", { body, headers: { "x-trace": "1" } });
      await mock.call("GET", "/credits?status=ACTIVE&account_id=A%20B");
      expect(mock.server.requests).toMatchObject([
        {
          method: "POST",
          url: "/credits",
          path: "/credits",
          body: JSON.stringify(body),
          json: body,
          operationId: "createCredit",
          fault: undefined,
        },
        {
          method: "GET",
          url: "/credits?status=ACTIVE&account_id=A%20B",
          path: "/credits",
          body: "",
          operationId: "listCredits",
        },
      ]);
      expect(mock.server.requests[0]!.headers).toMatchObject({
        authorization: `Bearer ${mock.server.token}`,
        "content-type": "application/json",
        "x-trace": "1",
      });
    });

    test("gives every answer an x-request-id", async () => {
      const first = await mock.call("GET", "/credits");
      const second = await mock.call("GET", "/nowhere");
      expect(first.headers.get("x-request-id")).toMatch(/^req_\d+$/);
      expect(second.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    });

    test("reset() clears the store, the requests and the faults", async () => {
      mock.server.seed(3);
      mock.server.inject({ kind: "status", status: 500 });
      await mock.call("GET", "/credits", { token: null });
      mock.server.inject({ kind: "status", status: 500 });
      mock.server.reset();
      expect(mock.server.store.size).toBe(0);
      expect(mock.server.requests).toEqual([]);
      expect(mock.server.pendingFaults()).toBe(0);
      expect((await mock.call("GET", "/credits")).status).toBe(200);
    });
  });

  describe("seed()", () => {
    test("inserts credits with defaults and overrides, computed per index when asked", () => {
      const credits = mock.server.seed(4, (index) => ({
        accountId: `ACC${index % 2}`,
        status: index === 3 ? "EXPIRED" : "ACTIVE",
      }));
      expect(credits.map((credit) => credit.accountId)).toEqual(["ACC0", "ACC1", "ACC0", "ACC1"]);
      expect(credits.map((credit) => credit.status)).toEqual([
        "ACTIVE",
        "ACTIVE",
        "ACTIVE",
        "EXPIRED",
      ]);
      for (const credit of credits) validateAgainstSchema("Credit", credit);
      expect(mock.server.store.all()).toEqual(credits);
    });

    test("inserts 20,000 credits, each with its own id", () => {
      const credits = mock.server.seed(20_000);
      expect(mock.server.store.size).toBe(20_000);
      expect(new Set(credits.map((credit) => credit.id)).size).toBe(20_000);
    });

    test("refuses two credits with one idempotency key", () => {
      expect(() => mock.server.seed(2, { idempotencyKey: "same" })).toThrow(/idempotencyKey/);
    });
  });
});

/**
 * The options of the mock that shape its data and its checks, on both front doors: `now`,
 * deterministic ids, and the kit's own `checkAnswers: true` (the kit as a user gets it, from
 * src/testing/node.ts, not this project's helper with the ajv check).
 */
import { describe, expect, test } from "vitest";
import type {
  CreateCreditResponse,
  Credit,
  CreditBalanceResponse,
  CreditDetailsResponse,
} from "../../generated/credits.ts";
import {
  createMockFetch as createKitMockFetch,
  startMockServer as startKitMockServer,
  type MockServerOptions,
} from "../../src/testing/node.ts";
import {
  creditRequest,
  drive,
  forEachDriver,
  HTTP,
  IN_PROCESS,
  readAnswer,
  withMock,
  type ApiResponse,
  type Driver,
  type DrivenMock,
} from "./harness.ts";

type KitOptions = Omit<MockServerOptions, "port">;

/** Calls `mock` with its token and reads the answer. */
async function call(
  mock: DrivenMock,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${mock.token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = JSON.stringify(body);
  return readAnswer(await mock.send(path, init));
}

/** The kit as a user gets it (no `checkAnswers` unless asked), through `driver`'s front door. */
async function startKit(driver: Driver, options: KitOptions = {}): Promise<DrivenMock> {
  return driver === HTTP
    ? drive(await startKitMockServer(options))
    : drive(createKitMockFetch(options));
}

/** A credit whose id is longer than the spec's `maxLength: 50` for `Credit.id`. */
const TOO_LONG_ID = `creds.${"x".repeat(45)}`;

forEachDriver((driver) => {
  describe("now", () => {
    test("dates createdAt and updatedAt", async () => {
      let now = new Date("2030-05-31T12:00:00.000Z");
      await withMock(driver, { now: () => now }, async (mock) => {
        const [seeded] = mock.seed(1);
        expect(seeded!.createdAt).toBe("2030-05-31T12:00:00.000Z");
        now = new Date("2030-06-01T08:30:00.000Z");
        const created = await call(mock, "POST", "/credits", { creditRequests: [creditRequest()] });
        const [credit] = (created.json as CreateCreditResponse).credits;
        expect(credit!.createdAt).toBe("2030-06-01T08:30:00.000Z");
        now = new Date("2030-06-02T09:45:00.000Z");
        const voided = await call(mock, "POST", `/credits/${credit!.id}/void`);
        expect((voided.json as Credit).updatedAt).toBe("2030-06-02T09:45:00.000Z");
        const details = await call(mock, "GET", `/credits/${credit!.id}`);
        expect(
          (details.json as CreditDetailsResponse).transactions.map((t) => t.createdAt),
        ).toEqual(["2030-06-01T08:30:00.000Z", "2030-06-02T09:45:00.000Z"]);
      });
    });

    test("decides which credits are in effect: a future credit is inapplicable until now reaches it", async () => {
      let now = new Date("2030-05-31T23:59:59.000Z");
      await withMock(driver, { now: () => now }, async (mock) => {
        mock.seed(1, { accountId: "ACC1", creditAmount: 100, effectiveFrom: "2030-01-01" });
        mock.seed(1, { accountId: "ACC1", creditAmount: 400, effectiveFrom: "2030-06-01" });
        const balance = async () =>
          (await call(mock, "GET", "/accounts/ACC1/credit_balance")).json as CreditBalanceResponse;
        expect(await balance()).toMatchObject({ availableBalance: 100, inapplicableCredits: 400 });
        now = new Date("2030-06-01T00:00:00.000Z");
        expect(await balance()).toMatchObject({ availableBalance: 500, inapplicableCredits: 0 });
      });
    });
  });

  describe("ids", () => {
    /** The same calls on a fresh mock: seed, grant, void, read back; every id they show. */
    async function script(mock: DrivenMock): Promise<string[]> {
      const seeded = mock.seed(2).map((credit) => credit.id);
      const body = { creditRequests: [creditRequest(), creditRequest({ idempotencyKey: "k" })] };
      const created = await call(mock, "POST", "/credits", body);
      const granted = (created.json as CreateCreditResponse).credits.map((credit) => credit.id);
      await call(mock, "POST", `/credits/${granted[0]!}/void`);
      const details = await call(mock, "GET", `/credits/${granted[0]!}`);
      const transactions = (details.json as CreditDetailsResponse).transactions.map((t) => t.id);
      return [...seeded, ...granted, ...transactions];
    }

    test("are deterministic: two fresh mocks, the same calls, the same ids", async () => {
      const first = await withMock(driver, {}, script);
      const second = await withMock(driver, {}, script);
      expect(second).toEqual(first);
      expect(first[0]).toBe("creds.togaiMock01.00001");
      expect(new Set(first).size).toBe(first.length);
    });

    test("are the same through the other front door", async () => {
      const other = driver === HTTP ? IN_PROCESS : HTTP;
      expect(await withMock(driver, {}, script)).toEqual(await withMock(other, {}, script));
    });
  });

  describe("checkAnswers", () => {
    test("true: the kit's own check collects an answer that breaks the spec, and close() rejects naming it", async () => {
      const mock = await startKit(driver, { checkAnswers: true });
      mock.seed(1, { id: TOO_LONG_ID });
      expect((await call(mock, "GET", "/credits")).status).toBe(200);
      const violation = "GET /credits -> 200: data[0].id: must be at most 50 characters long";
      expect(mock.specViolations).toEqual([violation]);
      await expect(mock.close()).rejects.toThrow(violation);
    });

    test("true: checks closed, no property the spec does not define", async () => {
      const mock = await startKit(driver, { checkAnswers: true });
      mock.seed(1, { ["unknownField" as "grantorId"]: "x" });
      await call(mock, "GET", "/credits");
      const violation = "GET /credits -> 200: data[0].unknownField: is not defined in the spec";
      expect(mock.specViolations).toEqual([violation]);
      await expect(mock.close()).rejects.toThrow(violation);
    });

    test("true: answers true to the spec pass, and close() resolves", async () => {
      const mock = await startKit(driver, { checkAnswers: true });
      mock.seed(3);
      await call(mock, "GET", "/credits");
      await call(mock, "POST", "/credits", { creditRequests: [creditRequest()] });
      expect(mock.specViolations).toEqual([]);
      await expect(mock.close()).resolves.toBeUndefined();
    });

    test("off by default: nothing is collected, and close() resolves", async () => {
      const mock = await startKit(driver);
      mock.seed(1, { id: TOO_LONG_ID });
      expect((await call(mock, "GET", "/credits")).status).toBe(200);
      expect(mock.specViolations).toEqual([]);
      await expect(mock.close()).resolves.toBeUndefined();
    });
  });
});

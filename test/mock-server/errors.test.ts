import { describe, expect, test } from "vitest";
import type { ErrorResponse } from "../../generated/credits.ts";
import { validateAgainstSchema } from "../helpers/spec-validator.ts";
import { MAX_REQUEST_BODY_BYTES } from "../helpers/mock.ts";
import {
  creditRequest,
  forEachDriver,
  useMockServer,
  withMock,
  type ApiResponse,
} from "./harness.ts";

function expectError(response: ApiResponse, status: number, message: string | RegExp): void {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/json");
  validateAgainstSchema("ErrorResponse", response.json);
  const actual = (response.json as ErrorResponse).message;
  if (typeof message === "string") expect(actual).toBe(message);
  else expect(actual).toMatch(message);
}

forEachDriver((driver) => {
  const mock = useMockServer(driver);

  describe("bearer auth", () => {
    test("answers 401 without an Authorization header", async () => {
      const response = await mock.call("GET", "/credits", { token: null });
      expectError(response, 401, "Unauthorized: missing bearer token");
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
    });

    test.each([
      ["a wrong token", { authorization: "Bearer nope" }],
      ["another scheme", { authorization: "Basic dGVzdC10b2tlbg==" }],
      ["an empty bearer", { authorization: "Bearer " }],
    ])("answers 401 to %s", async (_label, headers) => {
      const response = await mock.call("GET", "/credits", { token: null, headers });
      expectError(response, 401, "Unauthorized: invalid bearer token");
    });

    test("accepts the scheme in any case", async () => {
      const headers = { authorization: `bearer ${mock.server.token}` };
      expect((await mock.call("GET", "/credits", { token: null, headers })).status).toBe(200);
    });

    test("checks the token before the route, and never echoes it", async () => {
      const response = await mock.call("GET", "/nowhere", { token: "s3cret-token" });
      expectError(response, 401, "Unauthorized: invalid bearer token");
      expect(response.text).not.toContain("s3cret");
    });

    test("accepts the token given in the options", async () => {
      await withMock(driver, { token: "other-token" }, async (other) => {
        const ok = await other.send("/credits", {
          headers: { authorization: "Bearer other-token" },
        });
        const refused = await other.send("/credits", {
          headers: { authorization: "Bearer test-token" },
        });
        expect([ok.status, refused.status]).toEqual([200, 401]);
      });
    });
  });

  describe("400 on an invalid createCredit body", () => {
    test.each([
      ["an empty body", "", "body: is required (CreateCreditRequest)"],
      ["a body that is not JSON", "{nope", /^body: is not valid JSON/],
      ["a body without creditRequests", "{}", "creditRequests: is required"],
      ["creditRequests not an array", '{"creditRequests":{}}', "creditRequests: must be an array"],
      [
        "an unknown top-level property",
        '{"creditRequests":[],"x":1}',
        "x: is not defined in the spec",
      ],
    ])("names the problem of %s", async (_label, rawBody, message) => {
      const headers = { "content-type": "application/json" };
      expectError(await mock.call("POST", "/credits", { rawBody, headers }), 400, message);
    });

    test.each([
      [
        "a missing required field",
        { purpose: undefined },
        "creditRequests[1].purpose: is required",
      ],
      ["a wrong type", { accountId: 7 }, "creditRequests[1].accountId: must be a string"],
      [
        "a non-integer priority",
        { priority: 1.5 },
        "creditRequests[1].priority: must be an integer",
      ],
      [
        "a date that does not exist",
        { effectiveFrom: "2024-02-30" },
        "creditRequests[1].effectiveFrom: must be a date (YYYY-MM-DD) that exists",
      ],
      [
        "a date-time where a date goes",
        { effectiveUntil: "2024-02-01T00:00:00Z" },
        "creditRequests[1].effectiveUntil: must be a date (YYYY-MM-DD) that exists",
      ],
      [
        "repeated applicableEntityIds",
        { applicableEntityIds: ["a", "a"] },
        "creditRequests[1].applicableEntityIds: must not contain duplicate items (items 0 and 1 are equal)",
      ],
      [
        "a property the spec does not define",
        { account_id: "ACC1" },
        "creditRequests[1].account_id: is not defined in the spec",
      ],
    ])("names the field of %s, and grants nothing", async (_label, overrides, message) => {
      const body = { creditRequests: [creditRequest(), creditRequest(overrides)] };
      expectError(await mock.call("POST", "/credits", { body }), 400, message);
      expect(mock.server.store.size).toBe(0);
    });

    test("names one problem when there are several", async () => {
      const body = { creditRequests: [{ accountId: 1, priority: "high" }] };
      const response = await mock.call("POST", "/credits", { body });
      expectError(response, 400, "creditRequests[0].purpose: is required");
      expect(mock.server.store.size).toBe(0);
    });

    test("keeps the message within the spec's 500 characters", async () => {
      const name = "field".repeat(200);
      const response = await mock.call("POST", "/credits", {
        body: { creditRequests: [creditRequest({ [name]: 1 })] },
      });
      expectError(response, 400, /^creditRequests\[0\]\.field[field]+\.\.\.$/);
      expect((response.json as ErrorResponse).message).toHaveLength(500);
    });

    test("answers 415 to a body that is not declared as JSON", async () => {
      const rawBody = JSON.stringify({ creditRequests: [creditRequest()] });
      const response = await mock.call("POST", "/credits", {
        rawBody,
        headers: { "content-type": "text/plain" },
      });
      expectError(response, 415, "Content-Type: must be application/json");
    });

    test("answers 413 to a body over the size limit", async () => {
      const rawBody = `{"creditRequests":[],"pad":"${"x".repeat(MAX_REQUEST_BODY_BYTES)}"}`;
      const headers = { "content-type": "application/json" };
      const response = await mock.call("POST", "/credits", { rawBody, headers });
      expectError(response, 413, /^body: larger than/);
    });
  });

  describe("400 on invalid listCredits parameters", () => {
    test.each([
      ["pageSize=0", "pageSize: must be at least 1"],
      ["pageSize=51", "pageSize: must be at most 50"],
      ["pageSize=abc", "pageSize: must be an integer"],
      ["pageSize=1.5", "pageSize: must be an integer"],
      ["pageSize=", "pageSize: must be an integer"],
      ["status=PROCESSED", "status: must be one of ACTIVE, CONSUMED, EXPIRED, VOIDED"],
      ["nextToken=garbage!", "nextToken: is not a valid token"],
      [`nextToken=${btoa('{"x":1}')}`, "nextToken: is not a valid token"],
      [`nextToken=${btoa('{"lastItemId":"creds.unknown"}')}`, "nextToken: is not a valid token"],
    ])("%s", async (query, message) => {
      expectError(await mock.call("GET", `/credits?${query}`), 400, message);
    });

    test.each([
      ["/credits?pageSize=5&sort=asc", "sort: is not defined in the spec"],
      ["/credits/creds.1?verbose=true", "verbose: is not defined in the spec"],
      ["/accounts/ACC1/credit_balance?=x", '"": is not defined in the spec'],
    ])("answers 400 to a query parameter the spec does not define: %s", async (target, message) => {
      expectError(await mock.call("GET", target), 400, message);
    });

    test("reads a number only where the spec says number: account_id=007 stays text", async () => {
      const [credit] = mock.server.seed(1, { accountId: "007" });
      const response = await mock.call("GET", "/credits?account_id=007&pageSize=007");
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ data: [credit] });
    });

    test("a token from before a reset is no longer valid", async () => {
      mock.server.seed(3);
      const { json } = await mock.call("GET", "/credits?pageSize=1");
      const { nextToken } = json as { nextToken: string };
      mock.server.reset();
      mock.server.seed(3);
      const response = await mock.call(
        "GET",
        `/credits?nextToken=${encodeURIComponent(nextToken)}`,
      );
      expectError(response, 400, "nextToken: is not a valid token");
    });
  });

  describe("404 and 405", () => {
    test("answers 404 to an unknown credit, on get and on void", async () => {
      expectError(
        await mock.call("GET", "/credits/creds.nope"),
        404,
        "Credit not found: creds.nope",
      );
      expectError(
        await mock.call("POST", "/credits/creds.nope/void"),
        404,
        "Credit not found: creds.nope",
      );
    });

    test("answers 404 to an account without credits", async () => {
      const response = await mock.call("GET", "/accounts/ACC404/credit_balance");
      expectError(response, 404, "Account not found: ACC404");
    });

    test("answers 400 to an account id longer than the spec's 50 characters", async () => {
      const response = await mock.call("GET", `/accounts/${"A".repeat(51)}/credit_balance`);
      expectError(response, 400, "account_id: must be at most 50 characters long");
    });

    test.each(["/nowhere", "/credits/a/b", "/credits/", "/credits//void", "/accounts/A"])(
      "answers 404 to the unknown route %s",
      async (path) => {
        expectError(await mock.call("GET", path), 404, `No such route: GET ${path}`);
      },
    );

    test("answers 405 with Allow to a known path and another method", async () => {
      const response = await mock.call("DELETE", "/credits");
      expectError(response, 405, "Method not allowed: DELETE /credits");
      expect(response.headers.get("allow")).toBe("POST, GET");
    });

    test("keeps a 404 message within 500 characters for a very long id", async () => {
      const response = await mock.call("GET", `/credits/${"x".repeat(5_000)}`);
      expectError(response, 404, /^Credit not found: x+\.\.\.$/);
      expect((response.json as ErrorResponse).message).toHaveLength(500);
    });
  });

  describe("voiding twice", () => {
    test("answers 400 and leaves the credit as voided once", async () => {
      const [credit] = mock.server.seed(1);
      expect((await mock.call("POST", `/credits/${credit!.id}/void`)).status).toBe(200);
      const again = await mock.call("POST", `/credits/${credit!.id}/void`);
      expectError(again, 400, `Credit already voided: ${credit!.id}`);
      const kinds = mock.server.store.get(credit!.id)!.transactions.map((t) => t.transactionType);
      expect(kinds).toEqual(["CREDITED", "VOIDED"]);
    });
  });
});

import { describe, expect, test } from "vitest";
import type { ErrorResponse } from "../../generated/credits.ts";
import { validateAgainstSchema } from "../helpers/spec-validator.ts";
import { MAX_REQUEST_BODY_BYTES, startMockServer } from "../server/index.ts";
import { creditRequest, useMockServer, type ApiResponse } from "./harness.ts";

const mock = useMockServer();

function expectError(response: ApiResponse, status: number, message: string | RegExp): void {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/json");
  validateAgainstSchema("ErrorResponse", response.json);
  const actual = (response.json as ErrorResponse).message;
  if (typeof message === "string") expect(actual).toBe(message);
  else expect(actual).toMatch(message);
}

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

  test("accepts the token given to startMockServer", async () => {
    const server = await startMockServer({ token: "other-token" });
    try {
      const ok = await fetch(`${server.url}/credits`, {
        headers: { authorization: "Bearer other-token" },
      });
      const refused = await fetch(`${server.url}/credits`, {
        headers: { authorization: "Bearer test-token" },
      });
      expect([ok.status, refused.status]).toEqual([200, 401]);
    } finally {
      await server.close();
    }
  });
});

describe("400 on an invalid createCredit body", () => {
  test.each([
    ["an empty body", "", "body: is required (CreateCreditRequest)"],
    ["a body that is not JSON", "{nope", /^body: is not valid JSON/],
    ["a body without creditRequests", "{}", "creditRequests: is required"],
    ["creditRequests not an array", '{"creditRequests":{}}', "creditRequests: must be array"],
    ["an unknown top-level property", '{"creditRequests":[],"x":1}', 'body: unknown property "x"'],
  ])("names the problem of %s", async (_label, rawBody, message) => {
    const headers = { "content-type": "application/json" };
    expectError(await mock.call("POST", "/credits", { rawBody, headers }), 400, message);
  });

  test.each([
    ["a missing required field", { purpose: undefined }, "creditRequests[1].purpose: is required"],
    ["a wrong type", { accountId: 7 }, "creditRequests[1].accountId: must be string"],
    ["a non-integer priority", { priority: 1.5 }, "creditRequests[1].priority: must be integer"],
    [
      "a date that does not exist",
      { effectiveFrom: "2024-02-30" },
      'creditRequests[1].effectiveFrom: must match format "date"',
    ],
    [
      "a date-time where a date goes",
      { effectiveUntil: "2024-02-01T00:00:00Z" },
      'creditRequests[1].effectiveUntil: must match format "date"',
    ],
    [
      "repeated applicableEntityIds",
      { applicableEntityIds: ["a", "a"] },
      "creditRequests[1].applicableEntityIds: must NOT have duplicate items (items ## 1 and 0 are identical)",
    ],
    [
      "a property the spec does not define",
      { account_id: "ACC1" },
      'creditRequests[1]: unknown property "account_id"',
    ],
  ])("names the field of %s, and grants nothing", async (_label, overrides, message) => {
    const body = { creditRequests: [creditRequest(), creditRequest(overrides)] };
    expectError(await mock.call("POST", "/credits", { body }), 400, message);
    expect(mock.server.store.size).toBe(0);
  });

  test("lists several problems at once", async () => {
    const body = { creditRequests: [{ accountId: 1, priority: "high" }] };
    const { json } = await mock.call("POST", "/credits", { body });
    expect((json as ErrorResponse).message.split("; ")).toEqual(
      expect.arrayContaining([
        "creditRequests[0].purpose: is required",
        "creditRequests[0].effectiveFrom: is required",
        "creditRequests[0].accountId: must be string",
        "creditRequests[0].priority: must be integer",
      ]),
    );
  });

  test("keeps the message within the spec's 500 characters", async () => {
    const wide = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`field${i}`, i]));
    const response = await mock.call("POST", "/credits", {
      body: { creditRequests: [creditRequest(wide)] },
    });
    expectError(response, 400, /^creditRequests\[0\]: unknown property "field0"; .*\.\.\.$/);
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
    ["pageSize=0", "pageSize: must be >= 1"],
    ["pageSize=51", "pageSize: must be <= 50"],
    ["pageSize=abc", "pageSize: must be integer"],
    ["pageSize=1.5", "pageSize: must be integer"],
    ["pageSize=", "pageSize: must be integer"],
    ["status=PROCESSED", "status: must be one of ACTIVE, CONSUMED, EXPIRED, VOIDED"],
    ["nextToken=garbage!", "nextToken: is not a valid token"],
    [`nextToken=${btoa('{"x":1}')}`, "nextToken: is not a valid token"],
    [`nextToken=${btoa('{"lastItemId":"creds.unknown"}')}`, "nextToken: is not a valid token"],
  ])("%s", async (query, message) => {
    expectError(await mock.call("GET", `/credits?${query}`), 400, message);
  });

  test("a token from before a reset is no longer valid", async () => {
    mock.server.seed(3);
    const { json } = await mock.call("GET", "/credits?pageSize=1");
    const { nextToken } = json as { nextToken: string };
    mock.server.reset();
    mock.server.seed(3);
    const response = await mock.call("GET", `/credits?nextToken=${encodeURIComponent(nextToken)}`);
    expectError(response, 400, "nextToken: is not a valid token");
  });
});

describe("404 and 405", () => {
  test("answers 404 to an unknown credit, on get and on void", async () => {
    expectError(await mock.call("GET", "/credits/creds.nope"), 404, "Credit not found: creds.nope");
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
    expectError(response, 400, "account_id: must NOT have more than 50 characters");
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

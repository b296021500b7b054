import { describe, expect, test } from "vitest";
import { TogaiValidationError, UnexpectedResponseError } from "../../src/index.ts";
import { createCreditsClient } from "../helpers/transport.ts";
import type { CreditRequest } from "../../src/index.ts";
import { rejectionOf, sampleCreditRequest } from "../helpers/mock-client.ts";

/** A client whose `fetch` counts the requests it would send, answering `answer`. */
function counting(answer: unknown = { data: [] }, options = {}) {
  let sent = 0;
  const togai = createCreditsClient({
    token: "t",
    maxRetries: 0,
    fetch: () => {
      sent += 1;
      return Promise.resolve(Response.json(answer));
    },
    ...options,
  });
  return { togai, sent: () => sent };
}

const grant = (overrides: Record<string, unknown>) => ({
  creditRequests: [sampleCreditRequest(overrides) as CreditRequest],
});

describe("request validation", () => {
  test.each([
    [
      "an account_id of 51 characters",
      "accountId",
      (t: Client) => t.accounts.creditBalance("A".repeat(51)),
      "must be at most 50 characters long",
    ],
    [
      "a credit request without purpose",
      "body.creditRequests[0].purpose",
      (t: Client) => t.credits.create(grant({ purpose: undefined })),
      "is required",
    ],
    [
      'an effectiveFrom of "tomorrow"',
      "body.creditRequests[0].effectiveFrom",
      (t: Client) => t.credits.create(grant({ effectiveFrom: "tomorrow" })),
      "date",
    ],
    [
      "an impossible date",
      "body.creditRequests[0].effectiveUntil",
      (t: Client) => t.credits.create(grant({ effectiveUntil: "2023-02-29" })),
      "date",
    ],
    [
      "a priority of 1.5",
      "body.creditRequests[0].priority",
      (t: Client) => t.credits.create(grant({ priority: 1.5 })),
      "integer",
    ],
    [
      "duplicate applicableEntityIds",
      "body.creditRequests[0].applicableEntityIds",
      (t: Client) => t.credits.create(grant({ applicableEntityIds: ["a", "b", "a"] })),
      "duplicate",
    ],
    [
      "a creditAmount of NaN",
      "body.creditRequests[0].creditAmount",
      (t: Client) => t.credits.create(grant({ creditAmount: NaN })),
      "finite",
    ],
    [
      "a creditAmount of Infinity",
      "body.creditRequests[0].creditAmount",
      (t: Client) => t.credits.create(grant({ creditAmount: Infinity })),
      "finite",
    ],
    [
      "an unknown property of a credit request",
      "body.creditRequests[0].note",
      (t: Client) => t.credits.create(grant({ note: "x" })),
      "is not defined in the spec",
    ],
    [
      "a pageSize above the spec's maximum",
      "params.pageSize",
      (t: Client) => t.credits.list({ pageSize: 51 }),
      "must be at most 50",
    ],
    [
      "an unknown query parameter",
      "params.grantorId",
      (t: Client) => t.credits.list({ grantorId: "g" } as never),
      "is not defined in the spec",
    ],
  ])("refuses %s before sending, naming %s", async (_, argument, call, rule) => {
    const { togai, sent } = counting();
    const error = await rejectionOf(call(togai), TogaiValidationError);
    expect(error.argument).toBe(argument);
    expect(error.message).toContain(rule);
    expect(sent()).toBe(0);
  });

  test("names a short form of the value", async () => {
    const { togai } = counting();
    const error = await rejectionOf(
      togai.credits.create(grant({ effectiveFrom: "tomorrow" })),
      TogaiValidationError,
    );
    expect(error.message).toMatch(/; got "tomorrow"$/u);
  });

  test("validateRequests: false sends what the spec forbids", async () => {
    const { togai, sent } = counting({ data: [] }, { validateRequests: false });
    await togai.credits.list({ pageSize: 500, grantorId: "g" } as never);
    expect(sent()).toBe(1);
  });

  test("validateRequests: false still refuses NaN, which JSON would send as null", async () => {
    const { togai, sent } = counting({ credits: [] }, { validateRequests: false });
    const error = await rejectionOf(
      togai.credits.create(grant({ creditAmount: NaN })),
      TogaiValidationError,
    );
    expect(error.message).toContain("NaN");
    expect(sent()).toBe(0);
  });

  test("validateRequests: false refuses a body JSON cannot hold (a BigInt, a cycle), typed", async () => {
    const { togai, sent } = counting({ credits: [] }, { validateRequests: false });
    const cyclic: Record<string, unknown> = grant({});
    cyclic.self = cyclic;
    for (const body of [grant({ creditAmount: 10n }), cyclic]) {
      const error = await rejectionOf(togai.credits.create(body as never), TogaiValidationError);
      expect(error.message).toMatch(/^body: cannot be sent as JSON \(TypeError: /u);
    }
    expect(sent()).toBe(0);
  });

  test("validateRequests: false still keeps a path parameter to one segment", async () => {
    const { togai, sent } = counting({}, { validateRequests: false });
    await rejectionOf(togai.credits.get(".."), TogaiValidationError);
    expect(sent()).toBe(0);
  });
});

type Client = ReturnType<typeof createCreditsClient>;

const credit = {
  id: "creds.1",
  customerId: "7VcRw9xZDIqsC5E",
  accountId: "ACC00001",
  status: "ACTIVE",
  purpose: "Prepaid Credit",
  effectiveFrom: "2023-02-04",
  priority: 1,
  createdAt: "2023-02-04T10:15:30Z",
};

describe("response validation (validateResponses: true)", () => {
  function validating(page: unknown) {
    const lines: { message: string; fields: Readonly<Record<string, unknown>> }[] = [];
    const togai = createCreditsClient({
      token: "t",
      maxRetries: 0,
      validateResponses: true,
      fetch: () => Promise.resolve(Response.json(page)),
      logger: { debug: (message, fields) => lines.push({ message, fields }) },
    });
    return { togai, lines };
  }

  test("raises UnexpectedResponseError for a missing required field, naming its path", async () => {
    const withoutCreatedAt: Partial<typeof credit> = { ...credit };
    delete withoutCreatedAt.createdAt;
    const { togai } = validating({ data: [credit, withoutCreatedAt] });
    const error = await rejectionOf(togai.credits.list(), UnexpectedResponseError);
    expect(error.message).toContain("data[1].createdAt: is required");
  });

  test("raises UnexpectedResponseError for a wrong type", async () => {
    const { togai } = validating({ data: [{ ...credit, priority: "1" }] });
    const error = await rejectionOf(togai.credits.list(), UnexpectedResponseError);
    expect(error.message).toContain("data[0].priority: must be an integer");
  });

  test("tolerates an unknown property, reporting it to the logger", async () => {
    const { togai, lines } = validating({ data: [{ ...credit, newField: 1 }] });
    await expect(togai.credits.list()).resolves.toMatchObject({ data: [{ newField: 1 }] });
    const report = lines.find((line) => "unknownProperties" in line.fields);
    expect(report?.fields).toEqual({
      method: "GET",
      path: "/credits",
      unknownProperties: ["data[0].newField"],
    });
  });

  test("tolerates an enum value the spec does not list yet, reporting it", async () => {
    const { togai, lines } = validating({ data: [{ ...credit, status: "FROZEN" }] });
    await expect(togai.credits.list()).resolves.toMatchObject({ data: [{ status: "FROZEN" }] });
    const report = lines.find((line) => "unknownProperties" in line.fields);
    expect(report?.fields.unknownProperties).toEqual(["data[0].status"]);
  });

  test("is off by default: a broken answer is handed back as it came", async () => {
    const { togai } = counting({ data: [{ id: 1 }] });
    await expect(togai.credits.list()).resolves.toEqual({ data: [{ id: 1 }] });
  });
});

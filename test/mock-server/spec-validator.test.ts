import { describe, expect, test } from "vitest";
import {
  SpecValidationError,
  responseSchemaName,
  validateAgainstSchema,
  validateResponse,
} from "../helpers/spec-validator.ts";
import { operationIds, spec } from "../helpers/spec.ts";

const credit = {
  id: "creds.1",
  customerId: "cus.1",
  accountId: "ACC1",
  status: "ACTIVE",
  purpose: "Prepaid Credit",
  effectiveFrom: "2024-01-01",
  priority: 1,
  createdAt: "2024-01-01T00:00:00.000Z",
};

const creditRequest = {
  accountId: "ACC1",
  purpose: "Prepaid Credit",
  effectiveFrom: "2024-01-01",
  priority: 1,
};

describe("validateAgainstSchema", () => {
  test.each(Object.keys(spec.components.schemas))(
    "accepts the spec's own examples of %s",
    (name) => {
      const examples = (spec.components.schemas[name]!.examples ?? []) as unknown[];
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) validateAgainstSchema(name, example);
    },
  );

  test("validates a Credit closed, although the spec leaves it open for allOf", () => {
    validateAgainstSchema("Credit", credit);
    expect(() => {
      validateAgainstSchema("Credit", { ...credit, transactions: [] });
    }).toThrow(SpecValidationError);
  });

  test.each([
    ["ListCreditsResponse", (extra: object) => ({ data: [{ ...credit, ...extra }] })],
    ["CreateCreditResponse", (extra: object) => ({ credits: [{ ...credit, ...extra }] })],
    [
      "CreateCreditRequest",
      (extra: object) => ({ creditRequests: [{ ...creditRequest, ...extra }] }),
    ],
  ])("validates the items inside a %s closed too", (name, wrap) => {
    validateAgainstSchema(name, wrap({}));
    expect(() => {
      validateAgainstSchema(name, wrap({ unknownField: 1 }));
    }).toThrow(/"unevaluatedProperty":"unknownField"/);
  });

  test.each([
    ["a missing required property", "Credit", { ...credit, id: undefined }],
    ["a wrong enum value", "Credit", { ...credit, status: "PENDING" }],
    ["a malformed date-time", "Credit", { ...credit, createdAt: "yesterday" }],
    ["an id over 50 characters", "Credit", { ...credit, id: "x".repeat(51) }],
    ["a page of 51 credits", "ListCreditsResponse", { data: Array(51).fill(credit) }],
    ["a message over 500 characters", "ErrorResponse", { message: "x".repeat(501) }],
    ["details without transactions", "CreditDetailsResponse", credit],
  ])("rejects %s", (_label, name, value) => {
    expect(() => {
      validateAgainstSchema(name, JSON.parse(JSON.stringify(value)));
    }).toThrow(SpecValidationError);
  });

  test("names the schema and ajv's errors in the message", () => {
    expect(() => {
      validateAgainstSchema("ErrorResponse", {});
    }).toThrow(/^not a valid ErrorResponse:\n {2}\/ must have required property 'message'/);
  });
});

describe("responseSchemaName", () => {
  test.each([
    ["createCredit", "CreateCreditResponse"],
    ["listCredits", "ListCreditsResponse"],
    ["getCreditDetails", "CreditDetailsResponse"],
    ["voidCredit", "Credit"],
    ["CreditBalanceForAccount", "CreditBalanceResponse"],
  ])("reads the 200 schema of %s from the spec", (operationId, schemaName) => {
    expect(responseSchemaName(operationId, 200)).toBe(schemaName);
  });

  test.each([400, 401, 403, 404, 429, 500, 502, 302])(
    "answers ErrorResponse for a %i of every operation",
    (status) => {
      for (const operationId of operationIds()) {
        expect(responseSchemaName(operationId, status)).toBe("ErrorResponse");
      }
    },
  );

  test("answers ErrorResponse for a route the spec does not have", () => {
    expect(responseSchemaName(undefined, 404)).toBe("ErrorResponse");
  });

  test("validateResponse checks a body against the operation's schema for the status", () => {
    validateResponse("voidCredit", 200, { ...credit, status: "VOIDED" });
    expect(() => {
      validateResponse("voidCredit", 404, credit);
    }).toThrow(/not a valid ErrorResponse/);
  });
});

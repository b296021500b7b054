/**
 * Spec conformance, operations: each operation of the facts sheet has its method, path,
 * operationId, summary, tag, parameters, request body, 200 body and the shared error responses.
 */
import { describe, expect, test } from "vitest";
import { expectSchemaToMatch, schemaRef } from "./expect-schema.ts";
import { ERROR_STATUSES, OPERATIONS, type OperationFact } from "./facts.ts";
import {
  loadSpec,
  findOperation,
  operations,
  parametersOf,
  resolve,
  type ResponseObject,
} from "./openapi-document.ts";

const spec = loadSpec();

function jsonSchemaRefOf(label: string, response: ResponseObject | undefined): string | undefined {
  expect(response, `${label} is defined`).toBeDefined();
  if (response === undefined) return undefined;
  const content = resolve(spec, response).content ?? {};
  expect(Object.keys(content), `${label} content types`).toEqual(["application/json"]);
  return content["application/json"]?.schema?.$ref;
}

function describeOperation(fact: OperationFact): void {
  describe(fact.operationId, () => {
    const located = findOperation(spec, fact.operationId);
    const label = fact.operationId;

    test("exists with this exact operationId", () => {
      expect(located, `operation ${label} exists`).toBeDefined();
    });
    if (located === undefined) return;
    const { operation } = located;

    test(`is ${fact.method.toUpperCase()} ${fact.path}`, () => {
      expect(located.method, `${label} method`).toBe(fact.method);
      expect(located.path, `${label} path`).toBe(fact.path);
    });

    test("is tagged Credits and has the upstream summary", () => {
      expect(operation.tags, `${label} tags`).toEqual(["Credits"]);
      expect(operation.summary, `${label} summary`).toBe(fact.summary);
    });

    test("relies on the global bearer auth", () => {
      expect(operation.security, `${label} security override`).toBeUndefined();
    });

    test("takes exactly the parameters of the facts sheet", () => {
      const actual = parametersOf(spec, located).map((p) => `${p.in} ${p.name}`);
      const expected = fact.parameters.map((p) => `${p.in} ${p.name}`);
      expect(actual.sort(), `${label} parameters`).toEqual([...expected].sort());
    });

    if (fact.parameters.length > 0) {
      test.each(fact.parameters.map((parameter) => [parameter.name, parameter] as const))(
        "parameter %s has its location, required flag, type and limits",
        (name, parameterFact) => {
          const parameter = parametersOf(spec, located).find((p) => p.name === name);
          const where = `${label} parameter ${name}`;
          expect(parameter, `${where} is defined`).toBeDefined();
          expect(parameter?.in, `${where} in`).toBe(parameterFact.in);
          expect(parameter?.required ?? false, `${where} required`).toBe(parameterFact.required);
          expectSchemaToMatch(`${where} schema`, parameter?.schema, parameterFact.schema);
        },
      );
    }

    const body = fact.requestBody;
    if (body === undefined) {
      test("has no request body", () => {
        expect(operation.requestBody, `${label} requestBody`).toBeUndefined();
      });
    } else {
      test(`takes a JSON ${body.schema} body`, () => {
        const requestBody = resolve(spec, operation.requestBody ?? {});
        expect(requestBody.required ?? false, `${label} requestBody required`).toBe(body.required);
        const content = requestBody.content ?? {};
        expect(Object.keys(content), `${label} requestBody content types`).toEqual([
          "application/json",
        ]);
        expect(content["application/json"]?.schema?.$ref, `${label} requestBody schema`).toBe(
          schemaRef(body.schema),
        );
      });
    }

    test(`answers 200 with a JSON ${fact.response}`, () => {
      const ref = jsonSchemaRefOf(`${label} 200`, operation.responses?.["200"]);
      expect(ref, `${label} 200 schema`).toBe(schemaRef(fact.response));
    });

    test("answers exactly 200 and the error statuses 400, 401, 403, 404, 429 and default", () => {
      expect(Object.keys(operation.responses ?? {}).sort(), `${label} response statuses`).toEqual(
        ["200", ...ERROR_STATUSES].sort(),
      );
    });

    test.each(ERROR_STATUSES)(
      "answers %s with a shared response returning ErrorResponse",
      (status) => {
        const response = operation.responses?.[status];
        const where = `${label} ${status}`;
        expect(response?.$ref, `${where} is a $ref to components/responses`).toMatch(
          /^#\/components\/responses\/[A-Za-z]+$/u,
        );
        expect(jsonSchemaRefOf(where, response), `${where} schema`).toBe(
          schemaRef("ErrorResponse"),
        );
      },
    );
  });
}

for (const fact of OPERATIONS) describeOperation(fact);

test("the spec has exactly the five operations of the facts sheet", () => {
  const actual = operations(spec).map(
    (o) => `${o.method} ${o.path} ${o.operation.operationId ?? "?"}`,
  );
  const expected = OPERATIONS.map((o) => `${o.method} ${o.path} ${o.operationId}`);
  expect(actual.sort(), "operations").toEqual([...expected].sort());
});

test.each(ERROR_STATUSES)("every operation answers %s with the same shared response", (status) => {
  const refs = new Set(operations(spec).map((o) => o.operation.responses?.[status]?.$ref));
  expect([...refs], `${status} response $ref across operations`).toHaveLength(1);
});

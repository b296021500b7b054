/**
 * Spec conformance, documentation: every operation, parameter, response and schema has a
 * description and a realistic example, so the generated docs and JSDoc read well; the status
 * filter explains how the upstream inconsistency was resolved.
 */
import { describe, expect, test } from "vitest";
import { CREDIT_STATUSES } from "./facts.ts";
import {
  loadSpec,
  findOperation,
  operations,
  parametersOf,
  resolve,
  type MediaTypeObject,
  type SchemaObject,
} from "./openapi-document.ts";

const spec = loadSpec();

function hasExample(node: { example?: unknown; examples?: unknown }): boolean {
  if (node.example !== undefined) return true;
  const { examples } = node;
  if (Array.isArray(examples)) return examples.length > 0;
  return typeof examples === "object" && examples !== null && Object.keys(examples).length > 0;
}

function jsonMedia(content: Record<string, MediaTypeObject> | undefined): MediaTypeObject {
  return content?.["application/json"] ?? {};
}

/** Every property of every named schema, `allOf` branches included, with a readable label. */
function allProperties(): [string, SchemaObject][] {
  const found: [string, SchemaObject][] = [];
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    for (const part of [schema, ...(schema.allOf ?? [])]) {
      for (const [property, value] of Object.entries(part.properties ?? {})) {
        found.push([`${name}.${property}`, value]);
      }
    }
  }
  return found;
}

function isArrayOfReferences(schema: SchemaObject): boolean {
  return schema.type === "array" && schema.items?.$ref !== undefined;
}

describe.each(operations(spec).map((o) => [o.operation.operationId ?? o.path, o] as const))(
  "operation %s",
  (operationId, located) => {
    const { operation } = located;

    test("has a summary and a description", () => {
      expect(operation.summary, `${operationId} summary`).toBeTruthy();
      expect(operation.description, `${operationId} description`).toBeTruthy();
    });

    test("shows an example of its request body and of its 200 response", () => {
      if (operation.requestBody !== undefined) {
        const body = resolve(spec, operation.requestBody);
        expect(body.description, `${operationId} requestBody description`).toBeTruthy();
        expect(hasExample(jsonMedia(body.content)), `${operationId} requestBody example`).toBe(
          true,
        );
      }
      const ok = resolve(spec, operation.responses?.["200"] ?? {});
      expect(ok.description, `${operationId} 200 description`).toBeTruthy();
      expect(hasExample(jsonMedia(ok.content)), `${operationId} 200 example`).toBe(true);
    });

    test("describes every parameter and gives it an example", () => {
      for (const parameter of parametersOf(spec, located)) {
        const where = `${operationId} parameter ${parameter.name}`;
        expect(parameter.description, `${where} description`).toBeTruthy();
        expect(hasExample(parameter), `${where} example`).toBe(true);
      }
    });
  },
);

test.each(Object.entries(spec.components.responses))(
  "shared response %s has a description and an example",
  (name, response) => {
    expect(response.description, `responses/${name} description`).toBeTruthy();
    expect(hasExample(jsonMedia(response.content)), `responses/${name} example`).toBe(true);
  },
);

test.each(Object.entries(spec.components.schemas))(
  "schema %s has a description and an example",
  (name, schema) => {
    expect(schema.description, `${name} description`).toBeTruthy();
    expect(hasExample(schema), `${name} example`).toBe(true);
  },
);

test.each(allProperties())("property %s is documented", (label, property) => {
  if (property.$ref !== undefined) {
    const target = resolve(spec, property);
    expect(target.description ?? property.description, `${label} description`).toBeTruthy();
    expect(hasExample(target) || hasExample(property), `${label} example`).toBe(true);
    return;
  }
  expect(property.description, `${label} description`).toBeTruthy();
  // An array of named schemas is shown by the examples of its item schema and its parent.
  if (!isArrayOfReferences(property)) {
    expect(hasExample(property), `${label} example`).toBe(true);
  }
});

test("bearerAuth has a description", () => {
  expect(
    spec.components.securitySchemes.bearerAuth?.description,
    "bearerAuth description",
  ).toBeTruthy();
});

describe("listCredits status filter", () => {
  const listCredits = findOperation(spec, "listCredits");
  const parameters = listCredits === undefined ? [] : parametersOf(spec, listCredits);
  const status = parameters.find((parameter) => parameter.name === "status");

  test("explains the upstream PROCESSED / IN_PROGRESS inconsistency and its resolution", () => {
    const description = status?.description ?? "";
    expect(description, "status description names PROCESSED").toContain("PROCESSED");
    expect(description, "status description names IN_PROGRESS").toContain("IN_PROGRESS");
    for (const value of CREDIT_STATUSES) {
      expect(description, `status description names ${value}`).toContain(value);
    }
    expect(description, "status description says why").toMatch(/upstream/iu);
  });

  test("gives a credit status as its example", () => {
    expect(CREDIT_STATUSES, "status example").toContain(status?.example);
  });
});

/**
 * Compares one schema of the spec with its {@link SchemaFact}, with failure messages that name
 * the fact (`Credit.id maxLength`).
 */
import { expect } from "vitest";
import { CONSTRAINT_KEYWORDS, type SchemaFact } from "./facts.ts";
import type { SchemaObject } from "./openapi-document.ts";

/** The `$ref` string of a named schema. */
export function schemaRef(name: string): string {
  return `#/components/schemas/${name}`;
}

/**
 * Asserts that `actual` (the schema found at `label`, e.g. `Credit.id`) is exactly `fact`:
 * the same reference or type, and the same format, enum, limits and default, none added.
 */
export function expectSchemaToMatch(
  label: string,
  actual: SchemaObject | undefined,
  fact: SchemaFact,
): void {
  expect(actual, `${label} is defined`).toBeDefined();
  if (actual === undefined) return;
  if (fact.ref === undefined) {
    expect(actual.$ref, `${label} is an inline schema, not a $ref`).toBeUndefined();
    expect(actual.type, `${label} type`).toBe(fact.type);
  } else {
    expect(actual.$ref, `${label} $ref`).toBe(schemaRef(fact.ref));
  }
  for (const keyword of CONSTRAINT_KEYWORDS) {
    const expected = keyword in fact ? (fact as Record<string, unknown>)[keyword] : undefined;
    expect(actual[keyword], `${label} ${keyword}`).toEqual(expected);
  }
  if (fact.items === undefined) {
    expect(actual.items, `${label} items`).toBeUndefined();
  } else {
    expectSchemaToMatch(`${label}[]`, actual.items, fact.items);
  }
}

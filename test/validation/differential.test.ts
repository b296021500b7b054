/**
 * `findViolation` against ajv on the spec itself: for every named schema of the generated tables
 * (and every operation's query), values generated from the schema pass both; a value with one
 * rule broken is refused by both, and the path `findViolation` reports is among the places ajv
 * reports. ajv runs on `closedSchema(name)` (test/helpers/spec.ts), the spec's own schemas with
 * the objects sent whole closed, and sees the value as it goes on the wire (through JSON).
 */
import type { ValidateFunction } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { OPERATIONS, REQUEST_SCHEMAS, REQUEST_VALIDATORS } from "../../generated/operations.ts";
import { RESPONSE_VALIDATORS } from "../../generated/response-schemas.ts";
import type { Schema, SchemaTable, Validators } from "../../src/schema/types.ts";
import { findViolation } from "../../src/schema/walk.ts";
import { merge, schemaArbitrary, type MergedSchema } from "../helpers/schema-arbitrary.ts";
import { closedSchema, createSpecAjv, schemaRef } from "../helpers/spec.ts";
import { errorPath, pathOf, withRefs } from "./ajv-reference.ts";

const ajv = createSpecAjv();
const RESPONSE_SCHEMAS = RESPONSE_VALIDATORS.schemas;

/** ajv's verdict on a value as JSON carries it: the error paths, or none when valid. */
function ajvErrors(validate: ValidateFunction, value: unknown): string[] {
  const wire: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
  return validate(wire) ? [] : (validate.errors ?? []).map(errorPath);
}

/** One way to break exactly one rule at one place of a valid value. */
interface Mutation {
  kind: string;
  /** Where the broken rule is, from the root. */
  at: (string | number)[];
  apply: (value: unknown) => unknown;
}

/** A copy of `root` with the value at `at` replaced by `change(old value)`. */
function replaced(
  root: unknown,
  at: readonly (string | number)[],
  change: (old: unknown) => unknown,
): unknown {
  const [head, ...rest] = at;
  if (head === undefined) return change(root);
  if (Array.isArray(root)) {
    return (root as unknown[]).map((item, index) =>
      index === head ? replaced(item, rest, change) : item,
    );
  }
  const object = root as Record<string, unknown>;
  return { ...object, [head]: replaced(object[head], rest, change) };
}

const WRONG_TYPES: unknown[] = ["text", 1.5, 7, true, null, [], {}];

function isOfType(rules: MergedSchema, value: unknown): boolean {
  const kind = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  return (rules.types ?? []).some(
    (type) => type === kind || (type === "integer" && Number.isInteger(value)),
  );
}

/** Every single-rule mutation of `value` (valid for `schema`) at `at` and below. */
function mutations(
  table: SchemaTable,
  schema: Schema,
  value: unknown,
  at: (string | number)[] = [],
): Mutation[] {
  const rules = merge(table, schema);
  const found: Mutation[] = [];
  const here = (kind: string, change: (old: unknown) => unknown, where = at) =>
    found.push({ kind, at: where, apply: (root) => replaced(root, at, change) });
  if (rules.types !== undefined) {
    const wrong = WRONG_TYPES.find((candidate) => !isOfType(rules, candidate));
    if (wrong !== undefined) here("wrong type", () => wrong);
    if (rules.types.includes("number") || rules.types.includes("integer")) here("NaN", () => NaN);
  }
  const { maxLength, maximum, minimum, format } = rules;
  if (rules.enum !== undefined && rules.types?.includes("string")) {
    here("not in the enum", () => "NOT_LISTED");
  }
  if (typeof value === "string") {
    if (maxLength !== undefined) here("over maxLength", () => "x".repeat(maxLength + 1));
    if (format === "date") here("bad date", () => "2023-02-30");
    if (format === "date-time") here("bad date-time", () => "2023-02-04T10:15:30");
  }
  if (typeof value === "number") {
    if (maximum !== undefined) here("over maximum", () => Math.floor(maximum + 1));
    if (minimum !== undefined) here("under minimum", () => Math.ceil(minimum - 1));
  }
  if (Array.isArray(value)) {
    const items = value as unknown[];
    const first = items[0];
    if (rules.maxItems !== undefined && first !== undefined && !rules.uniqueItems) {
      here("over maxItems", () => Array.from({ length: (rules.maxItems ?? 0) + 1 }, () => first));
    }
    if (rules.uniqueItems && first !== undefined && items.length < (rules.maxItems ?? Infinity)) {
      here("duplicate item", () => [...items, first]);
    }
    items.forEach((item, index) => {
      found.push(...mutations(table, { allOf: rules.items }, item, [...at, index]));
    });
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    if (rules.extra === undefined) {
      here("unknown property", (old) => ({ ...(old as object), zzUnknown: 1 }), [
        ...at,
        "zzUnknown",
      ]);
    }
    for (const name of rules.required) {
      here(
        "required property deleted",
        (old) => Object.fromEntries(Object.entries(old as object).filter(([key]) => key !== name)),
        [...at, name],
      );
    }
    for (const [name, item] of Object.entries(object)) {
      const declared = rules.properties.get(name);
      if (declared !== undefined) {
        found.push(...mutations(table, { allOf: declared }, item, [...at, name]));
      }
    }
  }
  return found;
}

interface Subject {
  title: string;
  table: SchemaTable;
  validators: Validators;
  schema: Schema;
  validate: ValidateFunction;
}

const subjects: Subject[] = [
  ...Object.keys(REQUEST_SCHEMAS).map((name) => ({
    title: `request schema ${name}`,
    table: REQUEST_SCHEMAS,
    validators: REQUEST_VALIDATORS,
    schema: { $ref: name },
    validate: ajv.compile(closedSchema(name)),
  })),
  ...Object.keys(RESPONSE_SCHEMAS).map((name) => ({
    title: `response schema ${name}`,
    table: RESPONSE_SCHEMAS,
    validators: RESPONSE_VALIDATORS,
    schema: { $ref: name },
    validate: ajv.compile(closedSchema(name)),
  })),
  ...OPERATIONS.flatMap(({ operationId, query }) =>
    query === undefined
      ? []
      : [
          {
            title: `query of ${operationId}`,
            table: REQUEST_SCHEMAS,
            validators: REQUEST_VALIDATORS,
            schema: query,
            validate: ajv.compile({
              ...(withRefs(query, schemaRef) as object),
              unevaluatedProperties: false,
            }),
          },
        ],
  ),
];

describe.each(subjects)("$title", ({ table, validators, schema, validate }) => {
  const values = schemaArbitrary(table, schema);

  test("values generated from the schema pass findViolation and ajv", () => {
    fc.assert(
      fc.property(values, (value) => {
        expect(findViolation(validators, schema, value, "")).toBeUndefined();
        expect(ajvErrors(validate, value)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  test("a value with one rule broken is refused by both, at a place ajv names", () => {
    fc.assert(
      fc.property(values, fc.nat(), (value, pick) => {
        const candidates = mutations(table, schema, value);
        const mutation = candidates[pick % candidates.length];
        if (mutation === undefined) return;
        const mutated = mutation.apply(value);
        const violation = findViolation(validators, schema, mutated, "");
        const ajvPaths = ajvErrors(validate, mutated);
        expect(violation, `${mutation.kind} at ${pathOf(mutation.at)}`).toBeDefined();
        expect(
          ajvPaths.length,
          `ajv refuses ${mutation.kind} at ${pathOf(mutation.at)}`,
        ).toBeGreaterThan(0);
        expect(ajvPaths, mutation.kind).toContain(violation?.path);
        expect(violation?.path, mutation.kind).toBe(pathOf(mutation.at));
      }),
      { numRuns: 500 },
    );
  });
});

describe("the differential test itself", () => {
  test("covers every named schema of both tables", () => {
    const covered = subjects.map(({ schema }) => schema.$ref);
    for (const name of [...Object.keys(REQUEST_SCHEMAS), ...Object.keys(RESPONSE_SCHEMAS)]) {
      expect(covered).toContain(name);
    }
  });

  test("breaks rules of every kind the spec has somewhere", () => {
    const kinds = new Set<string>();
    for (const { table, schema } of subjects) {
      for (const value of fc.sample(schemaArbitrary(table, schema), { numRuns: 30, seed: 7 })) {
        for (const { kind } of mutations(table, schema, value)) kinds.add(kind);
      }
    }
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        "NaN",
        "bad date",
        "bad date-time",
        "duplicate item",
        "not in the enum",
        "over maxItems",
        "over maxLength",
        "over maximum",
        "required property deleted",
        "under minimum",
        "unknown property",
        "wrong type",
      ]),
    );
  });
});

/**
 * The interpreter against ajv (2020-12, ajv-formats) on generated schemas that use every keyword
 * and format (test/helpers/keyword-cases.ts), as requests judge them: ajv runs on the schema with
 * `unevaluatedProperties: false` injected wherever the client closes an object. Values built to
 * satisfy a schema pass both; a value with one rule broken is refused by both, at the same path.
 * Where ajv departs from the specification, the case names the departure and only the client is
 * held to the specification's answer. `discriminator` is not here: ajv's refuses `mapping` and
 * `anyOf`, so discriminators have pinned unit cases (keywords.test.ts).
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { FORMATS, fullValidators, SCHEMA_KEYWORDS } from "../../src/schema/catalogue.ts";
import { closes } from "../../src/schema/closedness.ts";
import type { SchemaTable, SubSchema } from "../../src/schema/types.ts";
import { findViolation } from "../../src/schema/walk.ts";
import { CASE_TABLE, keywordCase, type Case } from "../helpers/keyword-cases.ts";
import { errorPath, pathOf } from "./ajv-reference.ts";

const TABLE = CASE_TABLE as unknown as SchemaTable;
const VALIDATORS = fullValidators(TABLE);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);

const resolve = (key: string): SubSchema => {
  const found = TABLE[key];
  if (found === undefined) throw new Error(`no schema ${key}`);
  return found;
};

const IN_PLACE = ["allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas"];
const CHILDREN = [
  "properties",
  "patternProperties",
  "additionalProperties",
  "items",
  "prefixItems",
  "contains",
  "unevaluatedItems",
  "unevaluatedProperties",
];

/**
 * The schema for ajv: `unevaluatedProperties: false` wherever the client closes an object (the
 * outermost schema at a location, closedness.ts), `$ref`s to `#/$defs/<key>`.
 */
export function forAjv(schema: SubSchema, location = true): SubSchema {
  if (typeof schema === "boolean") return schema;
  const copy: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    const sub = (item: unknown) => forAjv(item as SubSchema, CHILDREN.includes(keyword));
    if (keyword === "$ref") copy.$ref = `#/$defs/${String(value)}`;
    else if (!IN_PLACE.includes(keyword) && !CHILDREN.includes(keyword)) copy[keyword] = value;
    else if (Array.isArray(value)) copy[keyword] = value.map(sub);
    else if (["properties", "patternProperties", "dependentSchemas"].includes(keyword)) {
      copy[keyword] = Object.fromEntries(
        Object.entries(value as object).map(([name, item]) => [name, sub(item)]),
      );
    } else copy[keyword] = sub(value);
  }
  if (location && closes(schema, resolve)) copy.unevaluatedProperties = false;
  return copy;
}

const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

function compile(schema: SubSchema) {
  const key = JSON.stringify(schema);
  const found = compiled.get(key);
  if (found) return found;
  const $defs = Object.fromEntries(
    Object.entries(TABLE).map(([name, entry]) => [name, forAjv(entry, false)]),
  );
  const root = forAjv(schema);
  const validate = ajv.compile(
    typeof root === "boolean" ? { allOf: [root], $defs } : { ...root, $defs },
  );
  compiled.set(key, validate);
  return validate;
}

function ajvErrors(schema: SubSchema, value: unknown): string[] {
  const validate = compile(schema);
  const wire: unknown = JSON.parse(JSON.stringify(value === undefined ? null : value));
  return validate(wire) ? [] : (validate.errors ?? []).map(errorPath);
}

const cases = keywordCase(2);

describe("the interpreter against ajv, on schemas with every keyword and format", () => {
  test("values built to satisfy a schema pass both", () => {
    fc.assert(
      fc.property(
        cases.chain((c) => fc.tuple(fc.constant(c), c.valid)),
        ([c, value]) => {
          expect(
            findViolation(VALIDATORS, c.schema, value, ""),
            JSON.stringify(c.schema),
          ).toBeUndefined();
          expect(ajvErrors(c.schema, value), JSON.stringify(c.schema)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("a value with one rule broken is refused by both, at the same path", () => {
    const withBreaks = cases.filter((c) => c.broken.length > 0);
    fc.assert(
      fc.property(
        withBreaks.chain((c) => fc.tuple(fc.constant(c), fc.oneof(...c.broken))),
        ([c, broken]) => {
          const where = `${broken.rule} at ${pathOf(broken.at)} of ${JSON.stringify(c.schema)}: ${JSON.stringify(broken.value)}`;
          const violation = findViolation(VALIDATORS, c.schema, broken.value, "");
          expect(violation, where).toBeDefined();
          expect(violation?.path, where).toBe(pathOf(broken.at));
          if (broken.departure !== undefined) return;
          const paths = ajvErrors(c.schema, broken.value);
          expect(paths.length, `ajv refuses ${where}`).toBeGreaterThan(0);
          const ours = violation?.path ?? "";
          const agrees = paths.includes(ours) || paths.some((path) => ours.startsWith(path));
          expect(agrees, `${where}: ajv says ${paths.join(", ")}`).toBe(true);
        },
      ),
      { numRuns: 600 },
    );
  });

  test("the cases use every keyword but discriminator, and every format", () => {
    const used = new Set<string>();
    for (const c of fc.sample<Case>(cases, { numRuns: 3000, seed: 18 })) {
      for (const name of c.uses) used.add(name);
    }
    const keywords = SCHEMA_KEYWORDS.filter((name) => name !== "discriminator");
    expect(keywords.filter((name) => !used.has(name))).toEqual([]);
    expect(Object.keys(FORMATS).filter((name) => !used.has(`format:${name}`))).toEqual([]);
  });
});

/**
 * The keywords added to the validators for JSON Schema 2020-12 and OpenAPI, one describe each:
 * what passes, what fails, with which path and rule. `expectPass`/`expectFail` judge as JSON
 * Schema does (objects open) and hold ajv to the same verdict; the closedness and response cases
 * use the client's request and response modes.
 */
import { describe, expect, test } from "vitest";
import { readSchemaTable } from "../../scripts/generate/schemas.ts";
import { fullValidators } from "../../src/schema/catalogue.ts";
import type { SchemaTable, SubSchema } from "../../src/schema/types.ts";
import { findSchemaViolation, findViolation, inspectResponse } from "../../src/schema/walk.ts";
import { ajvAccepts } from "./ajv-reference.ts";

const TABLE: SchemaTable = {
  Name: { type: "string", minLength: 1 },
  Node: {
    type: "object",
    properties: { value: { type: "integer" }, next: { $ref: "Node" } },
    required: ["value"],
  },
};
const ALL = fullValidators(TABLE);

const check = (schema: SubSchema, value: unknown, path = "value") =>
  findSchemaViolation(ALL, schema, value, path);

function expectPass(schema: SubSchema, value: unknown): void {
  expect(check(schema, value)).toBeUndefined();
  expect(ajvAccepts(schema, value, TABLE), "ajv accepts it too").toBe(true);
}

function expectFail(schema: SubSchema, value: unknown, path: string, rule: string): void {
  expect(check(schema, value)).toMatchObject({ path, rule });
  expect(ajvAccepts(schema, value, TABLE), "ajv refuses it too").toBe(false);
}

/** A request's verdict: objects closed. */
const request = (schema: SubSchema, value: unknown, table: SchemaTable = TABLE) =>
  findViolation(fullValidators(table), schema, value, "body");

/** A response's verdict: what the spec does not define is collected. */
const response = (schema: SubSchema, value: unknown, table: SchemaTable = TABLE) =>
  inspectResponse(fullValidators(table), schema, value, "");

describe("boolean schemas", () => {
  test("true accepts every value, false refuses every value", () => {
    expectPass(true, { any: [1] });
    expectFail(false, 1, "value", "must not be present");
  });

  test("false where a property or an item stands refuses it, naming it", () => {
    expectFail({ properties: { x: false } }, { x: 1 }, "value.x", "must not be present");
    expectPass({ properties: { x: false } }, { y: 1 });
    expectFail({ prefixItems: [true], items: false }, [1, 2], "value[1]", "must not be present");
    expectFail({ allOf: [true, false] }, "a", "value", "must not be present");
  });

  test("true still refuses NaN and Infinity, anywhere in the value", () => {
    expect(check(true, { a: [1, NaN] })).toMatchObject({
      path: "value.a[1]",
      rule: "must be a finite number",
    });
    expect(check({ type: "object" }, { a: { b: Infinity } })?.path).toBe("value.a.b");
  });
});

describe("required and what present means", () => {
  test("names on Object.prototype are never present because of it", () => {
    // A pinned departure: ajv (without ownProperties) finds every name of Object.prototype.
    const schema: SubSchema = { required: ["__proto__", "toString", "constructor"] };
    expect(check(schema, {})).toMatchObject({ path: "value.__proto__", rule: "is required" });
    expect(check(schema, { toString: 1, constructor: 1 })?.path).toBe("value.__proto__");
    expect(check({ required: ["toString"] }, {})?.path).toBe("value.toString");
    expectPass(schema, JSON.parse('{"__proto__": 1, "toString": 1, "constructor": 1}'));
  });

  test("a property whose value is undefined is absent", () => {
    expect(check({ required: ["purpose"] }, { purpose: undefined })).toEqual({
      path: "value.purpose",
      rule: "is required",
      value: undefined,
    });
    expect(check({ minProperties: 1 }, { a: undefined })?.rule).toBe(
      "must have at least 1 property",
    );
    expect(check({ dependentRequired: { a: ["b"] } }, { a: undefined })).toBeUndefined();
    expect(check({ propertyNames: { maxLength: 1 } }, { long: undefined })).toBeUndefined();
  });
});

describe("enum, const and uniqueItems compare JSON values", () => {
  test("1 and 1.0 are one number", () => {
    expectPass({ enum: [1.0] }, 1);
    expectPass({ const: 1 }, 1.0);
    expectFail(
      { uniqueItems: true },
      [1, 1.0],
      "value",
      "must not contain duplicate items (items 0 and 1 are equal)",
    );
  });

  test("objects are equal whatever their key order, and only by own properties", () => {
    expectPass({ enum: [{ a: 1, b: [2] }] }, { b: [2], a: 1 });
    expectFail(
      { uniqueItems: true },
      [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ],
      "value",
      "must not contain duplicate items (items 0 and 1 are equal)",
    );
    expect(check({ const: {} }, Object.create({ inherited: 1 }))).toBeUndefined();
    expectFail({ const: { a: undefined } }, { b: 1 }, "value", "must be {}");
  });
});

describe("minProperties, maxProperties, dependentRequired, propertyNames", () => {
  test("count the present properties", () => {
    expectPass({ minProperties: 1, maxProperties: 2 }, { a: 1 });
    expectFail({ minProperties: 2 }, { a: 1 }, "value", "must have at least 2 properties");
    expectFail({ maxProperties: 1 }, { a: 1, b: 2 }, "value", "must have at most 1 property");
  });

  test("dependentRequired names the missing property and what needs it", () => {
    const schema: SubSchema = { dependentRequired: { card: ["billing"] } };
    expectPass(schema, { billing: 1 });
    expectFail(schema, { card: 1 }, "value.billing", "is required when card is present");
  });

  test("propertyNames checks each name, the path naming the property", () => {
    const schema: SubSchema = { propertyNames: { pattern: "^[a-z]+$" } };
    expectPass(schema, { abc: 1 });
    expect(check(schema, { abc: 1, Bad: 2 })).toEqual({
      path: "value.Bad",
      rule: "its name must match the pattern ^[a-z]+$",
      value: "Bad",
    });
  });
});

describe("prefixItems, items, contains", () => {
  test("prefixItems checks the first items; items the rest", () => {
    const schema: SubSchema = { prefixItems: [{ type: "string" }], items: { type: "integer" } };
    expectPass(schema, ["a", 1, 2]);
    expectPass(schema, []);
    expectFail(schema, [1], "value[0]", "must be a string");
    expectFail(schema, ["a", 1, "b"], "value[2]", "must be an integer");
  });

  test("contains needs one matching item unless minContains says otherwise", () => {
    const schema: SubSchema = { contains: { type: "integer" } };
    expectPass(schema, ["a", 1]);
    expectFail(
      schema,
      ["a"],
      "value",
      "must contain at least 1 item matching the schema in contains",
    );
    expectPass({ ...schema, minContains: 0 }, []);
    expectPass({ ...schema, minContains: 0 }, ["a"]);
    expectFail(
      { ...schema, minContains: 0, maxContains: 1 },
      [1, 2],
      "value",
      "must contain at most 1 item matching the schema in contains",
    );
    expectFail(
      { ...schema, minContains: 2 },
      [1, "a"],
      "value",
      "must contain at least 2 items matching the schema in contains",
    );
  });
});

describe("patternProperties and additionalProperties", () => {
  test("a matching name is checked by each pattern it matches; the rest by additionalProperties", () => {
    const schema: SubSchema = {
      properties: { id: { type: "string" } },
      patternProperties: { "^x-": { type: "string" }, "-n$": { type: "number" } },
      additionalProperties: false,
    };
    expectPass(schema, { id: "a", "x-a": "b" });
    expectFail(schema, { "x-n": "1" }, "value.x-n", "must be a number");
    expectFail(schema, { other: 1 }, "value.other", "is not defined in the spec");
  });
});

describe("anyOf, oneOf, not", () => {
  test("anyOf: the branch whose first violation lies deepest speaks, the first on a tie", () => {
    const schema: SubSchema = {
      anyOf: [
        { type: "object", required: ["a"] },
        { type: "object", properties: { b: { properties: { c: { type: "string" } } } } },
      ],
    };
    expectPass(schema, { a: 1 });
    expectFail(schema, { b: { c: 1 } }, "value.b.c", "must be a string");
    expectFail(
      { anyOf: [{ type: "string" }, { type: "integer" }] },
      1.5,
      "value",
      "must be a string",
    );
  });

  test("oneOf refuses a value that matches several branches, naming them", () => {
    const schema: SubSchema = {
      oneOf: [{ type: "integer" }, { type: "number", minimum: 0 }, { type: "string" }],
    };
    expectPass(schema, -1);
    expectPass(schema, "a");
    expect(check(schema, 1)).toEqual({
      path: "value",
      rule: "must match exactly one of its 3 schemas; matches 1 and 2",
      value: undefined,
    });
  });

  test("not refuses what its schema accepts", () => {
    expectPass({ not: { type: "string" } }, 1);
    expect(check({ not: { type: "string" } }, "a", "body.code")).toEqual({
      path: "body.code",
      rule: "must not match the schema in not",
      value: undefined,
    });
  });
});

describe("if, then, else, dependentSchemas", () => {
  test("then applies where if holds, else where it does not", () => {
    const schema: SubSchema = {
      if: { properties: { kind: { const: "card" } } },
      then: { required: ["number"] },
      else: { required: ["iban"] },
    };
    expectPass(schema, { kind: "card", number: "1" });
    expectPass(schema, { kind: "bank", iban: "x" });
    expectFail(schema, { kind: "card" }, "value.number", "is required");
    expectFail(schema, { kind: "bank" }, "value.iban", "is required");
  });

  test("dependentSchemas applies a property's schema when it is present", () => {
    const schema: SubSchema = { dependentSchemas: { card: { required: ["billing"] } } };
    expectPass(schema, {});
    expectFail(schema, { card: 1 }, "value.billing", "is required");
  });
});

describe("unevaluatedProperties and unevaluatedItems", () => {
  test("see through allOf and $ref", () => {
    const schema: SubSchema = {
      allOf: [{ properties: { a: true } }, { $ref: "Node" }],
      unevaluatedProperties: false,
    };
    expectPass(schema, { a: 1, value: 2 });
    expectFail(schema, { value: 2, c: 3 }, "value.c", "is not defined in the spec");
  });

  test("see the valid branches of anyOf only", () => {
    const schema: SubSchema = {
      anyOf: [
        { properties: { a: { type: "string" } }, required: ["a"] },
        { properties: { b: true } },
      ],
      unevaluatedProperties: false,
    };
    expectPass(schema, { a: "x", b: 1 });
    expectFail(schema, { a: 1, b: 1 }, "value.a", "is not defined in the spec");
  });

  test("see if and the then taken, but not a failed if", () => {
    const schema: SubSchema = {
      if: { properties: { kind: { const: "a" } }, required: ["kind"] },
      then: { properties: { extra: true } },
      unevaluatedProperties: false,
    };
    expectPass(schema, { kind: "a", extra: 1 });
    expectFail(schema, { kind: "b" }, "value.kind", "is not defined in the spec");
  });

  test("a schema refuses or checks what nothing else evaluated", () => {
    const schema: SubSchema = {
      properties: { a: true },
      unevaluatedProperties: { type: "string" },
    };
    expectPass(schema, { a: 1, b: "x" });
    expectFail(schema, { a: 1, b: 2 }, "value.b", "must be a string");
  });

  test("unevaluatedItems sees prefixItems, items and contains, through allOf and $ref", () => {
    const schema: SubSchema = {
      allOf: [{ prefixItems: [{ type: "string" }] }, { contains: { type: "integer" } }],
      unevaluatedItems: false,
    };
    expectPass(schema, ["a", 1, 2]);
    // A pinned departure: ajv's unevaluatedItems does not see the items contains matched.
    expect(check(schema, ["a", 1, true])).toMatchObject({
      path: "value[2]",
      rule: "is not defined in the spec",
    });
    expectFail(
      { prefixItems: [{ type: "string" }], unevaluatedItems: false },
      ["a", 1],
      "value[1]",
      "is not defined in the spec",
    );
    expectPass({ $ref: "Name", unevaluatedItems: false }, "x");
  });

  test("unevaluatedItems through anyOf and if/then", () => {
    const schema: SubSchema = {
      anyOf: [{ prefixItems: [true, true] }, { prefixItems: [{ const: "x" }] }],
      if: { prefixItems: [{ const: "x" }] },
      then: { prefixItems: [true, true, true] },
      unevaluatedItems: false,
    };
    expectPass(schema, ["x", 1, 2]);
    expectFail(schema, ["y", 1, 2], "value[2]", "is not defined in the spec");
  });
});

describe("$ref", () => {
  test("a recursive schema applies at every depth", () => {
    expectPass({ $ref: "Node" }, { value: 1, next: { value: 2 } });
    expectFail(
      { $ref: "Node" },
      { value: 1, next: { next: {} } },
      "value.next.value",
      "is required",
    );
  });
});

/** A table made by the schema reader from `components/schemas`, as `npm run generate` makes it. */
function readTable(schemas: Record<string, unknown>): SchemaTable {
  const document = { openapi: "3.1.0", components: { schemas } };
  const read = readSchemaTable(
    document,
    Object.keys(schemas).map((name) => ({ pointer: `#/components/schemas/${name}` })),
  );
  if (read instanceof Error) throw read;
  return read.table;
}

const PETS = readTable({
  Rule: {
    oneOf: [{ $ref: "#/components/schemas/a" }, { $ref: "#/components/schemas/b" }],
    discriminator: { propertyName: "kind" },
  },
  a: {
    type: "object",
    properties: { kind: { const: "a" }, x: { type: "string" } },
    required: ["kind", "x"],
  },
  b: {
    type: "object",
    properties: { kind: { const: "b" }, y: { type: "number" } },
    required: ["kind", "y"],
  },
  Pet: {
    type: "object",
    properties: { petType: { type: "string" }, name: { type: "string" } },
    required: ["petType"],
    discriminator: { propertyName: "petType", mapping: { dog: "#/components/schemas/Dog" } },
  },
  Cat: {
    allOf: [{ $ref: "#/components/schemas/Pet" }, { properties: { meows: { type: "boolean" } } }],
  },
  Dog: {
    allOf: [{ $ref: "#/components/schemas/Pet" }, { properties: { barks: { type: "boolean" } } }],
  },
});

describe("discriminator", () => {
  test("without a mapping, a value maps to the schema of that name", () => {
    expect(PETS.Rule).toMatchObject({
      discriminator: { propertyName: "kind", mapping: { a: "a", b: "b" } },
    });
    expect(request({ $ref: "Rule" }, { kind: "b", y: 1 }, PETS)).toBeUndefined();
  });

  test("the message is the mapped branch's", () => {
    expect(
      request({ properties: { rule: { $ref: "Rule" } } }, { rule: { kind: "b", y: "x" } }, PETS),
    ).toEqual({
      path: "body.rule.y",
      rule: "must be a number",
      value: "x",
    });
  });

  test("a missing or unmapped value names the property and the values allowed", () => {
    expect(request({ $ref: "Rule" }, { kind: "c", y: 1 }, PETS)).toEqual({
      path: "body.kind",
      rule: 'must be one of "a", "b"',
      value: "c",
    });
    expect(request({ $ref: "Rule" }, { y: 1 }, PETS)).toEqual({
      path: "body.kind",
      rule: 'must be one of "a", "b"',
      value: undefined,
    });
  });

  test("a value that is not an object is judged by the branches", () => {
    expect(request({ $ref: "Rule" }, 1, PETS)?.rule).toBe("must be an object");
  });

  test("on a base schema, it dispatches to the schemas that extend it with allOf", () => {
    expect(PETS.Pet).toMatchObject({
      discriminator: { mapping: { dog: "Dog", Cat: "Cat" } },
    });
    expect(request({ $ref: "Pet" }, { petType: "Cat", meows: true }, PETS)).toBeUndefined();
    expect(request({ $ref: "Pet" }, { petType: "Cat", meows: 1 }, PETS)).toMatchObject({
      path: "body.meows",
      rule: "must be a boolean",
    });
    expect(
      request({ $ref: "Pet" }, { petType: "dog", barks: true, name: "r" }, PETS),
    ).toBeUndefined();
    expect(request({ $ref: "Pet" }, { petType: "dog", meows: true }, PETS)).toMatchObject({
      path: "body.meows",
      rule: "is not defined in the spec",
    });
  });

  test("a variant reached directly does not dispatch its base again", () => {
    expect(request({ $ref: "Cat" }, { petType: "Cat", meows: true }, PETS)).toBeUndefined();
  });

  test("a response tolerates an unmapped value, a variant the spec does not know yet", () => {
    expect(response({ $ref: "Rule" }, { kind: "c", z: 1 }, PETS)).toEqual({
      unknown: ["kind", "z"],
    });
    expect(response({ $ref: "Rule" }, { y: 1 }, PETS).violation?.path).toBe("kind");
  });
});

describe("closedness, in JSON Schema's terms", () => {
  test("allOf branches' properties are all defined; any other is refused", () => {
    const schema: SubSchema = { allOf: [{ properties: { a: true } }, { properties: { b: true } }] };
    expect(request(schema, { a: 1, b: 2 })).toBeUndefined();
    expect(request(schema, { a: 1, b: 2, c: 3 })).toMatchObject({
      path: "body.c",
      rule: "is not defined in the spec",
    });
  });

  test("the valid branches of anyOf and oneOf, a successful if and the then taken define properties", () => {
    const schema: SubSchema = {
      type: "object",
      oneOf: [
        { properties: { a: { type: "string" } }, required: ["a"] },
        { properties: { b: true }, required: ["b"] },
      ],
      if: { properties: { a: { const: "x" } } },
      then: { properties: { extra: true } },
    };
    expect(request(schema, { a: "x", extra: 1 })).toBeUndefined();
    expect(request(schema, { a: "y", extra: 1 })?.path).toBe("body.extra");
  });

  test("the dependentSchemas triggered define properties", () => {
    const schema: SubSchema = {
      properties: { card: true },
      dependentSchemas: { card: { properties: { billing: true } } },
    };
    expect(request(schema, { card: 1, billing: 2 })).toBeUndefined();
    expect(request(schema, { billing: 2 })?.path).toBe("body.billing");
  });

  test("an explicit patternProperties, additionalProperties or unevaluatedProperties is honoured as written", () => {
    expect(
      request({ type: "object", patternProperties: { "^x-": true } }, { other: 1 }),
    ).toBeUndefined();
    expect(
      request({ allOf: [{ properties: { a: true } }], unevaluatedProperties: true }, { z: 1 }),
    ).toBeUndefined();
    expect(
      request({ type: "object", additionalProperties: { type: "string" } }, { z: "1" }),
    ).toBeUndefined();
  });
});

describe("responses", () => {
  test("branches are judged strictly; the tolerance applies to the verdict", () => {
    const nullableStatus: SubSchema = {
      anyOf: [{ type: "string", enum: ["ACTIVE"] }, { type: "null" }],
    };
    expect(response(nullableStatus, "ARCHIVED")).toEqual({ unknown: [""] });
    expect(response(nullableStatus, 1).violation?.rule).toBe("must be a string");
    const twoKinds: SubSchema = {
      oneOf: [
        { properties: { kind: { enum: ["A"] } }, required: ["kind"] },
        { properties: { kind: { enum: ["B"] } }, required: ["kind"] },
      ],
    };
    expect(response(twoKinds, { kind: "A" })).toEqual({ unknown: [] });
    expect(response(twoKinds, { kind: "C" })).toEqual({ unknown: ["kind"] });
    expect(response({ not: { enum: ["X"] } }, "Y")).toEqual({ unknown: [] });
  });

  test("unknown properties inside a matched branch are collected", () => {
    const schema: SubSchema = { oneOf: [{ $ref: "Node" }, { type: "string" }] };
    expect(response(schema, { value: 1, more: 2 })).toEqual({ unknown: ["more"] });
  });
});

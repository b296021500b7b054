/**
 * The validator interpreter (src/schema/), keyword by keyword, for the keywords the spec has used
 * from the start: what passes, what fails,
 * with which path and rule. Wherever the client does not deliberately differ from JSON Schema
 * (NaN and Infinity, `undefined` properties, closed objects), ajv gives the same verdict.
 */
import { describe, expect, test } from "vitest";
import { fullValidators, SCHEMA_KEYWORDS } from "../../src/schema/catalogue.ts";
import type { Schema, SchemaTable } from "../../src/schema/types.ts";
import { findViolation, inspectResponse } from "../../src/schema/walk.ts";
import { ajvAccepts } from "./ajv-reference.ts";

/** A small table in the validators' format, shaped like an API's schemas. */
const TABLE: SchemaTable = {
  Status: { type: "string", enum: ["ACTIVE", "CONSUMED", "EXPIRED", "VOIDED"] },
  Request: {
    type: "object",
    required: ["accountId", "purpose", "effectiveFrom", "priority"],
    properties: {
      accountId: { type: "string" },
      purpose: { type: "string" },
      entityIds: { type: "array", uniqueItems: true, items: { type: "string" } },
      effectiveFrom: { type: "string", format: "date" },
      amount: { type: "number" },
      priority: { type: "integer" },
    },
  },
  CreateRequest: {
    type: "object",
    additionalProperties: false,
    required: ["requests"],
    properties: { requests: { type: "array", items: { $ref: "Request" } } },
  },
  Granted: {
    allOf: [
      { $ref: "Request" },
      {
        type: "object",
        required: ["id", "status", "createdAt"],
        properties: {
          id: { type: "string", maxLength: 50 },
          status: { $ref: "Status" },
          createdAt: { type: "string", format: "date-time" },
        },
      },
    ],
  },
  Page: {
    type: "object",
    additionalProperties: false,
    required: ["data"],
    properties: {
      data: { type: "array", maxItems: 50, items: { $ref: "Granted" } },
      nextToken: { type: "string" },
    },
  },
  Details: {
    allOf: [
      { $ref: "Granted" },
      { type: "object", properties: { notes: { type: "array", items: { type: "string" } } } },
    ],
    unevaluatedProperties: false,
  },
};

/** The table with every keyword and format. */
const ALL = fullValidators(TABLE);

const REQUEST = { accountId: "ACC1", purpose: "Prepaid", effectiveFrom: "2023-02-04", priority: 1 };
const GRANTED = { ...REQUEST, id: "c1", status: "ACTIVE", createdAt: "2023-02-04T10:15:30Z" };

/** A copy of an object without one of its properties. */
function without(value: object, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([name]) => name !== key));
}

function check(schema: Schema, value: unknown, path = "value") {
  return findViolation(ALL, schema, value, path);
}

/** Expects a pass, as ajv gives it. */
function expectPass(schema: Schema, value: unknown): void {
  expect(check(schema, value)).toBeUndefined();
  expect(ajvAccepts(schema, value, TABLE), "ajv accepts it too").toBe(true);
}

/** Expects a violation with this path and rule, where ajv fails too. */
function expectFail(schema: Schema, value: unknown, path: string, rule: string): void {
  expect(check(schema, value)).toMatchObject({ path, rule });
  expect(ajvAccepts(schema, value, TABLE), "ajv refuses it too").toBe(false);
}

describe("the keywords checked", () => {
  test("are the schema format's keywords, each of them covered here or in keywords.test.ts", () => {
    expect([...SCHEMA_KEYWORDS].sort()).toEqual(
      [
        "$ref",
        "additionalProperties",
        "allOf",
        "anyOf",
        "const",
        "contains",
        "dependentRequired",
        "dependentSchemas",
        "discriminator",
        "else",
        "enum",
        "exclusiveMaximum",
        "exclusiveMinimum",
        "format",
        "if",
        "items",
        "maxContains",
        "maxItems",
        "maxLength",
        "maxProperties",
        "maximum",
        "minContains",
        "minItems",
        "minLength",
        "minProperties",
        "minimum",
        "multipleOf",
        "not",
        "oneOf",
        "pattern",
        "patternProperties",
        "prefixItems",
        "properties",
        "propertyNames",
        "required",
        "then",
        "type",
        "unevaluatedItems",
        "unevaluatedProperties",
        "uniqueItems",
      ].sort(),
    );
  });
});

describe("type", () => {
  test.each([
    ["string", "text"],
    ["number", 1.5],
    ["integer", 3],
    ["integer", 3.0],
    ["integer", -0],
    ["boolean", false],
    ["array", []],
    ["object", {}],
    ["null", null],
  ] as const)("a %s schema accepts %j", (type, value) => {
    expectPass({ type }, value);
  });

  test.each([
    ["string", 1, "must be a string"],
    ["number", "1", "must be a number"],
    ["integer", 1.5, "must be an integer"],
    ["integer", "1", "must be an integer"],
    ["boolean", "true", "must be a boolean"],
    ["array", {}, "must be an array"],
    ["object", [], "must be an object"],
    ["object", null, "must be an object"],
    ["null", 0, "must be null"],
  ] as const)("a %s schema refuses %j: %s", (type, value, rule) => {
    expectFail({ type }, value, "value", rule);
  });

  test("a list of types accepts any of them and names them all when refusing", () => {
    expectPass({ type: ["string", "null"] }, null);
    expectFail({ type: ["string", "null"] }, 1, "value", "must be a string or null");
  });

  test("a missing value (undefined) is refused with the expected type", () => {
    expect(check({ type: "string" }, undefined)).toEqual({
      path: "value",
      rule: "must be a string",
      value: undefined,
    });
  });

  test.each([NaN, Infinity, -Infinity])(
    "%s is refused wherever a number or an integer is expected: must be a finite number",
    (value) => {
      for (const schema of [{ type: "number" }, { type: "integer" }, { minimum: 0 }, {}] as const) {
        expect(check(schema, value)).toEqual({
          path: "value",
          rule: "must be a finite number",
          value,
        });
      }
      expect(check({ type: ["integer", "null"] }, value)?.rule).toBe("must be a finite number");
    },
  );

  test("NaN where a string is expected is refused as not a string", () => {
    expect(check({ type: "string" }, NaN)?.rule).toBe("must be a string");
  });

  test("the type is checked first: a value of the wrong type reports only that", () => {
    expect(check({ type: "string", enum: ["A"], maxLength: 0 }, 5)?.rule).toBe("must be a string");
  });
});

describe("enum and const", () => {
  test("enum accepts a listed value and names the list when refusing", () => {
    expectPass({ $ref: "Status" }, "VOIDED");
    expectFail(
      { $ref: "Status" },
      "GONE",
      "value",
      "must be one of ACTIVE, CONSUMED, EXPIRED, VOIDED",
    );
  });

  test("enum compares objects and arrays deeply", () => {
    const schema: Schema = { enum: [{ a: [1, 2] }, [1, "x"], null, 3] };
    expectPass(schema, { a: [1, 2] });
    expectPass(schema, [1, "x"]);
    expectPass(schema, null);
    expectFail(schema, { a: [2, 1] }, "value", 'must be one of {"a":[1,2]}, [1,"x"], null, 3');
    expectFail(schema, [1, "x", 2], "value", 'must be one of {"a":[1,2]}, [1,"x"], null, 3');
    expectFail(schema, "3", "value", 'must be one of {"a":[1,2]}, [1,"x"], null, 3');
  });

  test("const accepts the value, deeply equal, and names it when refusing", () => {
    expectPass({ const: "fixed" }, "fixed");
    expectFail({ const: "fixed" }, "other", "value", "must be fixed");
    expectPass({ const: { a: 1, b: [true] } }, { b: [true], a: 1 });
    expectFail({ const: { a: 1 } }, { a: 1, b: 2 }, "value", 'must be {"a":1}');
    expectFail({ const: null }, 0, "value", "must be null");
  });
});

describe("number limits", () => {
  test("minimum and maximum are inclusive", () => {
    const schema: Schema = { type: "integer", minimum: 1, maximum: 50 };
    expectPass(schema, 1);
    expectPass(schema, 50);
    expectFail(schema, 0, "value", "must be at least 1");
    expectFail(schema, 51, "value", "must be at most 50");
  });

  test("exclusiveMinimum and exclusiveMaximum are exclusive", () => {
    const schema: Schema = { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 };
    expectPass(schema, 0.5);
    expectFail(schema, 0, "value", "must be greater than 0");
    expectFail(schema, 1, "value", "must be less than 1");
  });

  test("multipleOf accepts multiples, decimal ones included, as ajv does", () => {
    expectPass({ multipleOf: 0.01 }, 10.25);
    expectPass({ multipleOf: 5 }, -15);
    expectFail({ multipleOf: 5 }, 12, "value", "must be a multiple of 5");
    expectFail({ multipleOf: 0.1 }, 0.15, "value", "must be a multiple of 0.1");
  });

  test("number limits ignore values that are not numbers", () => {
    expectPass({ minimum: 5, multipleOf: 2 }, "1");
  });
});

describe("string rules", () => {
  test("maxLength and minLength count code points, not UTF-16 units", () => {
    expectPass({ maxLength: 2 }, "😀😀");
    expectPass({ minLength: 2 }, "😀😀");
    expectFail({ maxLength: 1 }, "😀😀", "value", "must be at most 1 character long");
    expectFail({ minLength: 3 }, "😀😀", "value", "must be at least 3 characters long");
    expectFail(
      { type: "string", maxLength: 50 },
      "x".repeat(51),
      "value",
      "must be at most 50 characters long",
    );
  });

  test("pattern is a unicode regular expression, not anchored unless it says so", () => {
    expectPass({ pattern: "^[A-Z]+$" }, "ABC");
    expectFail({ pattern: "^[A-Z]+$" }, "ABc", "value", "must match the pattern ^[A-Z]+$");
    expectPass({ pattern: "[0-9]" }, "a1b");
    expectPass({ pattern: "^\\p{Lu}$" }, "Ä");
    expectFail({ pattern: "^.$" }, "ab", "value", "must match the pattern ^.$");
    expectPass({ pattern: "^.$" }, "😀");
  });

  test("a date must exist in the calendar", () => {
    const schema: Schema = { type: "string", format: "date" };
    expectPass(schema, "2024-02-29");
    expectPass(schema, "2000-02-29");
    for (const value of [
      "2023-02-30",
      "2023-02-29",
      "2023-13-01",
      "1900-02-29",
      "2023-04-31",
      "2023-2-3",
    ]) {
      expectFail(schema, value, "value", "must be a date (YYYY-MM-DD) that exists");
    }
  });

  test("a date-time needs a time zone offset", () => {
    const schema: Schema = { type: "string", format: "date-time" };
    expectPass(schema, "2023-02-04T10:15:30Z");
    expectPass(schema, "2023-02-04T10:15:30+05:30");
    expectPass(schema, "2023-02-04T10:15:30.123-08:00");
    for (const value of ["2023-02-04T10:15:30", "2023-02-30T10:15:30Z", "2023-02-04T24:00:00Z"]) {
      expectFail(schema, value, "value", "must be a date-time with a time zone offset (RFC 3339)");
    }
  });

  test("formats ignore values that are not strings", () => {
    expectPass({ format: "date" }, 20230204);
  });

  test("an unknown format is an error, not a pass", () => {
    expect(() => check({ type: "string", format: "iri" }, "x")).toThrow(/unknown format iri/);
    expect(() => check({ type: "string", format: "toString" }, "x")).toThrow(/unknown format/);
  });
});

describe("arrays", () => {
  test("items checks every item, the path naming its index", () => {
    const schema: Schema = { type: "array", items: { type: "string" } };
    expectPass(schema, ["a", "b"]);
    expectFail(schema, ["a", "b", 3], "value[2]", "must be a string");
  });

  test("minItems and maxItems bound the count", () => {
    expectPass({ minItems: 1, maxItems: 2 }, [1, 2]);
    expectFail({ minItems: 1 }, [], "value", "must have at least 1 item");
    expectFail(
      { maxItems: 50 },
      Array.from({ length: 51 }, (_, index) => index),
      "value",
      "must have at most 50 items",
    );
  });

  test("uniqueItems refuses equal items, naming them, deep equality included", () => {
    expectPass({ uniqueItems: true }, [1, "1", [1], { a: 1 }, { a: 2 }]);
    expectFail(
      { uniqueItems: true },
      ["a", "b", "a"],
      "value",
      "must not contain duplicate items (items 0 and 2 are equal)",
    );
    expectFail(
      { uniqueItems: true },
      [
        { a: [1], b: 2 },
        { b: 2, a: [1] },
      ],
      "value",
      "must not contain duplicate items (items 0 and 1 are equal)",
    );
    expectPass({ uniqueItems: false }, [1, 1]);
  });

  test("items are checked before their uniqueness, as ajv compares only items of the right type", () => {
    const schema: Schema = { type: "array", uniqueItems: true, items: { type: "string" } };
    expect(check(schema, ["a", 1, 1])).toMatchObject({
      path: "value[1]",
      rule: "must be a string",
    });
    expect(ajvAccepts(schema, ["a", 1, 1])).toBe(false);
  });

  test("array rules ignore values that are not arrays", () => {
    expectPass({ items: { type: "string" }, minItems: 3, uniqueItems: true }, { 0: 1 });
  });
});

describe("objects", () => {
  test("required names the missing property by its own path, with no value", () => {
    const withoutPurpose = without(REQUEST, "purpose");
    expect(
      check({ $ref: "CreateRequest" }, { requests: [REQUEST, withoutPurpose] }, "body"),
    ).toEqual({
      path: "body.requests[1].purpose",
      rule: "is required",
      value: undefined,
    });
    expect(ajvAccepts({ $ref: "CreateRequest" }, { requests: [withoutPurpose] }, TABLE)).toBe(
      false,
    );
  });

  test("a property whose value is undefined is absent: required refuses it, nothing else looks at it", () => {
    expect(check({ $ref: "Request" }, { ...REQUEST, purpose: undefined })).toMatchObject({
      path: "value.purpose",
      rule: "is required",
    });
    expect(
      check({ $ref: "Request" }, { ...REQUEST, amount: undefined, extra: undefined }),
    ).toBeUndefined();
  });

  test("properties checks each declared property, nested paths included", () => {
    expectPass({ $ref: "Request" }, { ...REQUEST, entityIds: ["a", "b"], amount: 2.5 });
    expectFail(
      { $ref: "CreateRequest" },
      { requests: [{ ...REQUEST, entityIds: ["a", 1] }] },
      "value.requests[0].entityIds[1]",
      "must be a string",
    );
    expectFail(
      { $ref: "CreateRequest" },
      { requests: [REQUEST, { ...REQUEST, effectiveFrom: "2023-02-30" }] },
      "value.requests[1].effectiveFrom",
      "must be a date (YYYY-MM-DD) that exists",
    );
  });

  test("object rules ignore values that are not objects", () => {
    expectPass(
      { required: ["a"], properties: { a: { type: "string" } }, additionalProperties: false },
      [1],
    );
  });
});

describe("closedness (requests)", () => {
  test("an object schema refuses a property it does not declare", () => {
    expect(check({ $ref: "Request" }, { ...REQUEST, color: "red" })).toEqual({
      path: "value.color",
      rule: "is not defined in the spec",
      value: "red",
    });
    expect(check({ type: "object" }, { a: 1 })?.rule).toBe("is not defined in the spec");
    expect(check({ properties: {} }, { a: 1 })?.rule).toBe("is not defined in the spec");
    expect(check({ allOf: [{ required: ["a"] }] }, { a: 1 })).toMatchObject({
      path: "value.a",
      rule: "is not defined in the spec",
    });
  });

  test("an object inside an array or another object is closed too", () => {
    expect(
      check({ $ref: "CreateRequest" }, { requests: [REQUEST, { ...REQUEST, x: 1 }] }),
    ).toMatchObject({
      path: "value.requests[1].x",
      rule: "is not defined in the spec",
    });
  });

  test("a schema composed with allOf accepts the properties of every branch and refuses others", () => {
    expect(check({ $ref: "Granted" }, GRANTED)).toBeUndefined();
    expect(check({ $ref: "Granted" }, { ...GRANTED, color: "red" })).toMatchObject({
      path: "value.color",
      rule: "is not defined in the spec",
    });
  });

  test("all the branches of an allOf apply", () => {
    expect(check({ $ref: "Granted" }, { ...GRANTED, priority: 1.5 })?.rule).toBe(
      "must be an integer",
    );
    expect(check({ $ref: "Granted" }, { ...GRANTED, id: "x".repeat(51) })?.path).toBe("value.id");
    const withoutCreatedAt = without(GRANTED, "createdAt");
    expect(check({ $ref: "Granted" }, withoutCreatedAt)?.path).toBe("value.createdAt");
  });

  test("a schema that says nothing about objects leaves them open", () => {
    expect(check({}, { a: 1 })).toBeUndefined();
    expect(check({ items: { type: "string" } }, { a: 1 })).toBeUndefined();
  });

  test("additionalProperties false refuses what properties does not declare", () => {
    const schema: Schema = { properties: { a: { type: "string" } }, additionalProperties: false };
    expectPass(schema, { a: "x" });
    expectFail(schema, { a: "x", b: 1 }, "value.b", "is not defined in the spec");
  });

  test("additionalProperties as a schema checks the extra properties with it instead", () => {
    const schema: Schema = {
      type: "object",
      properties: { a: { type: "string" } },
      additionalProperties: { type: "integer" },
    };
    expectPass(schema, { a: "x", b: 1, c: 2 });
    expectFail(schema, { a: "x", b: "1" }, "value.b", "must be an integer");
    expect(check({ type: "object", additionalProperties: true }, { any: [1] })).toBeUndefined();
  });

  test("additionalProperties false in an allOf branch keeps its JSON Schema meaning", () => {
    const schema: Schema = {
      allOf: [
        { properties: { a: { type: "string" } }, additionalProperties: false },
        { properties: { b: { type: "string" } } },
      ],
    };
    expectPass(schema, { a: "x" });
    expectFail(schema, { a: "x", b: "y" }, "value.b", "is not defined in the spec");
  });

  test("unevaluatedProperties false accepts what the allOf branches declare, refuses the rest", () => {
    expectPass({ $ref: "Details" }, { ...GRANTED, notes: ["n"] });
    expectFail(
      { $ref: "Details" },
      { ...GRANTED, other: 1 },
      "value.other",
      "is not defined in the spec",
    );
  });

  test("unevaluatedProperties false inside a branch sees only what that branch evaluates", () => {
    const schema: Schema = {
      allOf: [
        { properties: { a: { type: "string" } } },
        { allOf: [{ properties: { b: { type: "string" } } }], unevaluatedProperties: false },
      ],
    };
    expectPass(schema, { b: "y" });
    expectFail(schema, { a: "x", b: "y" }, "value.a", "is not defined in the spec");
  });

  test("an undeclared property whose value is undefined is not refused", () => {
    expect(check({ $ref: "CreateRequest" }, { requests: [], other: undefined })).toBeUndefined();
  });
});

describe("paths", () => {
  test("an empty root path starts with the first segment, without a dot", () => {
    expect(
      findViolation(
        ALL,
        { $ref: "CreateRequest" },
        { requests: [{ ...REQUEST, priority: "1" }] },
        "",
      )?.path,
    ).toBe("requests[0].priority");
    expect(findViolation(ALL, { type: "array", items: { type: "string" } }, [1], "")?.path).toBe(
      "[0]",
    );
    expect(findViolation(ALL, { type: "string" }, 1, "")?.path).toBe("");
  });

  test("the first violation in document order is the one reported", () => {
    const value = {
      requests: [
        { ...REQUEST, priority: "1", purpose: 2 },
        { ...REQUEST, priority: "2" },
      ],
    };
    expect(check({ $ref: "CreateRequest" }, value, "body")?.path).toBe("body.requests[0].purpose");
  });

  test("a $ref beside other keywords applies both", () => {
    expectPass({ $ref: "Status", const: "ACTIVE" }, "ACTIVE");
    expectFail({ $ref: "Status", const: "ACTIVE" }, "VOIDED", "value", "must be ACTIVE");
    expectFail(
      { $ref: "Status", const: "ACTIVE" },
      "GONE",
      "value",
      "must be one of ACTIVE, CONSUMED, EXPIRED, VOIDED",
    );
    expect(check({ $ref: "Request", required: ["amount"] }, REQUEST)).toMatchObject({
      path: "value.amount",
      rule: "is required",
    });
    expect(
      check({ $ref: "Request", required: ["amount"] }, { ...REQUEST, amount: 1 }),
    ).toBeUndefined();
  });

  test("a $ref to a schema the table lacks is an error", () => {
    expect(() => check({ $ref: "Nowhere" }, 1)).toThrow(/Nowhere/);
  });

  test("a recursive schema is checked to any depth", () => {
    const table: SchemaTable = {
      Tree: {
        type: "object",
        properties: { children: { type: "array", items: { $ref: "Tree" } } },
      },
    };
    const tree = { children: [{ children: [] }, { children: [{ children: [{ leaf: 1 }] }] }] };
    expect(findViolation(fullValidators(table), { $ref: "Tree" }, tree, "")?.path).toBe(
      "children[1].children[0].children[0].leaf",
    );
  });
});

describe("inspectResponse (responses)", () => {
  const PAGE: Schema = { $ref: "Page" };

  test("a valid answer has no violation and nothing unknown", () => {
    expect(inspectResponse(ALL, PAGE, { data: [GRANTED], nextToken: "t" }, "")).toEqual({
      unknown: [],
    });
  });

  test("a missing required property is a violation", () => {
    const withoutCreatedAt = without(GRANTED, "createdAt");
    expect(
      inspectResponse(ALL, PAGE, { data: [GRANTED, GRANTED, GRANTED, withoutCreatedAt] }, ""),
    ).toEqual({
      violation: { path: "data[3].createdAt", rule: "is required", value: undefined },
      unknown: [],
    });
  });

  test("a wrong type is a violation", () => {
    expect(
      inspectResponse(ALL, PAGE, { data: [{ ...GRANTED, priority: "1" }] }, "").violation,
    ).toEqual({
      path: "data[0].priority",
      rule: "must be an integer",
      value: "1",
    });
  });

  test("a property the spec does not define is collected, not a violation", () => {
    const answer = { data: [{ ...GRANTED, newField: 1 }, GRANTED], nextToken: "t", cursor: 2 };
    expect(inspectResponse(ALL, PAGE, answer, "")).toEqual({
      unknown: ["data[0].newField", "cursor"],
    });
    expect(inspectResponse(ALL, { $ref: "Details" }, { ...GRANTED, more: true }, "res")).toEqual({
      unknown: ["res.more"],
    });
  });

  test("a value of an enum the spec does not list is collected, not a violation", () => {
    const answer = { data: [GRANTED, GRANTED, GRANTED, { ...GRANTED, status: "ARCHIVED" }] };
    expect(inspectResponse(ALL, PAGE, answer, "")).toEqual({ unknown: ["data[3].status"] });
  });

  test("an enum value of the wrong type is still a violation", () => {
    expect(
      inspectResponse(ALL, PAGE, { data: [{ ...GRANTED, status: 3 }] }, "").violation?.rule,
    ).toBe("must be a string");
  });

  test("what is collected before a violation is kept with it", () => {
    const answer = {
      data: [
        { ...GRANTED, x: 1 },
        { ...GRANTED, id: 7 },
      ],
    };
    expect(inspectResponse(ALL, PAGE, answer, "")).toEqual({
      violation: { path: "data[1].id", rule: "must be a string", value: 7 },
      unknown: ["data[0].x"],
    });
  });

  test("a walk after an unfinished one starts afresh", () => {
    expect(check({ $ref: "CreateRequest" }, { requests: [{ ...REQUEST, x: 1 }] })?.path).toBe(
      "value.requests[0].x",
    );
    expect(findViolation(ALL, { type: "string" }, 1, "next")?.path).toBe("next");
  });
});

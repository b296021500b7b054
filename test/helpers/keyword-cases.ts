/**
 * fast-check arbitraries of schemas that use every keyword and format, each built together with
 * the values it accepts and its single-rule breaks: a value with one rule broken, and where the
 * broken rule is. For `not`, `oneOf` and `if`, "one rule" is the whole keyword. Objects are built
 * closed, as requests close them: a valid value holds only properties a schema defines.
 */
import fc from "fast-check";
import type { SubSchema } from "../../src/schema/types.ts";

/** One rule broken: the value, where the rule is (segments from the root), and which rule. */
export interface Broken {
  value: unknown;
  at: (string | number)[];
  rule: string;
  /** A departure of ajv's from the specification, named: ajv is not held to this break. */
  departure?: string;
}

/** A schema, the values it accepts, and its single-rule breaks. */
export interface Case {
  schema: SubSchema;
  valid: fc.Arbitrary<unknown>;
  broken: fc.Arbitrary<Broken>[];
  /** The keywords and formats it uses. */
  uses: string[];
}

const here = (rule: string, value: unknown, departure?: string): fc.Arbitrary<Broken> =>
  fc.constant({ value, at: [], rule, ...(departure && { departure }) });

const pad = (value: number, width = 2) => String(value).padStart(width, "0");
const day = fc
  .date({
    min: new Date("1000-01-01T00:00:00Z"),
    max: new Date("9999-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());
const clock = fc
  .tuple(
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: 0, max: 59 }),
  )
  .map(([h, m, s]) => `${pad(h)}:${pad(m)}:${pad(s)}`);
const zone = fc.constantFrom("Z", "+05:30", "-08:00", "z");

/** Each format: values it accepts, and one it refuses. */
const FORMAT_CASES: Record<
  string,
  {
    type: "string" | "integer" | "number";
    valid: fc.Arbitrary<unknown>;
    invalid: unknown;
    departure?: string;
  }
> = {
  date: { type: "string", valid: day.map((iso) => iso.slice(0, 10)), invalid: "2023-02-29" },
  "date-time": {
    type: "string",
    valid: fc.tuple(day, clock, zone).map(([d, t, z]) => `${d.slice(0, 10)}T${t}${z}`),
    invalid: "2023-02-04T10:15:30",
  },
  time: {
    type: "string",
    valid: fc.tuple(clock, zone).map(([t, z]) => `${t}${z}`),
    invalid: "24:00:00Z",
  },
  duration: {
    type: "string",
    valid: fc.tuple(fc.nat(99), fc.nat(23)).map(([d, h]) => `P${d}DT${h}H`),
    invalid: "P1Y2W",
  },
  email: { type: "string", valid: fc.emailAddress(), invalid: "joe..bloggs@example.com" },
  hostname: { type: "string", valid: fc.domain(), invalid: "-a.example.com" },
  ipv4: { type: "string", valid: fc.ipV4(), invalid: "256.1.1.1" },
  ipv6: { type: "string", valid: fc.ipV6(), invalid: "1:2:3:4:5:6:7:8:9" },
  uri: {
    type: "string",
    valid: fc.webUrl({ withQueryParameters: true, withFragments: true }),
    invalid: "//no-scheme",
  },
  "uri-reference": { type: "string", valid: fc.webUrl(), invalid: "\\\\bad" },
  uuid: { type: "string", valid: fc.uuid(), invalid: "2eb8aa08aa9811eab4aa73b441d16380" },
  int32: { type: "integer", valid: fc.integer(), invalid: 2 ** 31 },
  int64: {
    type: "integer",
    valid: fc.maxSafeInteger(),
    invalid: 2 ** 53,
    departure: "ajv-formats accepts any integer as int64; the client keeps to ±(2^53 − 1)",
  },
  float: {
    type: "number",
    valid: fc.double({ noNaN: true, noDefaultInfinity: true }),
    invalid: "1.5",
  },
  double: {
    type: "number",
    valid: fc.double({ noNaN: true, noDefaultInfinity: true }),
    invalid: "1.5",
  },
};

/** The format names a case can use. */
export const CASE_FORMATS = Object.keys(FORMAT_CASES);

function leaf(): fc.Arbitrary<Case> {
  const strings = fc.tuple(fc.nat(3), fc.nat(4)).map(([min, extra]): Case => ({
    schema: { type: "string", minLength: min, maxLength: min + extra },
    valid: fc.string({
      unit: fc.constantFrom("a", "é", "😀"),
      minLength: min,
      maxLength: min + extra,
    }),
    broken: [
      here("maxLength", "x".repeat(min + extra + 1)),
      here("type", 5),
      ...(min > 0 ? [here("minLength", "")] : []),
    ],
    uses: ["type", "minLength", "maxLength"],
  }));
  const patterned = fc.constant<Case>({
    schema: { type: "string", pattern: "^[a-c]{2,4}$" },
    valid: fc.stringMatching(/^[a-c]{2,4}$/),
    broken: [here("pattern", "zz")],
    uses: ["type", "pattern"],
  });
  const formatted = fc.constantFrom(...CASE_FORMATS).map((format): Case => {
    const { type, valid, invalid, departure } = FORMAT_CASES[format]!;
    return {
      schema: { type, format },
      valid,
      broken: [here(`format ${format}`, invalid, departure)],
      uses: ["type", "format", `format:${format}`],
    };
  });
  const numbers = fc
    .tuple(
      fc.integer({ min: -50, max: 50 }),
      fc.integer({ min: 1, max: 50 }),
      fc.constantFrom(1, 2, 5),
      fc.boolean(),
    )
    .map(([minimum, span, multipleOf, integer]): Case => {
      const maximum = minimum + span * multipleOf;
      const first = Math.ceil(minimum / multipleOf) * multipleOf;
      return {
        schema: {
          type: integer ? "integer" : "number",
          minimum,
          maximum,
          multipleOf,
          exclusiveMinimum: minimum - 1,
        },
        valid: fc
          .integer({ min: 0, max: Math.floor((maximum - first) / multipleOf) })
          .map((n) => first + n * multipleOf),
        broken: [
          here("minimum", first - multipleOf),
          here("maximum", first + (Math.floor((maximum - first) / multipleOf) + 1) * multipleOf),
          here("type", "1"),
          ...(multipleOf > 1 ? [here("multipleOf", first + 1)] : []),
          here("finite", NaN),
        ],
        uses: ["type", "minimum", "maximum", "multipleOf", "exclusiveMinimum"],
      };
    });
  const exclusive = fc.constant<Case>({
    schema: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 },
    valid: fc.double({ min: 0, max: 1, minExcluded: true, maxExcluded: true, noNaN: true }),
    broken: [here("exclusiveMinimum", 0), here("exclusiveMaximum", 1)],
    uses: ["type", "exclusiveMinimum", "exclusiveMaximum"],
  });
  const constants = fc.constantFrom<Case>(
    {
      schema: { enum: ["A", 1, { a: 1, b: [2] }, null] },
      valid: fc.constantFrom("A", 1.0, { b: [2], a: 1 }, null),
      broken: [here("enum", "B"), here("enum", { a: 1 })],
      uses: ["enum"],
    },
    {
      schema: { const: { k: [1, "x"] } },
      valid: fc.constant({ k: [1.0, "x"] }),
      broken: [here("const", { k: [1] })],
      uses: ["const"],
    },
    {
      schema: { type: ["boolean", "null"] },
      valid: fc.constantFrom(true, false, null),
      broken: [here("type", 0)],
      uses: ["type"],
    },
    { schema: true, valid: fc.jsonValue({ maxDepth: 1 }), broken: [], uses: ["true"] },
  );
  return fc.oneof(strings, patterned, formatted, formatted, numbers, exclusive, constants);
}

/** An object of 1–3 properties; some required; open to extra ones through one of several keywords. */
function objectCase(child: fc.Arbitrary<Case>): fc.Arbitrary<Case> {
  return fc
    .tuple(
      fc.array(child, { minLength: 1, maxLength: 3 }),
      fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      fc.constantFrom(
        "closed",
        "additionalFalse",
        "additionalSchema",
        "patterns",
        "names",
        "dependent",
        "counts",
      ),
      child,
    )
    .map(([children, requiredFlags, style, extraCase]): Case => {
      const names = children.map((_, index) => ["alpha", "beta", "gamma"][index]!);
      const properties = Object.fromEntries(
        names.map((name, index) => [name, children[index]!.schema]),
      );
      const required = names.filter((_, index) => requiredFlags[index]);
      const schema: Record<string, unknown> = {
        type: "object",
        properties,
        ...(required.length > 0 && { required }),
      };
      const uses = [
        "type",
        "properties",
        ...(required.length > 0 ? ["required"] : []),
        ...children.flatMap((c) => c.uses),
      ];
      const broken: fc.Arbitrary<Broken>[] = [];
      const record = fc.record(
        Object.fromEntries(names.map((name, index) => [name, children[index]!.valid])),
        { requiredKeys: style === "dependent" || style === "counts" ? names : required },
      );
      let valid: fc.Arbitrary<unknown> = record;
      const withValue = (name: string, value: unknown) =>
        record.map((object) => ({ ...object, [name]: value }));
      children.forEach((c, index) => {
        for (const b of c.broken) {
          broken.push(
            fc.tuple(record, b).map(([object, x]) => ({
              ...x,
              value: { ...object, [names[index]!]: x.value },
              at: [names[index]!, ...x.at],
            })),
          );
        }
      });
      for (const name of required) {
        broken.push(
          record.map((object) => ({
            value: Object.fromEntries(Object.entries(object).filter(([key]) => key !== name)),
            at: [name],
            rule: "required",
          })),
        );
      }
      switch (style) {
        case "closed":
          broken.push(
            withValue("zzUnknown", 1).map((value) => ({
              value,
              at: ["zzUnknown"],
              rule: "closedness",
            })),
          );
          break;
        case "additionalFalse":
          schema.additionalProperties = false;
          uses.push("additionalProperties");
          broken.push(
            withValue("zzUnknown", 1).map((value) => ({
              value,
              at: ["zzUnknown"],
              rule: "additionalProperties",
            })),
          );
          break;
        case "additionalSchema":
          schema.additionalProperties = extraCase.schema;
          uses.push("additionalProperties", ...extraCase.uses);
          valid = fc
            .tuple(record, extraCase.valid)
            .map(([object, extra]) => ({ ...object, extra }));
          for (const b of extraCase.broken)
            broken.push(
              fc.tuple(record, b).map(([object, x]) => ({
                ...x,
                value: { ...object, extra: x.value },
                at: ["extra", ...x.at],
              })),
            );
          break;
        case "patterns":
          schema.patternProperties = { "^x-": extraCase.schema };
          schema.additionalProperties = false;
          uses.push("patternProperties", "additionalProperties", ...extraCase.uses);
          valid = fc
            .tuple(record, extraCase.valid)
            .map(([object, extra]) => ({ ...object, "x-extra": extra }));
          for (const b of extraCase.broken)
            broken.push(
              fc.tuple(record, b).map(([object, x]) => ({
                ...x,
                value: { ...object, "x-extra": x.value },
                at: ["x-extra", ...x.at],
              })),
            );
          broken.push(
            withValue("other", 1).map((value) => ({
              value,
              at: ["other"],
              rule: "additionalProperties",
            })),
          );
          break;
        case "names":
          schema.propertyNames = { pattern: "^[a-z-]+$" };
          schema.additionalProperties = true;
          uses.push("propertyNames", "pattern", "additionalProperties");
          broken.push(
            withValue("Bad", 1).map((value) => ({ value, at: ["Bad"], rule: "propertyNames" })),
          );
          break;
        case "dependent": {
          const [first, ...rest] = names;
          if (rest.length > 0) {
            schema.dependentRequired = { [first!]: rest };
            uses.push("dependentRequired");
            broken.push(
              record.map((object) => ({
                value: Object.fromEntries(
                  Object.entries(object).filter(([key]) => key !== rest[0]),
                ),
                at: [rest[0]!],
                rule: "dependentRequired",
              })),
            );
          }
          schema.dependentSchemas = {
            [first!]: { properties: { zzDependent: { type: "integer" } } },
          };
          uses.push("dependentSchemas");
          valid = fc
            .tuple(record, fc.integer())
            .map(([object, n]) => ({ ...object, zzDependent: n }));
          broken.push(
            withValue("zzDependent", "1").map((value) => ({
              value,
              at: ["zzDependent"],
              rule: "dependentSchemas",
            })),
          );
          break;
        }
        case "counts":
          schema.minProperties = names.length;
          schema.maxProperties = names.length;
          schema.additionalProperties = true;
          uses.push("minProperties", "maxProperties", "additionalProperties");
          broken.push(
            withValue("zzExtra", 1).map((value) => ({ value, at: [], rule: "maxProperties" })),
          );
          break;
      }
      broken.push(here("type", []));
      return { schema, valid, broken, uses };
    });
}

function arrayCase(child: fc.Arbitrary<Case>): fc.Arbitrary<Case> {
  const plain = fc.tuple(child, fc.nat(2), fc.boolean()).map(([item, count, unique]): Case => {
    const minItems = unique ? 0 : count;
    const schema: SubSchema = {
      type: "array",
      items: item.schema,
      minItems,
      maxItems: minItems + 3,
      ...(unique && { uniqueItems: true }),
    };
    const valid = unique
      ? fc.uniqueArray(item.valid, {
          minLength: minItems,
          maxLength: minItems + 3,
          comparator: (a, b) => JSON.stringify(a) === JSON.stringify(b),
        })
      : fc.array(item.valid, { minLength: minItems, maxLength: minItems + 3 });
    const list = fc.array(item.valid, {
      minLength: Math.max(minItems, 1),
      maxLength: minItems + 2,
    });
    const broken: fc.Arbitrary<Broken>[] = item.broken.map((b) =>
      fc
        .tuple(list, b)
        .map(([items, x]) => ({ ...x, value: [x.value, ...items.slice(1)], at: [0, ...x.at] })),
    );
    if (!unique) {
      broken.push(
        fc
          .array(item.valid, { minLength: minItems + 4, maxLength: minItems + 4 })
          .map((value) => ({ value, at: [], rule: "maxItems" })),
      );
    }
    if (minItems > 0) broken.push(here("minItems", []));
    if (unique)
      broken.push(
        list
          .filter((items) => items.length <= minItems + 2)
          .map((items) => ({ value: [...items, items[0]], at: [], rule: "uniqueItems" })),
      );
    return {
      schema,
      valid,
      broken,
      uses: [
        "type",
        "items",
        "minItems",
        "maxItems",
        ...(unique ? ["uniqueItems"] : []),
        ...item.uses,
      ],
    };
  });
  const tuple = fc.tuple(child, child).map(([first, rest]): Case => ({
    schema: { type: "array", prefixItems: [first.schema], items: rest.schema },
    valid: fc
      .tuple(first.valid, fc.array(rest.valid, { maxLength: 3 }))
      .map(([head, tail]) => [head, ...tail]),
    broken: [
      ...first.broken.map((b) => b.map((x) => ({ ...x, value: [x.value], at: [0, ...x.at] }))),
      ...rest.broken.map((b) =>
        fc
          .tuple(first.valid, b)
          .map(([head, x]) => ({ ...x, value: [head, x.value], at: [1, ...x.at] })),
      ),
    ],
    uses: ["type", "prefixItems", "items", ...first.uses, ...rest.uses],
  }));
  const containing = fc.constantFrom<Case>(
    {
      schema: { type: "array", contains: { type: "integer" }, maxContains: 2 },
      valid: fc
        .tuple(fc.array(fc.string(), { maxLength: 2 }), fc.integer())
        .map(([strings, n]) => [...strings, n]),
      broken: [here("contains", ["a"]), here("maxContains", [1, 2, 3])],
      uses: ["type", "contains", "maxContains"],
    },
    {
      schema: { type: "array", contains: { type: "integer" }, minContains: 0, maxContains: 1 },
      valid: fc.array(fc.string(), { maxLength: 3 }),
      broken: [here("maxContains", [1, 2])],
      uses: ["type", "contains", "minContains", "maxContains"],
    },
    {
      schema: {
        type: "array",
        prefixItems: [{ type: "string" }],
        contains: { type: "integer" },
        unevaluatedItems: false,
      },
      valid: fc
        .tuple(fc.string(), fc.array(fc.integer(), { minLength: 1, maxLength: 3 }))
        .map(([s, ns]) => [s, ...ns]),
      broken: [
        fc.constant({
          value: ["a", 1, true],
          at: [2],
          rule: "unevaluatedItems",
          departure: "ajv's unevaluatedItems does not see the items contains matched",
        }),
      ],
      uses: ["type", "prefixItems", "contains", "unevaluatedItems"],
    },
    {
      schema: { type: "array", prefixItems: [{ type: "string" }], unevaluatedItems: false },
      valid: fc.string().map((s) => [s]),
      broken: [here("unevaluatedItems", ["a", 1]).map((b) => ({ ...b, at: [1] }))],
      uses: ["type", "prefixItems", "unevaluatedItems"],
    },
  );
  return fc.oneof(plain, tuple, containing);
}

/** The applicators: oneOf, anyOf, not, if/then/else, allOf with unevaluatedProperties, $ref. */
function applicatorCase(child: fc.Arbitrary<Case>): fc.Arbitrary<Case> {
  const tagged = fc.tuple(child, child).map(([a, b]): Case => {
    const branch = (tag: string, c: Case): SubSchema => ({
      type: "object",
      properties: { kind: { const: tag }, data: c.schema },
      required: ["kind", "data"],
    });
    return {
      schema: { oneOf: [branch("a", a), branch("b", b)] },
      valid: fc.oneof(
        a.valid.map((data) => ({ kind: "a", data })),
        b.valid.map((data) => ({ kind: "b", data })),
      ),
      broken: [
        ...a.broken.map((x) =>
          x.map((y) => ({ ...y, value: { kind: "a", data: y.value }, at: ["data", ...y.at] })),
        ),
        fc.constant({ value: { kind: "c", data: null }, at: ["kind"], rule: "oneOf" }),
      ],
      uses: ["oneOf", "const", "properties", "required", "type", ...a.uses, ...b.uses],
    };
  });
  const either = fc.constant<Case>({
    schema: { anyOf: [{ type: "string", maxLength: 3 }, { type: "integer" }] },
    valid: fc.oneof(fc.string({ maxLength: 3 }), fc.integer()),
    broken: [here("anyOf", true), here("anyOf", "long string")],
    uses: ["anyOf", "type", "maxLength"],
  });
  const both = fc.constant<Case>({
    schema: { oneOf: [{ type: "integer" }, { type: "number", minimum: 0 }] },
    valid: fc.oneof(
      fc.integer({ max: -1 }),
      fc.double({ min: 0.5, max: 100, noNaN: true }).filter((n) => !Number.isInteger(n)),
    ),
    broken: [here("oneOf", 3)],
    uses: ["oneOf", "type", "minimum"],
  });
  const negated = child.map((c): Case => ({
    schema: { anyOf: [c.schema], not: { const: "forbidden" } },
    valid: c.valid.filter((value) => value !== "forbidden"),
    broken: [here("not", "forbidden")],
    uses: ["anyOf", "not", "const", ...c.uses],
  }));
  const conditional = fc.tuple(child, child).map(([then, otherwise]): Case => ({
    schema: {
      type: "object",
      properties: { kind: { enum: ["a", "b"] } },
      required: ["kind"],
      if: { properties: { kind: { const: "a" } } },
      then: { properties: { value: then.schema }, required: ["value"] },
      else: { properties: { other: otherwise.schema }, required: ["other"] },
    },
    valid: fc.oneof(
      then.valid.map((value) => ({ kind: "a", value })),
      otherwise.valid.map((other) => ({ kind: "b", other })),
    ),
    broken: [
      fc.constant({ value: { kind: "a" }, at: ["value"], rule: "then" }),
      fc.constant({ value: { kind: "b", value: 1 }, at: ["other"], rule: "else" }),
      ...then.broken.map((x) =>
        x.map((y) => ({ ...y, value: { kind: "a", value: y.value }, at: ["value", ...y.at] })),
      ),
    ],
    uses: [
      "if",
      "then",
      "else",
      "const",
      "enum",
      "properties",
      "required",
      "type",
      ...then.uses,
      ...otherwise.uses,
    ],
  }));
  const composed = fc.tuple(child, child).map(([a, b]): Case => ({
    schema: {
      allOf: [{ properties: { a: a.schema }, required: ["a"] }, { $ref: "Named" }],
      anyOf: [
        { properties: { b: b.schema }, required: ["b"] },
        { properties: { c: { type: "null" } }, required: ["c"] },
      ],
      unevaluatedProperties: false,
    },
    valid: fc
      .tuple(a.valid, b.valid, fc.string({ maxLength: 4 }))
      .map(([x, y, name]) => ({ a: x, b: y, name })),
    broken: [
      fc.tuple(a.valid, b.valid).map(([x, y]) => ({
        value: { a: x, b: y, name: "n", zz: 1 },
        at: ["zz"],
        rule: "unevaluatedProperties",
      })),
      fc
        .tuple(a.valid, b.valid)
        .map(([x, y]) => ({ value: { a: x, b: y }, at: ["name"], rule: "$ref required" })),
      ...a.broken.map((x) =>
        fc
          .tuple(x, b.valid)
          .map(([z, y]) => ({ ...z, value: { a: z.value, b: y, name: "n" }, at: ["a", ...z.at] })),
      ),
    ],
    uses: [
      "allOf",
      "anyOf",
      "$ref",
      "unevaluatedProperties",
      "properties",
      "required",
      ...a.uses,
      ...b.uses,
    ],
  }));
  return fc.oneof(tagged, either, both, negated, conditional, composed);
}

/** The table every case may `$ref`. */
export const CASE_TABLE = {
  Named: {
    type: "object",
    properties: { name: { type: "string", maxLength: 4 } },
    required: ["name"],
  },
} as const;

/** Cases using every keyword and format, nested to `depth`. */
export function keywordCase(depth = 2): fc.Arbitrary<Case> {
  if (depth <= 0) return leaf();
  const child = keywordCase(depth - 1);
  return fc.oneof(
    { arbitrary: leaf(), weight: 2 },
    objectCase(child),
    arrayCase(child),
    applicatorCase(child),
  );
}

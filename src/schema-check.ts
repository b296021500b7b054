/**
 * Checks values against the schemas of a {@link SchemaTable}, with the semantics of ajv's 2020-12
 * validator and ajv-formats' `full` mode, plus three rules of the client's own: `NaN` and
 * `±Infinity` are refused, a property whose value is `undefined` is absent, and an object may
 * hold only the properties that the outermost schema checking it declares, directly or through
 * its `allOf` and `$ref`s (as if that schema had `unevaluatedProperties: false`).
 *
 * The schemas are read as they are, with no checks of their own: `npm run generate` guarantees
 * that they use only the keywords and formats of src/schema.ts.
 */
import { FORMATS } from "./schema.js";
import type { Schema, SchemaTable, SchemaType } from "./schema.js";

/** One broken rule: where (e.g. "body.items[0].startDate"), the rule in words, the value found. */
export interface Violation {
  path: string;
  rule: string;
  value: unknown;
}

type Result = Violation | undefined;

const NOT_DEFINED = "is not defined in the spec";
const FORMAT_RULES: Readonly<Record<string, string>> = {
  date: "a date (YYYY-MM-DD) that exists",
  "date-time": "a date-time with a time zone offset (RFC 3339)",
};

// The walk in progress. A walk runs to its end synchronously: there is never more than one.
/** The schemas that `$ref`s name. */
let schemas: SchemaTable = {};
/** Response mode: where what the spec does not define is collected. */
let unknown: string[] | undefined;

/** Deep equality of JSON values. */
function equal(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || typeof b !== "object" || !a || !b) return a === b;
  const keys = Object.keys(a);
  return (
    Array.isArray(a) === Array.isArray(b) &&
    keys.length === Object.keys(b).length &&
    keys.every((key) =>
      equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}

/** A value as a rule names it: a string as it is, anything else as JSON. */
function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The path of a property: "body.name", or "name" below the root "". */
function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/** The types a schema allows, or undefined when it does not say. */
function typesOf({ type }: Schema): readonly SchemaType[] | undefined {
  return typeof type === "string" ? [type] : type;
}

/** The schemas that apply to the same value as `schema`: its `$ref`'s, then its `allOf` branches. */
function partsOf({ $ref, allOf = [] }: Schema): readonly Schema[] {
  if (!$ref) return allOf;
  const target = schemas[$ref];
  if (!target) throw new Error(`unknown schema ${$ref}`);
  return [target, ...allOf];
}

/** Whether a schema is about objects, and so closes the objects it checks outermost. */
function isObjectSchema(schema: Schema): boolean {
  return (
    schema.properties !== undefined ||
    schema.allOf !== undefined ||
    !!typesOf(schema)?.includes("object") ||
    partsOf(schema).some(isObjectSchema)
  );
}

/** What the spec does not define: a violation in a request, collected in a response. */
function outside(path: string, rule: string, value: unknown): Result {
  if (!unknown) return { path, rule, value };
  if (!unknown.includes(path)) unknown.push(path);
  return undefined;
}

/**
 * Checks a value against a schema and the schemas it is composed of. Only the outermost schema
 * checking a value (not one of its parts) checks the properties of an object.
 */
function check(schema: Schema, value: unknown, path: string, outermost = true): Result {
  const kind = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  const types = typesOf(schema);
  // `NaN` and `±Infinity` pass as integers here, to be refused below as not finite.
  const integer = kind === "number" && !((value as number) % 1);
  if (types && !types.includes(kind as SchemaType) && !(integer && types.includes("integer"))) {
    const names = types.map((type) =>
      type === "null" ? type : `${/^[aio]/.test(type) ? "an" : "a"} ${type}`,
    );
    return { path, rule: `must be ${names.join(" or ")}`, value };
  }
  for (const part of partsOf(schema)) {
    const result = check(part, value, path, false);
    if (result) return result;
  }
  if (kind === "number" && !Number.isFinite(value)) {
    return { path, rule: "must be a finite number", value };
  }
  const options = schema.enum;
  if (options && !options.some((option) => equal(option, value))) {
    const result = outside(path, `must be one of ${options.map(show).join(", ")}`, value);
    if (result) return result;
  }
  const rule = valueRule(schema, value);
  if (rule) return { path, rule, value };
  if (Array.isArray(value)) {
    const { items } = schema;
    for (let index = 0; items && index < value.length; index++) {
      const result = check(items, value[index], `${path}[${index}]`);
      if (result) return result;
    }
    // After the items, as ajv, which compares only the items of the right type.
    for (let later = 1; schema.uniqueItems && later < value.length; later++) {
      for (let earlier = 0; earlier < later; earlier++) {
        if (equal(value[earlier], value[later])) {
          const duplicate = `must not contain duplicate items (items ${earlier} and ${later} are equal)`;
          return { path, rule: duplicate, value };
        }
      }
    }
  }
  if (kind !== "object") return undefined;
  const object = value as Record<string, unknown>;
  for (const name of schema.required ?? []) {
    if (object[name] === undefined) {
      return { path: join(path, name), rule: "is required", value: undefined };
    }
  }
  if (!outermost) return undefined;
  const open = schema.unevaluatedProperties ?? !isObjectSchema(schema);
  for (const name in object) {
    const item = object[name];
    const found = item !== undefined && property(schema, name, item, join(path, name), open);
    if (typeof found === "object") return found;
  }
  return undefined;
}

/**
 * Checks a property against a schema and the schemas it is composed of: a violation, or whether
 * one of them evaluated the property (declared it or took in the properties it does not declare).
 * `open` is the schema's `unevaluatedProperties`: when false, a property none evaluates is refused.
 */
function property(
  schema: Schema,
  name: string,
  value: unknown,
  path: string,
  open = schema.unevaluatedProperties,
): boolean | Violation {
  const { properties } = schema;
  const own =
    properties && Object.hasOwn(properties, name) ? properties[name] : schema.additionalProperties;
  const result =
    own === false
      ? outside(path, NOT_DEFINED, value)
      : typeof own === "object" && check(own, value, path);
  if (result) return result;
  let evaluated = own !== undefined || !!open;
  for (const part of partsOf(schema)) {
    const found = property(part, name, value, path);
    if (typeof found === "object") return found;
    evaluated ||= found;
  }
  return evaluated || (open === false && (outside(path, NOT_DEFINED, value) ?? true));
}

/**
 * How a count breaks an inclusive minimum or maximum, in words ("at least 2 items", "at most 1
 * character"), or undefined.
 */
function countRule(
  count: number,
  minimum = 0,
  maximum = Infinity,
  unit: string,
): string | undefined {
  const counted = (limit: number) => `${limit} ${unit}${limit === 1 ? "" : "s"}`;
  if (count < minimum) return `at least ${counted(minimum)}`;
  return count > maximum ? `at most ${counted(maximum)}` : undefined;
}

/** The rule of `const`, or of the limits and format for the value's type, that the value breaks. */
function valueRule(schema: Schema, value: unknown): string | undefined {
  if (schema.const !== undefined && !equal(schema.const, value)) {
    return `must be ${show(schema.const)}`;
  }
  if (typeof value === "number") {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
    // ajv's test of multipleOf, where parseInt reads 1e21 as 1.
    const quotient = value / (multipleOf ?? 1);
    return value < (minimum ?? -Infinity)
      ? `must be at least ${minimum}`
      : value > (maximum ?? Infinity)
        ? `must be at most ${maximum}`
        : value <= (exclusiveMinimum ?? -Infinity)
          ? `must be greater than ${exclusiveMinimum}`
          : value >= (exclusiveMaximum ?? Infinity)
            ? `must be less than ${exclusiveMaximum}`
            : multipleOf && quotient !== parseInt(String(quotient))
              ? `must be a multiple of ${multipleOf}`
              : undefined;
  }
  if (typeof value === "string") {
    const { minLength, maxLength, pattern, format } = schema;
    // Counted in code points, as JSON Schema does.
    const length =
      (minLength !== undefined || maxLength !== undefined) &&
      countRule(Array.from(value).length, minLength, maxLength, "character");
    if (length) return `must be ${length} long`;
    if (pattern && !new RegExp(pattern, "u").test(value)) {
      return `must match the pattern ${pattern}`;
    }
    if (!format) return undefined;
    const isFormat = Object.hasOwn(FORMATS, format) && FORMATS[format];
    if (!isFormat) throw new Error(`unknown format ${format}`);
    return isFormat(value) ? undefined : `must be ${FORMAT_RULES[format] ?? format}`;
  }
  const count =
    Array.isArray(value) && countRule(value.length, schema.minItems, schema.maxItems, "item");
  return count ? `must have ${count}` : undefined;
}

/** Requests: objects are closed, every rule applies. The first violation, or undefined. */
export function findViolation(
  table: SchemaTable,
  schema: Schema,
  value: unknown,
  path: string,
): Violation | undefined {
  schemas = table;
  unknown = undefined;
  return check(schema, value, path);
}

/**
 * Responses: every rule applies except closedness; properties the spec does not define, and
 * values of an `enum` it does not list, are collected (as paths like "data[3].status" or
 * "data[0].newField") in `unknown` instead of being violations.
 */
export function inspectResponse(
  table: SchemaTable,
  schema: Schema,
  value: unknown,
  path: string,
): { violation?: Violation; unknown: string[] } {
  const collected: string[] = [];
  schemas = table;
  unknown = collected;
  const violation = check(schema, value, path);
  return violation ? { violation, unknown: collected } : { unknown: collected };
}

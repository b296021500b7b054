/**
 * Checks values against the schemas of a {@link SchemaTable}, with the semantics of ajv's 2020-12
 * validator and ajv-formats' `full` mode, plus three rules of the client's own: `NaN` and
 * `±Infinity` are refused, a property whose value is `undefined` is absent, and an object may
 * hold only the properties that the outermost schema checking it declares, directly or through
 * its `allOf` and `$ref`s (as if that schema had `unevaluatedProperties: false`).
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

/**
 * A schema prepared for checking: its `$ref` resolved, its subschemas prepared, and what the walk
 * reads on every value held in fields of one shape, so that reading them stays fast.
 */
interface Node {
  schema: Schema;
  type: readonly SchemaType[] | undefined;
  /** The schemas that apply to the same value: the `$ref`'s, then the `allOf` branches. */
  parts: Node[];
  properties: Map<string, Node> | undefined;
  extra: Node | boolean | undefined;
  unevaluated: boolean | undefined;
  items: Node | undefined;
  required: readonly string[];
  /** Whether the schema has rules on the value itself besides its type (read from `schema`). */
  valueRules: boolean;
}

const NOT_DEFINED = "is not defined in the spec";
const FORMAT_RULES: Readonly<Record<string, string>> = {
  date: "a date (YYYY-MM-DD) that exists",
  "date-time": "a date-time with a time zone offset (RFC 3339)",
};
const SURROGATE_PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;
const patterns = new Map<string, RegExp>();
const prepared = new WeakMap<SchemaTable, WeakMap<Schema, Node>>();

// The walk in progress. A walk runs to its end synchronously: there is never more than one.
let table: SchemaTable = {};
let nodes = new WeakMap<Schema, Node>();
let root = "";
/** Where the walk stands below the root: property names and item indexes. */
const segments: (string | number)[] = [];
/** Response mode: where what the spec does not define is collected. */
let unknown: string[] | undefined;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

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

/** Whether a value is of one of the types; `NaN` and `±Infinity` pass as integers here. */
function isType(types: readonly SchemaType[], value: unknown): boolean {
  const kind = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  for (const type of types) {
    if (type === kind || (type === "integer" && kind === "number" && !((value as number) % 1))) {
      return true;
    }
  }
  return false;
}

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** The length in code points, as JSON Schema counts it. */
function length(text: string): number {
  return text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);
}

function fail(rule: string, value: unknown): Violation {
  let path = root;
  for (const segment of segments) {
    path += typeof segment === "number" ? `[${segment}]` : path ? `.${segment}` : segment;
  }
  return { path, rule, value };
}

/** What the spec does not define: a violation in a request, collected in a response. */
function outside(rule: string, value: unknown): Result {
  if (!unknown) return fail(rule, value);
  const { path } = fail(rule, value);
  if (!unknown.includes(path)) unknown.push(path);
  return undefined;
}

function prepare(schema: Schema): Node {
  const target = schema.$ref === undefined ? undefined : table[schema.$ref];
  if (!target && schema.$ref !== undefined) throw new Error(`no schema named ${schema.$ref}`);
  // A bare `$ref` is the schema it names.
  if (target && Object.keys(schema).length === 1) return prepare(target);
  let node = nodes.get(schema);
  if (node) return node;
  const {
    type,
    items,
    properties,
    required,
    additionalProperties,
    unevaluatedProperties,
    allOf,
    ...others
  } = schema;
  node = {
    schema,
    type: typeof type === "string" ? [type] : type,
    parts: [],
    properties: undefined,
    extra: typeof additionalProperties === "object" ? undefined : additionalProperties,
    unevaluated: unevaluatedProperties,
    items: undefined,
    required: required ?? [],
    valueRules: Object.keys(others).some((keyword) => keyword !== "$ref"),
  };
  nodes.set(schema, node);
  if (target) node.parts.push(prepare(target));
  for (const branch of allOf ?? []) node.parts.push(prepare(branch));
  if (properties) {
    node.properties = new Map(
      Object.entries(properties).map(([name, child]) => [name, prepare(child)]),
    );
  }
  if (typeof additionalProperties === "object") node.extra = prepare(additionalProperties);
  if (items) node.items = prepare(items);
  return node;
}

function isObjectSchema(node: Node): boolean {
  return (
    node.properties !== undefined ||
    node.schema.allOf !== undefined ||
    !!node.type?.includes("object") ||
    node.parts.some(isObjectSchema)
  );
}

/** Checks a value against the outermost schema that checks it: its rules, then its properties. */
function check(node: Node, value: unknown): Result {
  const result = rules(node, value);
  if (result || !isObject(value)) return result;
  for (const name in value) {
    const item = value[name];
    if (item === undefined) continue;
    segments.push(name);
    const found = property(node, name, item);
    if (typeof found === "object") return found;
    const violation = found || !isObjectSchema(node) ? undefined : outside(NOT_DEFINED, item);
    if (violation) return violation;
    segments.pop();
  }
  return undefined;
}

/**
 * Checks a property against a schema and the schemas it is composed of: a violation, or whether
 * one of them evaluated the property (declared it or took in the properties it does not declare).
 */
function property(node: Node, name: string, value: unknown): boolean | Violation {
  const { extra, unevaluated } = node;
  const declared = node.properties?.get(name);
  let evaluated = declared !== undefined || extra !== undefined;
  const result = declared
    ? check(declared, value)
    : extra === false
      ? outside(NOT_DEFINED, value)
      : typeof extra === "object" && check(extra, value);
  if (result) return result;
  for (const part of node.parts) {
    const found = property(part, name, value);
    if (typeof found === "object") return found;
    evaluated ||= found;
  }
  if (evaluated || unevaluated !== false) return evaluated || !!unevaluated;
  return outside(NOT_DEFINED, value) ?? true;
}

/** Checks the rules of a schema, and of the schemas it is composed of, that apply to the value itself. */
function rules(node: Node, value: unknown): Result {
  const { type } = node;
  if (type && !isType(type, value)) {
    const names = type.map((t) => (t === "null" ? t : `${/^[aio]/.test(t) ? "an" : "a"} ${t}`));
    return fail(`must be ${names.join(" or ")}`, value);
  }
  let result: Result;
  for (const part of node.parts) {
    result = rules(part, value);
    if (result) return result;
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    return fail("must be a finite number", value);
  }
  result = node.valueRules ? valueRules(node.schema, value) : undefined;
  if (result || typeof value !== "object" || value === null) return result;
  if (Array.isArray(value)) {
    for (let index = 0; node.items && index < value.length; index++) {
      segments.push(index);
      result = check(node.items, value[index]);
      if (result) return result;
      segments.pop();
    }
    // After the items, as ajv, which compares only the items of the right type.
    return node.valueRules && node.schema.uniqueItems ? duplicates(value) : undefined;
  }
  for (const name of node.required) {
    if ((value as Record<string, unknown>)[name] === undefined) {
      segments.push(name);
      return fail("is required", undefined);
    }
  }
  return undefined;
}

/** Checks the rules of a schema on the value itself besides its type: `enum`, `const`, limits, formats. */
function valueRules(schema: Schema, value: unknown): Result {
  const options = schema.enum;
  if (options && !options.includes(value) && !options.some((option) => equal(option, value))) {
    const result = outside(`must be one of ${options.map(show).join(", ")}`, value);
    if (result) return result;
  }
  const rule =
    schema.const !== undefined && !equal(schema.const, value)
      ? `must be ${show(schema.const)}`
      : typeof value === "number"
        ? numberRule(schema, value)
        : typeof value === "string"
          ? stringRule(schema, value)
          : Array.isArray(value)
            ? arrayRule(schema, value)
            : undefined;
  return rule === undefined ? undefined : fail(rule, value);
}

function numberRule(schema: Schema, value: number): string | undefined {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
  const quotient = value / (multipleOf ?? 1);
  return value < (minimum ?? -Infinity)
    ? `must be at least ${minimum}`
    : value > (maximum ?? Infinity)
      ? `must be at most ${maximum}`
      : value <= (exclusiveMinimum ?? -Infinity)
        ? `must be greater than ${exclusiveMinimum}`
        : value >= (exclusiveMaximum ?? Infinity)
          ? `must be less than ${exclusiveMaximum}`
          : // ajv's test, where parseInt reads 1e21 as 1.
            multipleOf !== undefined && quotient !== parseInt(String(quotient))
            ? `must be a multiple of ${multipleOf}`
            : undefined;
}

function regex(pattern: string): RegExp {
  let compiled = patterns.get(pattern);
  if (!compiled) patterns.set(pattern, (compiled = new RegExp(pattern, "u")));
  return compiled;
}

function stringRule(schema: Schema, value: string): string | undefined {
  const { minLength, maxLength, pattern, format } = schema;
  if (maxLength !== undefined && value.length > maxLength && length(value) > maxLength) {
    return `must be at most ${counted(maxLength, "character")} long`;
  }
  if (minLength !== undefined && length(value) < minLength) {
    return `must be at least ${counted(minLength, "character")} long`;
  }
  if (pattern !== undefined && !regex(pattern).test(value)) {
    return `must match the pattern ${pattern}`;
  }
  if (format === undefined) return undefined;
  const isFormat = Object.hasOwn(FORMATS, format) ? FORMATS[format] : undefined;
  if (!isFormat) throw new Error(`unknown format ${format}`);
  return isFormat(value) ? undefined : `must be ${FORMAT_RULES[format] ?? format}`;
}

function arrayRule(schema: Schema, value: readonly unknown[]): string | undefined {
  const { minItems, maxItems } = schema;
  if (maxItems !== undefined && value.length > maxItems) {
    return `must have at most ${counted(maxItems, "item")}`;
  }
  return minItems !== undefined && value.length < minItems
    ? `must have at least ${counted(minItems, "item")}`
    : undefined;
}

function duplicates(value: readonly unknown[]): Result {
  for (let i = 1; i < value.length; i++) {
    for (let j = 0; j < i; j++) {
      if (equal(value[j], value[i])) {
        return fail(`must not contain duplicate items (items ${j} and ${i} are equal)`, value);
      }
    }
  }
  return undefined;
}

function walk(
  schemas: SchemaTable,
  schema: Schema,
  value: unknown,
  path: string,
  collect?: string[],
): Result {
  table = schemas;
  const cached = prepared.get(schemas);
  if (cached) nodes = cached;
  else prepared.set(schemas, (nodes = new WeakMap()));
  root = path;
  unknown = collect;
  segments.length = 0;
  return check(prepare(schema), value);
}

/** Requests: objects are closed, every rule applies. The first violation, or undefined. */
export function findViolation(
  table: SchemaTable,
  schema: Schema,
  value: unknown,
  path: string,
): Violation | undefined {
  return walk(table, schema, value, path);
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
  const violation = walk(table, schema, value, path, collected);
  return violation ? { violation, unknown: collected } : { unknown: collected };
}

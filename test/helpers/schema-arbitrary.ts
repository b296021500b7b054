/**
 * fast-check arbitraries of the values a schema of the validators' format (src/schema/types.ts)
 * accepts, with objects closed as the client's validator closes them: only declared properties
 * (any extra ones come from an `additionalProperties` schema). Spec-agnostic: it reads only the
 * keywords of `SCHEMA_KEYWORDS`.
 *
 * @example
 * fc.assert(fc.property(schemaArbitrary(REQUEST_SCHEMAS, { $ref: "CreateCreditRequest" }), check));
 */
import fc from "fast-check";
import type { Schema, SchemaTable, SchemaType, SubSchema } from "../../src/schema/types.ts";

/** The rules of a schema and of the schemas composed into it (`$ref`, `allOf`), merged. */
export interface MergedSchema {
  /** The types every part allows (a part that allows `number` allows `integer` too). */
  types: SchemaType[] | undefined;
  enum: readonly unknown[] | undefined;
  const: unknown;
  minimum: number | undefined;
  maximum: number | undefined;
  exclusiveMinimum: number | undefined;
  exclusiveMaximum: number | undefined;
  multipleOf: number | undefined;
  minLength: number;
  maxLength: number | undefined;
  pattern: string | undefined;
  format: string | undefined;
  /** The `items` schemas of every part: an item must satisfy them all. */
  items: Schema[];
  minItems: number;
  maxItems: number | undefined;
  uniqueItems: boolean;
  /** Each declared property with the schemas of every part that declares it. */
  properties: Map<string, Schema[]>;
  required: Set<string>;
  /** Parts with `additionalProperties: false`: a property must be declared by each of them. */
  closedParts: Set<string>[];
  /** An `additionalProperties` schema, for properties no part declares. */
  extra: Schema | undefined;
}

const ALL_TYPES: SchemaType[] = [
  "string",
  "number",
  "integer",
  "boolean",
  "null",
  "array",
  "object",
];

/** The schema a `$ref` names. */
export function resolve(table: SchemaTable, name: string): Schema {
  const schema = table[name];
  if (typeof schema !== "object") throw new Error(`no object schema named ${name}`);
  return schema;
}

/** A subschema as an object schema: `true` is `{}`; `false` has no values to generate. */
function asObject(schema: SubSchema): Schema {
  if (schema === false) throw new Error("no value satisfies the schema false");
  return schema === true ? {} : schema;
}

/** A schema and every schema composed into it through `$ref` and `allOf`. */
export function parts(table: SchemaTable, schema: Schema): Schema[] {
  const found = [schema];
  if (schema.$ref !== undefined) found.push(...parts(table, resolve(table, schema.$ref)));
  for (const branch of schema.allOf ?? []) found.push(...parts(table, asObject(branch)));
  return found;
}

function tighter(a: number | undefined, b: number | undefined, pick: typeof Math.max) {
  return a === undefined ? b : b === undefined ? a : pick(a, b);
}

/** Merges a composed schema into one set of rules. */
export function merge(table: SchemaTable, schema: Schema): MergedSchema {
  const merged: MergedSchema = {
    types: undefined,
    enum: undefined,
    const: undefined,
    minimum: undefined,
    maximum: undefined,
    exclusiveMinimum: undefined,
    exclusiveMaximum: undefined,
    multipleOf: undefined,
    minLength: 0,
    maxLength: undefined,
    pattern: undefined,
    format: undefined,
    items: [],
    minItems: 0,
    maxItems: undefined,
    uniqueItems: false,
    properties: new Map(),
    required: new Set(),
    closedParts: [],
    extra: undefined,
  };
  for (const part of parts(table, schema)) {
    if (part.type !== undefined) {
      const allowed: SchemaType[] = typeof part.type === "string" ? [part.type] : [...part.type];
      if (allowed.includes("number")) allowed.push("integer");
      merged.types = (merged.types ?? ALL_TYPES).filter((type) => allowed.includes(type));
    }
    if (part.enum !== undefined) {
      const options = part.enum;
      merged.enum = merged.enum?.filter((value) => options.includes(value)) ?? options;
    }
    if (part.const !== undefined) merged.const = part.const;
    merged.minimum = tighter(merged.minimum, part.minimum, Math.max);
    merged.maximum = tighter(merged.maximum, part.maximum, Math.min);
    merged.exclusiveMinimum = tighter(merged.exclusiveMinimum, part.exclusiveMinimum, Math.max);
    merged.exclusiveMaximum = tighter(merged.exclusiveMaximum, part.exclusiveMaximum, Math.min);
    merged.multipleOf ??= part.multipleOf;
    merged.minLength = Math.max(merged.minLength, part.minLength ?? 0);
    merged.maxLength = tighter(merged.maxLength, part.maxLength, Math.min);
    merged.pattern ??= part.pattern;
    merged.format ??= part.format;
    if (part.items !== undefined) merged.items.push(asObject(part.items));
    merged.minItems = Math.max(merged.minItems, part.minItems ?? 0);
    merged.maxItems = tighter(merged.maxItems, part.maxItems, Math.min);
    merged.uniqueItems ||= part.uniqueItems === true;
    for (const [name, property] of Object.entries(part.properties ?? {})) {
      merged.properties.set(name, [...(merged.properties.get(name) ?? []), asObject(property)]);
    }
    for (const name of part.required ?? []) merged.required.add(name);
    if (part.additionalProperties === false) {
      merged.closedParts.push(new Set(Object.keys(part.properties ?? {})));
    } else if (typeof part.additionalProperties === "object") {
      merged.extra = part.additionalProperties;
    }
  }
  return merged;
}

/** Whether two JSON values are equal as ajv compares them (key order aside). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : typeof value === "object" && value !== null
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([key, item]) => [key, canonical(item)]),
          )
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

const day = fc
  .date({
    min: new Date("0001-01-01T00:00:00Z"),
    max: new Date("9999-12-31T23:59:59Z"),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());
const offset = fc.oneof(
  fc.constantFrom("Z", "z", "+00:00", "-00:00"),
  fc
    .tuple(
      fc.constantFrom("+", "-"),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
    )
    .map(([sign, hours, minutes]) => {
      const pad = (value: number) => String(value).padStart(2, "0");
      return `${sign}${pad(hours)}:${pad(minutes)}`;
    }),
);
const FORMATS: Record<string, fc.Arbitrary<string>> = {
  date: day.map((iso) => iso.slice(0, 10)),
  "date-time": fc
    .tuple(day, fc.constantFrom("T", "t", " "), fc.boolean(), offset)
    .map(([iso, separator, fraction, zone]) => {
      const time = iso.slice(11, fraction ? 23 : 19);
      return `${iso.slice(0, 10)}${separator}${time}${zone}`;
    }),
};

/** The length in code points, as JSON Schema counts it. */
function codePoints(text: string): number {
  return text.length - (text.match(/[\ud800-\udbff][\udc00-\udfff]/g)?.length ?? 0);
}

function stringArbitrary(rules: MergedSchema): fc.Arbitrary<string> {
  const { minLength, maxLength, pattern, format } = rules;
  const fitsLength = (text: string) =>
    codePoints(text) >= minLength && codePoints(text) <= (maxLength ?? Infinity);
  if (format !== undefined) {
    const formatted = FORMATS[format];
    if (formatted === undefined) throw new Error(`no arbitrary for the format ${format}`);
    return formatted.filter(fitsLength);
  }
  if (pattern !== undefined) return fc.stringMatching(new RegExp(pattern, "u")).filter(fitsLength);
  const lengths = { minLength, maxLength: Math.min(maxLength ?? minLength + 12, minLength + 40) };
  return fc.oneof(fc.string(lengths), fc.string({ ...lengths, unit: "binary" }));
}

function numberArbitrary(rules: MergedSchema, integer: boolean): fc.Arbitrary<number> {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = rules;
  const low = tighter(minimum, exclusiveMinimum, Math.max);
  const high = tighter(maximum, exclusiveMaximum, Math.min);
  const inRange = (value: number) =>
    (minimum === undefined || value >= minimum) &&
    (maximum === undefined || value <= maximum) &&
    (exclusiveMinimum === undefined || value > exclusiveMinimum) &&
    (exclusiveMaximum === undefined || value < exclusiveMaximum);
  if (multipleOf !== undefined) {
    const from = Math.ceil((low ?? -1e6) / multipleOf);
    const to = Math.floor((high ?? 1e6) / multipleOf);
    return fc
      .integer({ min: from, max: Math.max(from, to) })
      .map((factor) => factor * multipleOf)
      .filter(
        (value) => inRange(value) && value / multipleOf === parseInt(String(value / multipleOf)),
      )
      .filter((value) => !integer || Number.isInteger(value));
  }
  if (integer) {
    const min = low === undefined ? Number.MIN_SAFE_INTEGER : Math.ceil(low);
    const max = high === undefined ? Number.MAX_SAFE_INTEGER : Math.floor(high);
    return fc.integer({ min, max }).filter(inRange);
  }
  return fc
    .double({
      noNaN: true,
      noDefaultInfinity: true,
      ...(low === undefined ? {} : { min: low, minExcluded: low === exclusiveMinimum }),
      ...(high === undefined ? {} : { max: high, maxExcluded: high === exclusiveMaximum }),
    })
    .filter(inRange);
}

/**
 * The values `schema` accepts, objects closed. `depth` bounds recursive schemas: below it, only
 * required properties and no array items are generated.
 */
export function schemaArbitrary(
  table: SchemaTable,
  schema: Schema,
  depth = 4,
): fc.Arbitrary<unknown> {
  const rules = merge(table, schema);
  if (rules.const !== undefined) return fc.constant(rules.const);
  if (rules.enum !== undefined) return fc.constantFrom(...rules.enum);
  const types = rules.types ?? ALL_TYPES;
  if (types.length === 0) throw new Error("no value satisfies every type of this schema");
  return fc.oneof(...types.map((type) => typedArbitrary(table, rules, type, depth)));
}

function typedArbitrary(
  table: SchemaTable,
  rules: MergedSchema,
  type: SchemaType,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "string":
      return stringArbitrary(rules);
    case "number":
    case "integer":
      return numberArbitrary(rules, type === "integer");
    case "array": {
      const items =
        rules.items.length === 0
          ? fc.jsonValue()
          : schemaArbitrary(table, { allOf: rules.items }, depth - 1);
      const minLength = rules.minItems;
      const maxLength =
        depth <= 0 ? minLength : Math.min(rules.maxItems ?? Infinity, minLength + 4);
      return rules.uniqueItems
        ? fc.uniqueArray(items, { minLength, maxLength, comparator: jsonEqual })
        : fc.array(items, { minLength, maxLength });
    }
    case "object": {
      const allowed = [...rules.properties.keys()].filter((name) =>
        rules.closedParts.every((declared) => declared.has(name)),
      );
      const names = allowed.filter((name) => depth > 0 || rules.required.has(name));
      const record = fc.record(
        Object.fromEntries(
          names.map((name) => [
            name,
            schemaArbitrary(table, { allOf: rules.properties.get(name) ?? [] }, depth - 1),
          ]),
        ),
        { requiredKeys: names.filter((name) => rules.required.has(name)) },
      );
      const { extra } = rules;
      if (extra === undefined || depth <= 0) return record;
      const extraNames = fc
        .string({ minLength: 1, maxLength: 8 })
        .filter((name) => !rules.properties.has(name));
      return fc
        .tuple(
          record,
          fc.dictionary(extraNames, schemaArbitrary(table, extra, depth - 1), { maxKeys: 3 }),
        )
        .map(([declared, extras]) => ({ ...extras, ...declared }));
    }
  }
}

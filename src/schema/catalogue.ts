/**
 * The whole vocabulary, for `npm run generate` and the tests (the runtime never imports it): every
 * keyword in the order the checks run, and every format by its name in schemas. A generated
 * table imports from it only what its schemas use, so a bundle ships only those.
 */
import * as formats from "./formats/index.js";
import * as keywords from "./keywords/index.js";
import type { Format, Keyword, SchemaTable, Validators } from "./types.js";

/** Each keyword's export name, in the order the checks run: cheap value checks first, applicators last. */
export const KEYWORD_ORDER = [
  "jsonType",
  "ref",
  "allOf",
  "finite",
  "enumeration",
  "constant",
  "limitNumber",
  "multipleOf",
  "limitLength",
  "pattern",
  "format",
  "limitItems",
  "items",
  "contains",
  "uniqueItems",
  "required",
  "dependentRequired",
  "limitProperties",
  "propertyNames",
  "discriminator",
  "anyOf",
  "oneOf",
  "not",
  "ifThenElse",
  "dependentSchemas",
  "unevaluatedItems",
  "properties",
  "patternProperties",
  "additionalProperties",
  "unevaluatedProperties",
] as const satisfies readonly (keyof typeof keywords)[];

/** The file of each keyword, under src/schema/keywords/. */
export const KEYWORD_FILES: Readonly<Record<(typeof KEYWORD_ORDER)[number], string>> = {
  jsonType: "type",
  ref: "ref",
  allOf: "all-of",
  finite: "finite",
  enumeration: "enum",
  constant: "const",
  limitNumber: "limit-number",
  multipleOf: "multiple-of",
  limitLength: "limit-length",
  pattern: "pattern",
  format: "format",
  limitItems: "limit-items",
  items: "items",
  contains: "contains",
  uniqueItems: "unique-items",
  required: "required",
  dependentRequired: "dependent-required",
  limitProperties: "limit-properties",
  propertyNames: "property-names",
  discriminator: "discriminator",
  anyOf: "any-of",
  oneOf: "one-of",
  not: "not",
  ifThenElse: "if-then-else",
  dependentSchemas: "dependent-schemas",
  unevaluatedItems: "unevaluated-items",
  properties: "properties",
  patternProperties: "pattern-properties",
  additionalProperties: "additional-properties",
  unevaluatedProperties: "unevaluated-properties",
};

/** The file of each format, under src/schema/formats/. */
export const FORMAT_FILES: Readonly<Record<string, string>> = {
  date: "date",
  dateTime: "date-time",
  time: "time",
  duration: "duration",
  email: "internet",
  hostname: "internet",
  ipv4: "internet",
  ipv6: "internet",
  uri: "uri",
  uriReference: "uri",
  uuid: "uuid",
  int32: "numbers",
  int64: "numbers",
  float: "numbers",
  double: "numbers",
};

/** Every keyword, in order. */
export const KEYWORDS: readonly Keyword[] = KEYWORD_ORDER.map((name) => keywords[name]);

/** The schema keywords the validators check, every one. */
export const SCHEMA_KEYWORDS: readonly string[] = KEYWORDS.flatMap((keyword) => keyword.names);

/** Each format's export name, by its name in schemas. */
export const FORMAT_EXPORTS = {
  date: "date",
  "date-time": "dateTime",
  time: "time",
  duration: "duration",
  email: "email",
  hostname: "hostname",
  ipv4: "ipv4",
  ipv6: "ipv6",
  uri: "uri",
  "uri-reference": "uriReference",
  uuid: "uuid",
  int32: "int32",
  int64: "int64",
  float: "float",
  double: "double",
} as const satisfies Record<string, keyof typeof formats>;

/** Every format, by its name in schemas. */
export const FORMATS: Readonly<Record<string, Format>> = Object.fromEntries(
  Object.entries(FORMAT_EXPORTS).map(([name, exported]) => [name, formats[exported]]),
);

/** Formats that are annotations: never checked, dropped from the tables. */
export const ANNOTATION_FORMATS: readonly string[] = ["byte", "binary", "password"];

/** Validators over `schemas` with every keyword and format (for tests and scripts). */
export function fullValidators(schemas: SchemaTable): Validators {
  return { schemas, keywords: KEYWORDS, formats: FORMATS };
}

/**
 * The export names of the keywords a set of schema keywords needs, in order (`finite`, the
 * client's own rule, always).
 */
export function keywordsFor(used: ReadonlySet<string>): (typeof KEYWORD_ORDER)[number][] {
  return KEYWORD_ORDER.filter((name) => {
    const { names } = keywords[name];
    return names.length === 0 || names.some((keyword) => used.has(keyword));
  });
}

/**
 * The schema format the generated validators are written in: the spec's JSON Schemas with their
 * annotations stripped, every `$ref` turned into the key of another entry of the same table, and
 * every discriminator's mapping made complete. `npm run generate` writes only keywords and
 * formats the client checks, so nothing the spec states is silently left unchecked.
 */

/** A JSON Schema type name. */
export type SchemaType = "string" | "number" | "integer" | "boolean" | "array" | "object" | "null";

/** A schema where a schema may stand: an object, or `true` (any value) or `false` (none). */
export type SubSchema = Schema | boolean;

/** One schema, in the table's format (JSON Schema 2020-12 with OpenAPI's `discriminator`). */
export interface Schema {
  /** The key of another schema of the same table. */
  $ref?: string;
  type?: SchemaType | readonly SchemaType[];
  enum?: readonly unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  /** Counted in code points, as JSON Schema does. */
  minLength?: number;
  maxLength?: number;
  /** A regular expression, compiled with the `u` flag. */
  pattern?: string;
  format?: string;
  prefixItems?: readonly SubSchema[];
  items?: SubSchema;
  contains?: SubSchema;
  minContains?: number;
  maxContains?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  unevaluatedItems?: SubSchema;
  properties?: Readonly<Record<string, SubSchema>>;
  /** Regular expressions (`u` flag) to the schema of the properties whose names they match. */
  patternProperties?: Readonly<Record<string, SubSchema>>;
  additionalProperties?: SubSchema;
  unevaluatedProperties?: SubSchema;
  propertyNames?: SubSchema;
  required?: readonly string[];
  dependentRequired?: Readonly<Record<string, readonly string[]>>;
  dependentSchemas?: Readonly<Record<string, SubSchema>>;
  minProperties?: number;
  maxProperties?: number;
  allOf?: readonly SubSchema[];
  anyOf?: readonly SubSchema[];
  oneOf?: readonly SubSchema[];
  not?: SubSchema;
  if?: SubSchema;
  then?: SubSchema;
  else?: SubSchema;
  /** OpenAPI's discriminator, its mapping complete: each value to the key of its schema. */
  discriminator?: Discriminator;
  /** An annotation, never checked: the value the server assumes when this one is absent. */
  default?: unknown;
}

/** A discriminator as the table holds it: every value the property may take, mapped. */
export interface Discriminator {
  propertyName: string;
  /** Each value of the property to the table key of the schema it selects. */
  mapping: Readonly<Record<string, string>>;
}

/** Named schemas, as generated. */
export type SchemaTable = Readonly<Record<string, SubSchema>>;

/** One broken rule: where (e.g. "body.items[0].startDate"), the rule in words, the value found. */
export interface Violation {
  path: string;
  rule: string;
  value: unknown;
}

/** What a check finds: a violation, or nothing. */
export type Result = Violation | undefined;

/**
 * One keyword (or a family read together, such as `minimum` and `maximum`): a check of a value,
 * or of one property of an object, with its message beside it. A generated table imports the
 * keywords its schemas use and nothing else.
 */
export interface Keyword {
  /** The schema keywords it reads; it runs for the schemas that have one of them (all: empty). */
  readonly names: readonly string[];
  /** Checks a value against the keyword. */
  readonly check?: (schema: Schema, value: unknown, path: string) => Result;
  /**
   * Checks one property of an object: whether the keyword evaluated it (declared or took it in),
   * or the violation it found.
   */
  readonly property?: (
    schema: Schema,
    name: string,
    value: unknown,
    path: string,
  ) => boolean | Violation;
  /** Checks a property no other keyword evaluated (`unevaluatedProperties`). */
  readonly rest?: (schema: Schema, name: string, value: unknown, path: string) => Result;
  /**
   * Whether the keyword needs the schema to be evaluated as one unit, apart from the schemas
   * beside it (`unevaluatedItems`, `unevaluatedProperties`).
   */
  readonly unit?: boolean;
}

/** A format: which values it judges, the test, and the rule in words ("a UUID"). */
export interface Format {
  readonly test: (value: unknown) => boolean;
  readonly rule: string;
}

/** What a generated module hands the validator: the schemas, and the keywords and formats they use. */
export interface Validators {
  readonly schemas: SchemaTable;
  /** In the order they run. */
  readonly keywords: readonly Keyword[];
  readonly formats: Readonly<Record<string, Format>>;
}

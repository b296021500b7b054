/**
 * Turns the spec's JSON Schemas into the validators' schema format (src/schema.ts): the
 * documentation stripped, every `$ref` made the name of another table entry, and every other
 * keyword refused, naming where it stands, so that no rule of the spec is silently unchecked.
 */
import { FORMATS, SCHEMA_KEYWORDS } from "../../src/schema.ts";
import type { Schema, SchemaTable } from "../../src/schema.ts";

/** A schema as written in the spec. */
export interface SpecSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SpecSchema>;
  items?: SpecSchema;
  allOf?: SpecSchema[];
  examples?: unknown[];
  [keyword: string]: unknown;
}

/** Keywords that document a schema and do not constrain a value. */
const DOCUMENTATION = new Set([
  "description",
  "title",
  "examples",
  "example",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "$comment",
]);

/** Keywords kept as they are, beside the checked ones: annotations the validators ignore. */
const ANNOTATIONS = ["default"];
const KEYWORDS = new Set<string>([...SCHEMA_KEYWORDS, ...ANNOTATIONS]);
const SCHEMA_REF = "#/components/schemas/";

/** Collects the named schemas that the stripped schemas refer to, directly or not. */
export class SchemaCollector {
  private readonly names = new Set<string>();

  constructor(private readonly components: Readonly<Record<string, SpecSchema>>) {}

  /** The schema in the validators' format; the named schemas it reaches join the table. */
  strip(schema: SpecSchema, where: string): Schema {
    const stripped: Record<string, unknown> = {};
    for (const [keyword, value] of Object.entries(schema)) {
      if (DOCUMENTATION.has(keyword) || keyword.startsWith("x-")) continue;
      if (!KEYWORDS.has(keyword)) {
        throw new Error(
          `${where}: the keyword ${keyword} is not supported by the client's validators (src/schema-check.ts)`,
        );
      }
      stripped[keyword] = this.stripValue(keyword, value, where);
    }
    return stripped;
  }

  private stripValue(keyword: string, value: unknown, where: string): unknown {
    switch (keyword) {
      case "$ref":
        return this.refer(String(value), where);
      case "format":
        if (!(String(value) in FORMATS)) {
          throw new Error(
            `${where}: format ${String(value)} is not supported by the client's validators`,
          );
        }
        return value;
      case "items":
        return this.strip(value as SpecSchema, `${where}.items`);
      case "allOf":
        return (value as SpecSchema[]).map((branch, index) =>
          this.strip(branch, `${where}.allOf[${index}]`),
        );
      case "properties":
        return Object.fromEntries(
          Object.entries(value as Record<string, SpecSchema>).map(([name, property]) => [
            name,
            this.strip(property, `${where}.${name}`),
          ]),
        );
      case "additionalProperties":
        return typeof value === "boolean"
          ? value
          : this.strip(value as SpecSchema, `${where}.additionalProperties`);
      default:
        return value;
    }
  }

  private refer(ref: string, where: string): string {
    const name = ref.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : undefined;
    const schema = name === undefined ? undefined : this.components[name];
    if (name === undefined || schema === undefined) {
      throw new Error(`${where}: $ref ${ref} is not a schema under ${SCHEMA_REF}`);
    }
    if (!this.names.has(name)) {
      this.names.add(name);
      this.strip(schema, name);
    }
    return name;
  }

  private readonly inline = new Map<string, Schema>();

  /**
   * Registers an inline schema under an internal key of the caller's choosing (never a name of
   * the public surface); returns a schema that refers to it.
   */
  register(key: string, schema: SpecSchema, where: string): Schema {
    if (this.inline.has(key) || Object.hasOwn(this.components, key)) {
      throw new Error(`${where}: the table key ${key} is taken`);
    }
    this.inline.set(key, this.strip(schema, where));
    return { $ref: key };
  }

  /** Every named schema reached so far, in the spec's order, then the inline ones. */
  table(): SchemaTable {
    const table: Record<string, Schema> = {};
    for (const [name, schema] of Object.entries(this.components)) {
      if (this.names.has(name)) table[name] = this.strip(schema, name);
    }
    for (const [key, schema] of this.inline) table[key] = schema;
    return table;
  }
}

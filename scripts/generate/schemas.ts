/**
 * The schema reader: turns the spec's JSON Schemas into the validators' table format
 * (src/schema/types.ts). It takes the whole OpenAPI document, resolves every local `$ref` by its
 * whole JSON pointer, strips the annotations, completes each discriminator's mapping, and checks
 * every keyword's value: anything the validators cannot check as the spec means it (an unknown
 * keyword or format, a remote `$ref`, `$id`, a malformed value) fails, naming where it stands.
 *
 * Table keys: `#/components/schemas/<Name>` is `<Name>`; any other pointer is the pointer
 * itself; an inline schema registered by the caller gets the caller's key ("createCredit.201").
 */
import { ANNOTATION_FORMATS, FORMATS, SCHEMA_KEYWORDS } from "../../src/schema/catalogue.ts";
import type { Schema, SchemaTable, SubSchema } from "../../src/schema/types.ts";
import { atPointer, pointerSegments } from "./refs.ts";
import { ONE_SCHEMA, SCHEMA_LISTS, SCHEMA_MAPS } from "./schema-positions.ts";

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

/** Keywords that document a schema or annotate it, and never constrain a value: dropped. */
const ANNOTATIONS = new Set([
  "description",
  "title",
  "examples",
  "example",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "$comment",
  "$schema",
  "$defs",
  "contentMediaType",
  "contentEncoding",
  "contentSchema",
  "xml",
]);

/** Keywords of JSON Schema the validators refuse, and why. */
const REFUSED: Readonly<Record<string, string>> = {
  $id: "$id changes the base $refs resolve against; refer by JSON pointer inside the document instead",
  $anchor: "$anchor is not supported; refer by JSON pointer instead",
  $dynamicRef: "$dynamicRef is not supported",
  $dynamicAnchor: "$dynamicAnchor is not supported",
  $recursiveRef: "$recursiveRef is not supported",
  $recursiveAnchor: "$recursiveAnchor is not supported",
  $vocabulary: "$vocabulary is not supported",
};

const TYPES = new Set(["string", "number", "integer", "boolean", "array", "object", "null"]);
const CHECKED = new Set<string>([...SCHEMA_KEYWORDS, "default"]);
const COMPONENTS = "#/components/schemas/";

const COUNTS = new Set([
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "minContains",
  "maxContains",
  "minProperties",
  "maxProperties",
]);
const LIMITS = new Set(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isRegex(source: unknown): boolean {
  try {
    return typeof source === "string" && new RegExp(source, "u") instanceof RegExp;
  } catch {
    return false;
  }
}

function isStringList(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.every((item) => typeof item === "string") &&
    new Set(value).size === value.length
  );
}

/** Reads schemas of one OpenAPI document into one table. */
export class SchemaReader {
  private readonly entries = new Map<string, SubSchema>();
  private readonly reading = new Set<string>();
  private readonly components: Record<string, unknown>;

  constructor(private readonly document: unknown) {
    const components = isRecord(document) ? document.components : undefined;
    const schemas = isRecord(components) ? components.schemas : undefined;
    this.components = isRecord(schemas) ? schemas : {};
  }

  /** The table key of a local `$ref`; the schema it names (and what that reaches) joins the table. */
  refer(ref: string, where: string): string {
    const segments = pointerSegments(ref);
    if (segments === undefined) {
      throw new Error(
        `${where}: $ref ${ref} is not supported: only a JSON pointer inside the document (#/...)`,
      );
    }
    const key = segments.length === 3 && ref.startsWith(COMPONENTS) ? (segments[2] ?? ref) : ref;
    if (this.entries.has(key) || this.reading.has(key)) return key;
    const target = atPointer(this.document, ref);
    if (target === undefined)
      throw new Error(`${where}: $ref ${ref} does not resolve in the document`);
    this.reading.add(key);
    this.entries.set(key, this.strip(target, key, ref));
    this.reading.delete(key);
    return key;
  }

  /**
   * Registers an inline schema under an internal key of the caller's choosing; returns a schema
   * that refers to it.
   */
  register(key: string, schema: unknown, where: string): Schema {
    if (this.entries.has(key) || Object.hasOwn(this.components, key)) {
      throw new Error(`${where}: the table key ${key} is taken`);
    }
    this.entries.set(key, this.strip(schema, where));
    return { $ref: key };
  }

  /**
   * Checks every schema under `components/schemas`, reached or not (types are made of them all),
   * in a reader of its own: the table of this one is left as it is.
   */
  checkComponents(): void {
    const scratch = new SchemaReader(this.document);
    for (const name of Object.keys(this.components)) scratch.refer(`${COMPONENTS}${name}`, name);
  }

  /** Every schema reached so far: the components in the spec's order, then the others. */
  table(): SchemaTable {
    const table: Record<string, SubSchema> = {};
    for (const name of Object.keys(this.components)) {
      const entry = this.entries.get(name);
      if (entry !== undefined) table[name] = entry;
    }
    for (const [key, entry] of this.entries) if (!Object.hasOwn(table, key)) table[key] = entry;
    return table;
  }

  /**
   * A schema in the validators' format (`where` names it in errors; `pointer`, when known, is
   * where it stands in the document). The schemas its `$ref`s reach join the table.
   */
  strip(schema: unknown, where: string, pointer?: string): SubSchema {
    if (typeof schema === "boolean") return schema;
    if (!isRecord(schema)) throw new Error(`${where}: must be a schema (an object, true or false)`);
    const stripped: Record<string, unknown> = {};
    for (const [keyword, value] of Object.entries(schema)) {
      if (ANNOTATIONS.has(keyword) || keyword.startsWith("x-")) continue;
      const refused = REFUSED[keyword];
      if (refused !== undefined) throw new Error(`${where}: ${refused}`);
      if (!CHECKED.has(keyword)) {
        throw new Error(
          `${where}: the keyword ${keyword} is not supported by the client's validators (src/schema/)`,
        );
      }
      if (keyword === "format" && ANNOTATION_FORMATS.includes(String(value))) continue;
      if ((keyword === "then" || keyword === "else") && schema.if === undefined) continue;
      stripped[keyword] = this.value(keyword, value, where, schema, pointer);
    }
    if (isRecord(schema.$defs)) {
      for (const [name, definition] of Object.entries(schema.$defs)) {
        this.strip(definition, `${where}.$defs.${name}`);
      }
    }
    return stripped;
  }

  private value(
    keyword: string,
    value: unknown,
    where: string,
    schema: Record<string, unknown>,
    pointer: string | undefined,
  ): unknown {
    const fail = (must: string): never => {
      throw new Error(`${where}: ${keyword} must be ${must}`);
    };
    if (ONE_SCHEMA.has(keyword)) {
      if (keyword === "items" && Array.isArray(value)) {
        fail("one schema (a list of schemas is prefixItems in JSON Schema 2020-12)");
      }
      return this.strip(value, `${where}.${keyword}`);
    }
    if (SCHEMA_LISTS.has(keyword)) {
      if (!Array.isArray(value) || value.length === 0) fail("a non-empty list of schemas");
      return (value as unknown[]).map((branch, index) =>
        this.strip(branch, `${where}.${keyword}[${index}]`),
      );
    }
    if (SCHEMA_MAPS.has(keyword)) {
      if (!isRecord(value)) fail("an object of schemas");
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, item]) => {
          if (keyword === "patternProperties" && !isRegex(name)) {
            fail(`keyed by regular expressions (with the u flag); ${name} is not one`);
          }
          const at = keyword === "properties" ? `${where}.${name}` : `${where}.${keyword}[${name}]`;
          return [name, this.strip(item, at)];
        }),
      );
    }
    if (COUNTS.has(keyword)) {
      if (!Number.isInteger(value) || (value as number) < 0) fail("an integer from 0");
      return value;
    }
    if (LIMITS.has(keyword)) {
      if (typeof value !== "number" || !Number.isFinite(value)) fail("a finite number");
      return value;
    }
    switch (keyword) {
      case "$ref":
        if (typeof value !== "string") fail("a string");
        return this.refer(value as string, where);
      case "type": {
        const names = typeof value === "string" ? [value] : value;
        if (!isStringList(names) || names.length === 0 || !names.every((name) => TYPES.has(name))) {
          fail(`a type name or a list of them (${[...TYPES].join(", ")})`);
        }
        return value;
      }
      case "enum":
        // Empty, it would accept nothing, and its generated type would not compile.
        if (!Array.isArray(value) || value.length === 0) fail("a list of at least one value");
        return value;
      case "multipleOf":
        if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
          fail("a number above 0");
        }
        return value;
      case "pattern":
        if (!isRegex(value)) fail("a regular expression valid with the u flag");
        return value;
      case "format":
        if (typeof value !== "string") fail("a string");
        if (!Object.hasOwn(FORMATS, value as string)) {
          throw new Error(
            `${where}: format ${String(value)} is not supported by the client's validators`,
          );
        }
        return value;
      case "uniqueItems":
        if (typeof value !== "boolean") fail("true or false");
        return value;
      case "required":
        if (!isStringList(value)) fail("a list of distinct property names");
        return value;
      case "dependentRequired":
        if (!isRecord(value) || !Object.values(value).every(isStringList)) {
          fail("an object of lists of distinct property names");
        }
        return value;
      case "discriminator":
        return this.discriminator(value, where, schema, pointer);
      default:
        return value;
    }
  }

  /** A discriminator with its mapping complete: explicit entries, then the implicit names. */
  private discriminator(
    value: unknown,
    where: string,
    schema: Record<string, unknown>,
    pointer: string | undefined,
  ): unknown {
    const at = `${where}.discriminator`;
    if (!isRecord(value) || typeof value.propertyName !== "string") {
      throw new Error(`${at}: must be an object with a propertyName`);
    }
    const { mapping = {} } = value;
    if (!isRecord(mapping) || !Object.values(mapping).every((ref) => typeof ref === "string")) {
      throw new Error(`${at}.mapping: must map values to schema names or $refs`);
    }
    const refs: [string, string][] = Object.entries(mapping as Record<string, string>).map(
      ([tag, ref]) => [tag, /[#/]/.test(ref) ? ref : `${COMPONENTS}${ref}`],
    );
    const branches = [schema.oneOf, schema.anyOf].find(Array.isArray) as unknown[] | undefined;
    const implicit = branches
      ? branches.flatMap((branch) =>
          isRecord(branch) && typeof branch.$ref === "string" ? [branch.$ref] : [],
        )
      : Object.entries(this.components).flatMap(([name, other]) =>
          pointer !== undefined &&
          isRecord(other) &&
          Array.isArray(other.allOf) &&
          other.allOf.some((part) => isRecord(part) && part.$ref === pointer)
            ? [`${COMPONENTS}${name}`]
            : [],
        );
    for (const ref of implicit) {
      const name = ref.startsWith(COMPONENTS) ? ref.slice(COMPONENTS.length) : undefined;
      if (name === undefined || name.includes("/")) continue;
      if (!refs.some(([tag, target]) => tag === name || target === ref)) refs.push([name, ref]);
    }
    if (refs.length === 0) throw new Error(`${at}: maps no value to a schema`);
    return {
      propertyName: value.propertyName,
      mapping: Object.fromEntries(
        refs.map(([tag, ref]) => [tag, this.refer(ref, `${at}.mapping.${tag}`)]),
      ),
    };
  }
}

/** Where a schema stands: a JSON pointer into the document, and the table key to give it, if any. */
export interface SchemaLocation {
  pointer: string;
  /** An internal key for an inline schema ("createCredit.201"); absent, the pointer's own key. */
  key?: string;
}

/**
 * In memory: the table of the schemas at `locations` and of every schema they reach, with the
 * table key of each location; or the Error naming where a schema cannot be read.
 */
export function readSchemaTable(
  document: unknown,
  locations: readonly SchemaLocation[],
): { table: SchemaTable; keys: string[] } | Error {
  try {
    const reader = new SchemaReader(document);
    const keys = locations.map(({ pointer, key }) => {
      if (key === undefined) return reader.refer(pointer, pointer);
      const target = atPointer(document, pointer);
      if (target === undefined) {
        throw new Error(`${pointer}: does not resolve in the document`);
      }
      reader.register(key, target, pointer);
      return key;
    });
    return { table: reader.table(), keys };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

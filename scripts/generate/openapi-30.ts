/**
 * An OpenAPI 3.0 document read as 3.1, the version every layer reads: 3.0's schema dialect
 * differs from JSON Schema 2020-12 in two keywords, which are rewritten wherever a schema
 * stands (never inside examples, defaults or enums, which are data):
 * - `nullable: true` adds `"null"` to the `type` beside it (and `null` to an `enum`); without a
 *   `type` it means nothing, as OpenAPI 3.0.3 says, and `nullable: false` never does;
 * - a boolean `exclusiveMinimum`/`exclusiveMaximum` makes `minimum`/`maximum` exclusive.
 * The document's `openapi` becomes `3.1.0`. A 3.1 document is returned as it is.
 */
import { ONE_SCHEMA, SCHEMA_LISTS, SCHEMA_MAPS } from "./schema-positions.ts";

/** Where schemas stand: JSON Schema's positions, and OpenAPI's (`schema`, `schemas`). */
const ONE = new Set([...ONE_SCHEMA, "schema"]);
const MAPS = new Set([...SCHEMA_MAPS, "schemas"]);
/** Keywords whose values are data, not schemas: left as they are. */
const DATA = new Set(["example", "examples", "default", "enum", "const"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The inclusive limit beside each 3.0 boolean exclusive one, and the other way round. */
const LIMIT_OF: ReadonlyMap<string, string> = new Map([
  ["exclusiveMinimum", "minimum"],
  ["exclusiveMaximum", "maximum"],
]);
const EXCLUSIVE_OF: ReadonlyMap<string, string> = new Map(
  [...LIMIT_OF].map(([exclusive, limit]) => [limit, exclusive]),
);

/** A 3.0 schema's own keywords in 3.1's terms, in their order (its subschemas are the walk's). */
function schema31(schema: Record<string, unknown>): Record<string, unknown> {
  const nullable = schema.nullable === true && schema.type !== undefined;
  const entries = Object.entries(schema).flatMap(([keyword, value]): [string, unknown][] => {
    if (keyword === "nullable") return [];
    if (nullable && keyword === "type") {
      const types: unknown[] = Array.isArray(value) ? value : [value];
      return [[keyword, types.includes("null") ? types : [...types, "null"]]];
    }
    if (nullable && keyword === "enum" && Array.isArray(value)) {
      const values = value as unknown[];
      return [[keyword, values.includes(null) ? values : [...values, null]]];
    }
    const limit = LIMIT_OF.get(keyword);
    if (limit !== undefined && typeof value === "boolean") {
      return value && schema[limit] !== undefined ? [[keyword, schema[limit]]] : [];
    }
    const exclusive = EXCLUSIVE_OF.get(keyword);
    if (exclusive !== undefined && schema[exclusive] === true) return [];
    return [[keyword, value]];
  });
  return walk(Object.fromEntries(entries)) as Record<string, unknown>;
}

function schemaAt(value: unknown): unknown {
  return isRecord(value) ? schema31(value) : value;
}

/** A node of the document: every schema in it rewritten, data left alone. */
function walk(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(walk);
  if (!isRecord(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (DATA.has(key) || key.startsWith("x-")) return [key, value];
      if (ONE.has(key)) return [key, schemaAt(value)];
      if (SCHEMA_LISTS.has(key) && Array.isArray(value)) return [key, value.map(schemaAt)];
      if (MAPS.has(key) && isRecord(value)) {
        return [
          key,
          Object.fromEntries(Object.entries(value).map(([name, item]) => [name, schemaAt(item)])),
        ];
      }
      return [key, walk(value)];
    }),
  );
}

/** The document as OpenAPI 3.1: a 3.0 one rewritten, a 3.1 one as it is. */
export function asOpenApi31(document: Record<string, unknown>): Record<string, unknown> {
  if (typeof document.openapi !== "string" || !document.openapi.startsWith("3.0.")) {
    return document;
  }
  return { ...(walk(document) as Record<string, unknown>), openapi: "3.1.0" };
}

/**
 * An OpenAPI 3.0 document read as 3.1, the version every layer reads: 3.0's schema dialect
 * differs from JSON Schema 2020-12 in two keywords, which are rewritten wherever a schema
 * stands (never inside examples, defaults or enums, which are data):
 * - `nullable: true` adds `"null"` to the `type` beside it (and `null` to an `enum`); without a
 *   `type` it means nothing, as OpenAPI 3.0.3 says, and `nullable: false` never does;
 * - a boolean `exclusiveMinimum`/`exclusiveMaximum` makes `minimum`/`maximum` exclusive.
 * The document's `openapi` becomes `3.1.0`. A 3.1 document is returned as it is.
 */
import { mapDocumentSchemas, mapSubschemas } from "./schema-positions.ts";

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
  return mapSubschemas(Object.fromEntries(entries), schemaAt);
}

function schemaAt(value: unknown): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? schema31(value as Record<string, unknown>)
    : value;
}

/** The document as OpenAPI 3.1: a 3.0 one rewritten, a 3.1 one as it is. */
export function asOpenApi31(document: Record<string, unknown>): Record<string, unknown> {
  if (typeof document.openapi !== "string" || !document.openapi.startsWith("3.0.")) {
    return document;
  }
  return {
    ...(mapDocumentSchemas(document, schemaAt) as Record<string, unknown>),
    openapi: "3.1.0",
  };
}

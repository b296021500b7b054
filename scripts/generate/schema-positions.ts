/**
 * Where JSON Schema keywords hold subschemas: one schema, a list of them, or a map of names
 * (or patterns) to them. The schema reader, the vocabulary finder and the types' input walk
 * schemas by these.
 */

/** Keywords whose value is one schema. */
export const ONE_SCHEMA: ReadonlySet<string> = new Set([
  "items",
  "contains",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
]);

/** Keywords whose value is a list of schemas. */
export const SCHEMA_LISTS: ReadonlySet<string> = new Set([
  "allOf",
  "anyOf",
  "oneOf",
  "prefixItems",
]);

/** Keywords whose value maps names or patterns to schemas. */
export const SCHEMA_MAPS: ReadonlySet<string> = new Set([
  "properties",
  "patternProperties",
  "dependentSchemas",
]);

/** What a walk does with one schema, told the keyword it stands under. */
export type SchemaVisitor = (schema: unknown, keyword: string) => unknown;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value of `keyword` with the schemas it holds mapped by `visit`, or undefined if it holds none. */
function mapPosition(
  keyword: string,
  value: unknown,
  visit: SchemaVisitor,
  maps: ReadonlySet<string>,
) {
  if (ONE_SCHEMA.has(keyword)) return visit(value, keyword);
  if (SCHEMA_LISTS.has(keyword) && Array.isArray(value)) {
    return value.map((item) => visit(item, keyword));
  }
  if (maps.has(keyword) && isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, visit(item, keyword)]),
    );
  }
  return undefined;
}

const SUBSCHEMA_MAPS: ReadonlySet<string> = new Set([...SCHEMA_MAPS, "$defs"]);

/** A schema's subschemas mapped by `visit`; its other keywords, data included, as they are. */
export function mapSubschemas(
  schema: Record<string, unknown>,
  visit: SchemaVisitor,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(schema).map(([keyword, value]) => [
      keyword,
      mapPosition(keyword, value, visit, SUBSCHEMA_MAPS) ?? value,
    ]),
  );
}

/** Where an OpenAPI document holds data that may look like schemas: examples, extensions. */
const DOCUMENT_DATA = (key: string) =>
  key === "example" || key === "examples" || key.startsWith("x-");

/**
 * An OpenAPI document (or a part of it) with `visit` applied to each schema it holds: a
 * parameter's, header's or media type's `schema`, and each of `components.schemas`. Examples
 * and extensions are left as they are. `visit` walks a schema's own subschemas itself
 * ({@link mapSubschemas}).
 */
export function mapDocumentSchemas(node: unknown, visit: SchemaVisitor): unknown {
  if (Array.isArray(node)) return node.map((item) => mapDocumentSchemas(item, visit));
  if (!isRecord(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (DOCUMENT_DATA(key)) return [key, value];
      if (key === "schema") return [key, visit(value, key)];
      if (key === "schemas" && isRecord(value)) {
        return [
          key,
          Object.fromEntries(Object.entries(value).map(([name, item]) => [name, visit(item, key)])),
        ];
      }
      return [key, mapDocumentSchemas(value, visit)];
    }),
  );
}

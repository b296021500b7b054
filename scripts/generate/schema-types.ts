/**
 * The JSON types a schema allows at its top (`type`, through `$ref`s and `allOf`, and the
 * union of `anyOf`/`oneOf` branches): what decides how a parameter is written and what a JSON
 * answer must be. An empty list means the schema does not say.
 */
import { atPointer } from "./refs.ts";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The types `schema` names at its top, `$ref`s (by JSON pointer into `document`) followed. */
export function schemaTypes(
  document: unknown,
  schema: unknown,
  seen = new Set<string>(),
): string[] {
  if (!isRecord(schema)) return [];
  if (typeof schema.$ref === "string") {
    if (seen.has(schema.$ref)) return [];
    seen.add(schema.$ref);
    const own = schemaTypes(document, atPointer(document, schema.$ref), seen);
    if (own.length > 0) return own;
  }
  const { type } = schema;
  if (typeof type === "string") return [type];
  if (Array.isArray(type)) return type.filter((item): item is string => typeof item === "string");
  for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const types = schemaTypes(document, part, seen);
    if (types.length > 0) return types;
  }
  const branches = [schema.anyOf, schema.oneOf].find(Array.isArray) as unknown[] | undefined;
  if (branches === undefined) return [];
  const each = branches.map((branch) => schemaTypes(document, branch, new Set(seen)));
  return each.some((types) => types.length === 0) ? [] : [...new Set(each.flat())];
}

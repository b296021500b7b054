/**
 * Which locations are closed: the outermost schema checking an object behaves as if it
 * carried `unevaluatedProperties: false` when it is about objects and nothing it applies in place
 * says otherwise (an `additionalProperties`, `patternProperties` or `unevaluatedProperties`
 * anywhere among them is honoured as written instead).
 */
import type { Schema, SubSchema } from "./types.js";

/** The schemas a schema applies in place, `$ref`s and discriminator targets resolved by `resolve`. */
function inPlace(schema: Schema, resolve: (key: string) => SubSchema): SubSchema[] {
  const found: SubSchema[] = [];
  if (schema.$ref !== undefined) found.push(resolve(schema.$ref));
  for (const list of [schema.allOf, schema.anyOf, schema.oneOf]) if (list) found.push(...list);
  for (const one of [schema.if, schema.then, schema.else]) if (one !== undefined) found.push(one);
  if (schema.dependentSchemas) found.push(...Object.values(schema.dependentSchemas));
  if (schema.discriminator) found.push(...Object.values(schema.discriminator.mapping).map(resolve));
  return found;
}

const OBJECT_KEYWORDS = [
  "properties",
  "patternProperties",
  "additionalProperties",
  "unevaluatedProperties",
  "propertyNames",
  "minProperties",
  "maxProperties",
  "dependentRequired",
  "dependentSchemas",
  "discriminator",
  "allOf",
] as const;

/** Walks the in-place closure of a schema, once per schema, until `test` holds for one. */
function some(
  schema: SubSchema,
  resolve: (key: string) => SubSchema,
  test: (schema: Schema) => boolean,
  seen = new Set<SubSchema>(),
): boolean {
  if (typeof schema === "boolean" || seen.has(schema)) return false;
  seen.add(schema);
  return test(schema) || inPlace(schema, resolve).some((part) => some(part, resolve, test, seen));
}

/** Whether a schema is about objects: says `type: object`, or uses a keyword about them. */
function aboutObjects(schema: Schema): boolean {
  const { type } = schema;
  return (
    type === "object" ||
    (Array.isArray(type) && type.includes("object")) ||
    OBJECT_KEYWORDS.some((keyword) => schema[keyword] !== undefined)
  );
}

function explicitlyOpen(schema: Schema): boolean {
  return (
    schema.additionalProperties !== undefined ||
    schema.patternProperties !== undefined ||
    schema.unevaluatedProperties !== undefined
  );
}

/**
 * Whether the objects `schema` checks as their outermost schema are closed: a property none of
 * its schemas evaluates is refused in a request, and collected as unknown in a response.
 */
export function closes(schema: Schema, resolve: (key: string) => SubSchema): boolean {
  return some(schema, resolve, aboutObjects) && !some(schema, resolve, explicitlyOpen);
}

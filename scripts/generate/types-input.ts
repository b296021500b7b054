/**
 * The document openapi-typescript types: the spec with its schemas normalised to what it reads
 * correctly. Boolean subschemas become `{}` and `{ not: {} }` (it crashes on `allOf: [true]`);
 * the keywords it types narrower than the validators accept are widened: the properties that
 * `patternProperties`, `dependentSchemas`, `then`/`else` or a differently typed
 * `additionalProperties` take become an index signature of `unknown`, `unevaluatedProperties`
 * an `additionalProperties`, and `prefixItems` a plain array. So every value a request may send
 * has the type the method's signature gives it (test/generate/types.test.ts).
 */
import { ONE_SCHEMA, SCHEMA_LISTS, SCHEMA_MAPS } from "./schema-positions.ts";

/** Where subschemas stand: JSON Schema's positions, and OpenAPI's (`schema`, `schemas`, `$defs`). */
const ONE = new Set([...ONE_SCHEMA, "schema"]);
const LISTS = SCHEMA_LISTS;
const MAPS = new Set([...SCHEMA_MAPS, "schemas", "$defs"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One schema, normalised, and the schemas inside it. */
function schema(value: unknown): unknown {
  if (value === true) return {};
  if (value === false) return { not: {} };
  if (!isRecord(value)) return value;
  const copy = walk(value) as Record<string, unknown>;
  const { unevaluatedProperties: rest, additionalProperties: extra } = copy;
  const restAllowed = rest !== undefined && !(isRecord(rest) && isRecord(rest.not));
  // Properties the type of `properties` cannot name: an index signature of `unknown` takes them.
  const beyond =
    copy.patternProperties !== undefined ||
    copy.dependentSchemas !== undefined ||
    copy.then !== undefined ||
    copy.else !== undefined ||
    (isRecord(extra) && copy.properties !== undefined) ||
    (restAllowed && (extra !== undefined || copy.properties !== undefined));
  if (beyond) copy.additionalProperties = {};
  else if (restAllowed) copy.additionalProperties = rest;
  delete copy.patternProperties;
  delete copy.unevaluatedProperties;
  if (copy.prefixItems !== undefined) {
    delete copy.prefixItems;
    delete copy.items;
  }
  return copy;
}

/** A node of the document: schemas found where schemas stand, anywhere in it. */
function walk(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(walk);
  if (!isRecord(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === "additionalProperties" && typeof value === "boolean") return [key, value];
      if (ONE.has(key)) return [key, schema(value)];
      if (LISTS.has(key) && Array.isArray(value)) return [key, value.map(schema)];
      if (MAPS.has(key) && isRecord(value)) {
        return [
          key,
          Object.fromEntries(Object.entries(value).map(([name, item]) => [name, schema(item)])),
        ];
      }
      return [key, walk(value)];
    }),
  );
}

/** The spec as openapi-typescript should read it. */
export function typesInput(document: unknown): unknown {
  return walk(document);
}

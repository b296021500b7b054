/**
 * The document openapi-typescript types: the spec with its schemas normalised to what it reads
 * correctly. Boolean subschemas become `{}` and `{ not: {} }` (it crashes on `allOf: [true]`);
 * the keywords it types narrower than the validators accept are widened: the properties that
 * `patternProperties`, `dependentSchemas`, `then`/`else` or a differently typed
 * `additionalProperties` take become an index signature of `unknown`, `unevaluatedProperties`
 * an `additionalProperties`, and `prefixItems` a plain array; a reference into a `$defs` is
 * inlined. So every value a request may send has the type the method's signature gives it
 * (test/generate/types.test.ts).
 */
import { atPointer, pointerSegments } from "./refs.ts";
import { mapDocumentSchemas, mapSubschemas } from "./schema-positions.ts";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One schema, normalised, and the schemas inside it. */
function schema(value: unknown): unknown {
  if (value === true) return {};
  if (value === false) return { not: {} };
  if (!isRecord(value)) return value;
  const copy = mapSubschemas(value, subschema);
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

/** A subschema, normalised; a boolean `additionalProperties` openapi-typescript reads as it is. */
function subschema(value: unknown, keyword: string): unknown {
  return keyword === "additionalProperties" && typeof value === "boolean" ? value : schema(value);
}

/**
 * The document with every `$ref` into a `$defs` replaced by the schema it names, and `$defs`
 * dropped: openapi-typescript types such a reference as a member of the schema holding the
 * `$defs`, and so types `$defs` as one of its required properties. A reference that leads back
 * into itself is left as any value.
 */
function inlineDefs(document: unknown): unknown {
  const following: string[] = [];
  const visit = (value: unknown): unknown => {
    if (!isRecord(value)) return value;
    const own: Record<string, unknown> = { ...value };
    const ref = own.$ref;
    delete own.$ref;
    delete own.$defs;
    if (typeof ref !== "string" || !pointerSegments(ref)?.includes("$defs")) {
      return mapSubschemas(ref === undefined ? own : { $ref: ref, ...own }, visit);
    }
    if (following.includes(ref)) return {};
    following.push(ref);
    const target = visit(atPointer(document, ref));
    following.pop();
    const siblings = mapSubschemas(own, visit);
    return Object.keys(siblings).length === 0 ? target : { allOf: [target], ...siblings };
  };
  return mapDocumentSchemas(document, visit);
}

/** The spec as openapi-typescript should read it. */
export function typesInput(document: unknown): unknown {
  return mapDocumentSchemas(inlineDefs(document), schema);
}

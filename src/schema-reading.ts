/**
 * How a parameter's text is read by its schema in the request table (the testing kit reads a
 * request's parameters so, and the client a header parameter set through `headers`): the
 * schema's parts (`$ref` and `allOf` followed), the types they allow, a property's schema, the
 * text read as a number or a boolean when the schema says so, and a `style: simple` header.
 */
import { REQUEST_SCHEMAS } from "../generated/operations.js";
import type { Schema, SchemaType, SubSchema } from "./schema/types.js";

/** A schema with its `$ref` followed (into `REQUEST_SCHEMAS`) and its `allOf` branches: all of them. */
export function parts(schema: SubSchema): Schema[] {
  if (typeof schema === "boolean") return [];
  const found = [schema];
  if (schema.$ref !== undefined) {
    const target = REQUEST_SCHEMAS[schema.$ref];
    if (target === undefined) throw new Error(`no request schema named ${schema.$ref}`);
    found.push(...parts(target));
  }
  for (const branch of schema.allOf ?? []) found.push(...parts(branch));
  return found;
}

/** The JSON types a schema allows, `$ref` and `allOf` followed. */
export function typesOf(schema: SubSchema): SchemaType[] {
  return parts(schema).flatMap((part) =>
    part.type === undefined ? [] : typeof part.type === "string" ? [part.type] : [...part.type],
  );
}

/** The schema of a property of an object schema, `$ref` and `allOf` followed. */
export function propertySchema(schema: SubSchema, name: string): SubSchema | undefined {
  for (const part of parts(schema)) {
    if (part.properties !== undefined && Object.hasOwn(part.properties, name)) {
      return part.properties[name];
    }
  }
  return undefined;
}

/**
 * A parameter's text as its schema reads it: a number when the schema says number or integer
 * and the text is a well-formed decimal number, a boolean when it says boolean and the text is
 * `true` or `false`; otherwise the text itself, to be validated as is.
 */
export function coerce(schema: SubSchema | undefined, raw: string): unknown {
  if (schema === undefined) return raw;
  const types = typesOf(schema);
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(raw)) {
    return Number(raw);
  }
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

/** The kind of value a parameter's schema allows: an array, an object, or a primitive. */
export function kindOf(schema: SubSchema | undefined): "array" | "object" | "primitive" {
  const types = schema === undefined ? [] : typesOf(schema);
  return types.includes("array") ? "array" : types.includes("object") ? "object" : "primitive";
}

/** The schema of an array's items, `$ref` and `allOf` followed. */
export function itemsOf(schema: SubSchema | undefined): SubSchema | undefined {
  return schema && parts(schema).find((part) => part.items !== undefined)?.items;
}

/** `[k1, v1, k2, v2]` as `{ k1: v1, k2: v2 }`, each value read with the object's member schema. */
export function pairsToObject(
  schema: SubSchema | undefined,
  flat: readonly string[],
): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let index = 0; index + 1 < flat.length; index += 2) {
    const key = flat[index] ?? "";
    object[key] = coerce(schema && propertySchema(schema, key), flat[index + 1] ?? "");
  }
  return object;
}

/**
 * A header parameter's text (`style: simple`) read by its schema: an array's items and an
 * object's members split at commas (`k=v` pairs with `explode`), each coerced as its schema says.
 */
export function readSimpleHeader(
  schema: SubSchema | undefined,
  explode: boolean,
  text: string,
): unknown {
  const kind = kindOf(schema);
  if (kind === "array") return text.split(",").map((item) => coerce(itemsOf(schema), item));
  if (kind === "object") {
    return pairsToObject(
      schema,
      explode ? text.split(",").flatMap((pair) => pair.split("=")) : text.split(","),
    );
  }
  return coerce(schema, text);
}

/**
 * How the mock reads a parameter's text by its schema in the request table: the schema's parts
 * (`$ref` and `allOf` followed), the types they allow, a property's schema, and the text read
 * as a number or a boolean when the schema says so.
 */
import { REQUEST_SCHEMAS } from "../../generated/operations.js";
import type { Schema, SchemaType, SubSchema } from "../schema/types.js";

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

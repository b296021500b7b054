/**
 * How the mock reads the parameters an operation table declares beyond primitives: query
 * parameters by their style and explode (`statuses=A&statuses=B`, `tags=a,b`,
 * `filter[status]=ACTIVE`), and header parameters (`style: simple`). The generated
 * generated/mock-readers.ts imports each only when its spec uses it, so that a bundle of the
 * kit ships only those; without them every query parameter is read as a primitive.
 */
import type { OperationEntry, QueryParameter } from "../operation-table.js";
import type { Schema, SubSchema } from "../schema/types.js";
import {
  coerce,
  itemsOf,
  kindOf,
  pairsToObject,
  propertySchema,
  readSimpleHeader,
} from "../schema-reading.js";

/** What a query reader gives: the values by parameter name, and the names of the pairs it read. */
export interface ReadQuery {
  query: Record<string, unknown>;
  read: Set<string>;
}

/** The readers an operation table needs beyond a query of primitives (both optional). */
export interface ParameterReaders {
  /** Reads the query's declared parameters by each one's style and explode. */
  query?: typeof readStyledQuery;
  /** Reads the header parameters from a request's headers. */
  header?: typeof readHeaderParameters;
}

const SPLIT = { form: ",", spaceDelimited: " ", pipeDelimited: "|" } as const;

/** One query parameter's value, read from the decoded pairs by its style and explode. */
function readQueryParameter(
  parameter: QueryParameter,
  schema: SubSchema | undefined,
  pairs: readonly (readonly [string, string])[],
): unknown {
  const { name, style, explode } = parameter;
  const kind = kindOf(schema);
  if (style === "deepObject") {
    const object: Record<string, unknown> = {};
    for (const [key, text] of pairs) {
      const member = /^(.*)\[([^\]]*)\]$/u.exec(key);
      if (member?.[1] !== name || member[2] === undefined) continue;
      object[member[2]] = coerce(schema && propertySchema(schema, member[2]), text);
    }
    return Object.keys(object).length > 0 ? object : undefined;
  }
  const values = pairs.filter(([key]) => key === name).map(([, text]) => text);
  if (kind === "primitive") return values.length > 0 ? coerce(schema, values[0] ?? "") : undefined;
  if (kind === "object" && style === "form" && explode) {
    const members = pairs.filter(
      ([key]) => schema !== undefined && propertySchema(schema, key) !== undefined,
    );
    return members.length > 0 ? pairsToObject(schema, members.flat()) : undefined;
  }
  if (values.length === 0) return undefined;
  const split = explode ? values : values.flatMap((value) => value.split(SPLIT[style]));
  return kind === "object"
    ? pairsToObject(schema, split)
    : split.map((item) => coerce(itemsOf(schema), item));
}

/**
 * Each parameter of the query schema read by its style and explode (`form` with `explode` when
 * the entry's `queryParams` does not name it), coerced as its schema says.
 */
export function readStyledQuery(
  entry: OperationEntry,
  schema: Schema,
  pairs: readonly (readonly [string, string])[],
): ReadQuery {
  const query: Record<string, unknown> = {};
  const read = new Set<string>();
  const rules = Object.keys(schema.properties ?? {}).map(
    (name): QueryParameter =>
      entry.queryParams?.find((rule) => rule.name === name) ?? {
        name,
        style: "form",
        explode: true,
      },
  );
  for (const parameter of rules) {
    const parameterSchema = propertySchema(schema, parameter.name);
    const value = readQueryParameter(parameter, parameterSchema, pairs);
    if (value !== undefined) query[parameter.name] = value;
    read.add(parameter.name);
    if (parameter.style === "deepObject") {
      for (const [key] of pairs) if (key.startsWith(`${parameter.name}[`)) read.add(key);
    } else if (
      kindOf(parameterSchema) === "object" &&
      parameter.style === "form" &&
      parameter.explode
    ) {
      for (const [key] of pairs)
        if (parameterSchema && propertySchema(parameterSchema, key)) read.add(key);
    }
  }
  return { query, read };
}

/**
 * The header parameters: each declared one read from the request's headers (names compare
 * case-insensitively) with `style: simple`, coerced as its schema says (`schema`: the entry's
 * header schema).
 */
export function readHeaderParameters(
  { headerParams = [] }: OperationEntry,
  schema: Schema,
  headers: Readonly<Record<string, string | string[] | undefined>> | undefined,
): Record<string, unknown> {
  const header: Record<string, unknown> = {};
  for (const { name, explode } of headerParams) {
    const raw = headers?.[name.toLowerCase()];
    if (raw === undefined) continue;
    const text = [raw].flat().join(",");
    header[name] = readSimpleHeader(propertySchema(schema, name), explode, text);
  }
  return header;
}

/**
 * An operation's parameters, as the client sends them: the path item's `parameters` and the
 * operation's own (which override those of the same `name` and `in`), `$ref`s followed. Path
 * parameters become the method's leading arguments, query parameters its `params` (each with its
 * `style` and `explode`), header parameters the `header` of its options. What the client cannot
 * send as the spec means it fails, naming the operation and the parameter.
 */
import type { HeaderParameter, PathParameter, QueryParameter } from "../../src/operation-table.ts";
import type { Schema, SubSchema } from "../../src/schema/types.ts";
import { HEADER_NAME } from "../../src/header-values.ts";
import { resolved } from "./refs.ts";
import { schemaTypes } from "./schema-types.ts";
import type { SchemaReader, SpecSchema } from "./schemas.ts";

/** A parameter as written in the spec. */
export interface SpecParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: SpecSchema;
  content?: unknown;
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

/** What an operation's parameters give the table, the surface and the examples. */
export interface ReadParameters {
  pathParams: PathParameter[];
  /** The query as one closed object schema; absent when there is no query parameter. */
  query?: Schema;
  /** The style and explode of each query parameter that is an array or an object. */
  queryParams?: QueryParameter[];
  /** Whether a query parameter is required (then `params` is too). */
  queryRequired: boolean;
  header?: Schema;
  headerParams?: HeaderParameter[];
  /** Whether a header parameter is required (then the options and their `header` are too). */
  headerRequired: boolean;
  /** The TypeScript type of each path argument, in path order. */
  pathTypes: string[];
  examples: {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
  };
  /** One line for each header parameter OpenAPI says to ignore. */
  notes: string[];
}

/** Header parameters OpenAPI says are ignored: the client sets them from the operation. */
const IGNORED_HEADERS = new Set(["accept", "content-type", "authorization"]);

/** Headers the client or the transport sets itself, which a parameter may not set. */
const RESERVED_HEADERS = new Set([
  "host",
  "content-length",
  "user-agent",
  "accept-encoding",
  "connection",
  "transfer-encoding",
  "x-togai-client",
  "x-togai-retry-count",
]);

const QUERY_STYLES = new Set(["form", "spaceDelimited", "pipeDelimited", "deepObject"]);
const PRIMITIVES = ["string", "number", "integer", "boolean"];

/** `credit_id` → `creditId`; `account-id` → `accountId`. */
export function camelCase(name: string): string {
  return name.replace(/[_-]+([a-z0-9])/giu, (_, letter: string) => letter.toUpperCase());
}

/** A parameter's first example: `example`, else the first of `examples`, else its schema's. */
function exampleOf(parameter: SpecParameter, document: unknown): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const first = Object.values(parameter.examples ?? {})[0];
  if (first !== undefined) return resolved(document, first, parameter.name).value;
  const schema = parameter.schema && resolved(document, parameter.schema, parameter.name);
  return Array.isArray(schema?.examples) ? schema.examples[0] : undefined;
}

/** The path item's parameters, then the operation's, those of the same name and `in` replaced. */
function merged(
  document: unknown,
  lists: readonly (readonly unknown[] | undefined)[],
  where: string,
): SpecParameter[] {
  const byKey = new Map<string, SpecParameter>();
  for (const list of lists) {
    for (const [index, item] of (list ?? []).entries()) {
      const parameter = resolved<SpecParameter>(
        document,
        item as SpecParameter,
        `${where} parameters[${index}]`,
      );
      if (typeof parameter.name !== "string" || typeof parameter.in !== "string") {
        throw new Error(`${where} parameters[${index}]: needs a name and an in`);
      }
      byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    }
  }
  return [...byKey.values()];
}

/** The kind of value a schema allows: primitives, an array, or an object. */
function kindOf(types: readonly string[], where: string): "primitive" | "array" | "object" {
  const kinds = new Set(
    types
      .filter((type) => type !== "null")
      .map((type) => (PRIMITIVES.includes(type) ? "primitive" : type)),
  );
  if (kinds.size > 1) {
    throw new Error(
      `${where}: a parameter must be one of a primitive, an array or an object (it allows ${[...kinds].join(", ")})`,
    );
  }
  return (
    (kinds.values().next().value as "primitive" | "array" | "object" | undefined) ?? "primitive"
  );
}

/** The TypeScript type of a path argument: `string`, `number`, `boolean` or a union. */
function pathType(types: readonly string[]): string {
  const names = new Set(types.map((type) => (type === "integer" ? "number" : type)));
  return [...names].join(" | ") || "string";
}

/** Reads the parameters of `op` at `path` (the path item's own ones first). */
export function readParameters(
  document: unknown,
  request: SchemaReader,
  {
    path,
    pathItem,
    op,
    id,
  }: { path: string; pathItem: Record<string, unknown>; op: Record<string, unknown>; id: string },
): ReadParameters {
  const parameters = merged(
    document,
    [pathItem.parameters as unknown[], op.parameters as unknown[]],
    id,
  );
  const result: ReadParameters = {
    pathParams: [],
    queryRequired: false,
    headerRequired: false,
    pathTypes: [],
    examples: {},
    notes: [],
  };
  for (const parameter of parameters) {
    const where = `${id} ${parameter.in} parameter ${parameter.name}`;
    if (parameter.in === "cookie") throw new Error(`${where}: cookie parameters are not supported`);
    if (!["path", "query", "header"].includes(parameter.in)) {
      throw new Error(`${where}: "in" must be path, query or header`);
    }
    if (parameter.schema === undefined) {
      throw new Error(
        `${where}: needs a schema (a parameter described by content is not supported)`,
      );
    }
    if (parameter.allowReserved === true) {
      throw new Error(
        `${where}: allowReserved is not supported (the client percent-encodes every value)`,
      );
    }
  }

  const declared = parameters as (SpecParameter & { schema: SpecSchema })[];
  const templated = [...path.matchAll(/\{([^{}]+)\}/gu)].map((match) => match[1] ?? "");
  for (const name of templated) {
    const parameter = declared.find((p) => p.in === "path" && p.name === name);
    const where = `${id} path parameter ${name}`;
    if (parameter?.schema === undefined)
      throw new Error(`${id}: path parameter ${name} has no parameter with a schema`);
    const types = schemaTypes(document, parameter.schema);
    const refused = types.find((type) => !PRIMITIVES.includes(type));
    if (refused !== undefined) {
      throw new Error(
        `${where}: type ${refused} is not supported (only string, integer, number, boolean)`,
      );
    }
    if (parameter.style !== undefined && parameter.style !== "simple") {
      throw new Error(`${where}: style ${parameter.style} is not supported (only simple)`);
    }
    const onlyString = types.length === 0 || (types.length === 1 && types[0] === "string");
    result.pathParams.push({
      name,
      argument: camelCase(name),
      schema: request.strip(parameter.schema, where),
      ...(!onlyString && { types: types as PathParameter["types"] & object }),
    });
    result.pathTypes.push(pathType(types));
    const example = exampleOf(parameter, document);
    if (example !== undefined) (result.examples.path ??= {})[name] = example;
  }
  const stray = parameters.find((p) => p.in === "path" && !templated.includes(p.name));
  if (stray !== undefined)
    throw new Error(`${id}: path parameter ${stray.name} is not in the path ${path}`);

  const queryParams = declared.filter((p) => p.in === "query");
  if (queryParams.length > 0) {
    const properties: Record<string, SubSchema> = {};
    const required: string[] = [];
    result.queryParams = queryParams
      .map((parameter) => {
        const where = `${id} query parameter ${parameter.name}`;
        const style = parameter.style ?? "form";
        if (!QUERY_STYLES.has(style)) {
          throw new Error(
            `${where}: style ${style} is not supported (form, spaceDelimited, pipeDelimited or deepObject)`,
          );
        }
        const kind = kindOf(schemaTypes(document, parameter.schema), where);
        checkQueryShape(document, parameter, kind, style, where);
        properties[parameter.name] = request.strip(parameter.schema, where);
        if (parameter.required === true) required.push(parameter.name);
        const example = exampleOf(parameter, document);
        if (example !== undefined) (result.examples.query ??= {})[parameter.name] = example;
        return kind === "primitive"
          ? []
          : [
              {
                name: parameter.name,
                style: style as QueryParameter["style"],
                explode: parameter.explode ?? style === "form",
              },
            ];
      })
      .flat();
    result.query = { type: "object", properties, ...(required.length > 0 && { required }) };
    result.queryRequired = required.length > 0;
  }

  const headers: typeof declared = [];
  for (const parameter of declared.filter((p) => p.in === "header")) {
    const lower = parameter.name.toLowerCase();
    const where = `${id} header parameter ${parameter.name}`;
    if (IGNORED_HEADERS.has(lower)) {
      result.notes.push(
        `${where}: ignored, as OpenAPI says (the client sets ${parameter.name} itself)`,
      );
      continue;
    }
    if (RESERVED_HEADERS.has(lower))
      throw new Error(`${where}: the client sets ${parameter.name} itself`);
    if (!HEADER_NAME.test(parameter.name)) {
      throw new Error(`${where}: not a valid header name`);
    }
    if (queryParams.some((query) => query.name.toLowerCase() === lower)) {
      throw new Error(`${where}: a query parameter has the same name`);
    }
    if (headers.some((header) => header.name.toLowerCase() === lower)) {
      throw new Error(
        `${where}: another header parameter has the same name (names compare case-insensitively)`,
      );
    }
    if (parameter.style !== undefined && parameter.style !== "simple") {
      throw new Error(`${where}: style ${parameter.style} is not supported (only simple)`);
    }
    const kind = kindOf(schemaTypes(document, parameter.schema), where);
    if (kind === "array") checkPrimitiveItems(document, parameter.schema, where);
    headers.push(parameter);
  }
  if (headers.length > 0) {
    const properties: Record<string, SubSchema> = {};
    const required: string[] = [];
    result.headerParams = headers.map((parameter) => {
      const where = `${id} header parameter ${parameter.name}`;
      properties[parameter.name] = request.strip(parameter.schema, where);
      if (parameter.required === true) required.push(parameter.name);
      const example = exampleOf(parameter, document);
      if (example !== undefined) (result.examples.header ??= {})[parameter.name] = example;
      return { name: parameter.name, explode: parameter.explode ?? false };
    });
    result.header = { type: "object", properties, ...(required.length > 0 && { required }) };
    result.headerRequired = required.length > 0;
  }
  return result;
}

/** Fails unless an array's items are primitives (a URL or a header holds no nesting). */
function checkPrimitiveItems(document: unknown, schema: SpecSchema, where: string): void {
  const items = resolved<SpecSchema>(document, schema, where).items;
  if (items === undefined) return;
  const nested = schemaTypes(document, items).find(
    (type) => !PRIMITIVES.includes(type) && type !== "null",
  );
  if (nested !== undefined)
    throw new Error(`${where}: items of type ${nested} are not supported (only primitives)`);
}

/** Fails unless the style can write the parameter's kind of value, as OpenAPI defines them. */
function checkQueryShape(
  document: unknown,
  parameter: SpecParameter & { schema: SpecSchema },
  kind: "primitive" | "array" | "object",
  style: string,
  where: string,
): void {
  if (style === "deepObject" && kind !== "object")
    throw new Error(`${where}: deepObject is for objects only`);
  if ((style === "spaceDelimited" || style === "pipeDelimited") && kind === "primitive") {
    throw new Error(`${where}: ${style} is for arrays and objects only`);
  }
  if (kind === "array") checkPrimitiveItems(document, parameter.schema, where);
  if (kind === "object") {
    const schema = resolved<SpecSchema>(document, parameter.schema, where);
    const members = [
      ...Object.values(schema.properties ?? {}),
      ...(typeof schema.additionalProperties === "object"
        ? [schema.additionalProperties as SpecSchema]
        : []),
    ];
    for (const member of members) {
      const nested = schemaTypes(document, member).find(
        (type) => !PRIMITIVES.includes(type) && type !== "null",
      );
      if (nested !== undefined) {
        throw new Error(
          `${where}: a member of type ${nested} is not supported (a nested ${style} object cannot be written)`,
        );
      }
    }
  }
}

/**
 * Validation of what a request sends (path parameters, query, header parameters, JSON body)
 * against the generated operation table (generated/operations.ts): the operation's
 * `pathParams`, `query` (read by each parameter's style and explode), `header` and `body`
 * schemas, checked with the client's own `findViolation` over `REQUEST_VALIDATORS`. Objects are
 * closed, so a query parameter or a body property the spec does not define is refused. A
 * failure is a status (400, or 415 for a body not declared as JSON) and a message of the form
 * `<field>: <problem>`, ready for an `ErrorResponse`.
 */
import { OPERATIONS, REQUEST_SCHEMAS, REQUEST_VALIDATORS } from "../../generated/operations.js";
import type { OperationEntry, QueryParameter } from "../operation-table.js";
import type { Schema, SchemaType, SubSchema, Violation } from "../schema/types.js";
import { findViolation } from "../schema/walk.js";
import type { OperationId } from "./types.js";

/** A validated value, or the status and message saying why it is invalid. */
export type Checked<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

/** A request as received, before validation. */
export interface RawRequest {
  /** The raw query, without the `?` (not decoded). */
  query: string;
  /** The path parameters, decoded, by wire name. */
  params: Record<string, string>;
  /** The request's headers, names lower-cased (for the header parameters). */
  headers?: Readonly<Record<string, string | string[] | undefined>>;
  /** The `Content-Type` header, if any. */
  contentType: string | undefined;
  /** The body as text (`""` when none). */
  body: string;
}

/** A request that passed validation. */
export interface ValidRequest {
  /** The path parameters by wire name, typed as their schemas say. */
  params: Record<string, unknown>;
  /** The query parameters by wire name, typed as their schemas say, absent ones at the spec's default. */
  query: Record<string, unknown>;
  /** The header parameters by their declared name, typed as their schemas say. */
  header: Record<string, unknown>;
  /** The JSON body, or `undefined` when the operation takes none or none was sent. */
  body: unknown;
}

const ENTRIES = new Map(OPERATIONS.map((entry) => [entry.operationId, entry]));

/** The operation table's entry of an operation. */
export function operationEntry(operationId: OperationId): OperationEntry {
  const entry = ENTRIES.get(operationId);
  if (entry === undefined) throw new Error(`no operation ${operationId} in the operation table`);
  return entry;
}

/** A schema with its `$ref` followed (into `REQUEST_SCHEMAS`) and its `allOf` branches: all of them. */
function parts(schema: SubSchema): Schema[] {
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

/** The `default` of each property of the query schema that has one, `$ref`s followed. */
function defaultsOf(query: Schema): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const name of Object.keys(query.properties ?? {})) {
    const schema = propertySchema(query, name);
    const value =
      schema === undefined
        ? undefined
        : parts(schema).find((part) => part.default !== undefined)?.default;
    if (value !== undefined) defaults[name] = value;
  }
  return defaults;
}

function typesOf(schema: SubSchema): SchemaType[] {
  return parts(schema).flatMap((part) =>
    part.type === undefined ? [] : typeof part.type === "string" ? [part.type] : [...part.type],
  );
}

/** The schema of a property of an object schema, `$ref` and `allOf` followed. */
function propertySchema(schema: SubSchema, name: string): SubSchema | undefined {
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
function coerce(schema: SubSchema | undefined, raw: string): unknown {
  if (schema === undefined) return raw;
  const types = typesOf(schema);
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(raw)) {
    return Number(raw);
  }
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

/** `<field>: <problem>`; the empty path is `empty`: the body itself, or a nameless query parameter (`""`). */
function describe(violation: Violation, empty: string): string {
  return `${violation.path === "" ? empty : violation.path}: ${violation.rule}`;
}

function invalid(message: string, status = 400): { ok: false; status: number; message: string } {
  return { ok: false, status, message };
}

function checkPath(
  entry: OperationEntry,
  raw: Record<string, string>,
): Checked<ValidRequest["params"]> {
  const params: Record<string, unknown> = {};
  for (const parameter of entry.pathParams) {
    const text = raw[parameter.name];
    if (text === undefined) return invalid(`${parameter.name}: is required`);
    const value = coerce(parameter.schema, text);
    const violation = findViolation(REQUEST_VALIDATORS, parameter.schema, value, parameter.name);
    if (violation !== undefined) return invalid(describe(violation, parameter.name));
    params[parameter.name] = value;
  }
  return { ok: true, value: params };
}

/** The kind of value a parameter's schema allows: an array, an object, or a primitive. */
function kindOf(schema: SubSchema | undefined): "array" | "object" | "primitive" {
  const types = schema === undefined ? [] : typesOf(schema);
  return types.includes("array") ? "array" : types.includes("object") ? "object" : "primitive";
}

/** The schema of an array's items, `$ref` and `allOf` followed. */
function itemsOf(schema: SubSchema | undefined): SubSchema | undefined {
  return schema && parts(schema).find((part) => part.items !== undefined)?.items;
}

/** `[k1, v1, k2, v2]` as `{ k1: v1, k2: v2 }`, each value read with the object's member schema. */
function pairsToObject(
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
 * The query: each declared parameter read by its style and explode (a primitive's is moot) (`statuses=A&statuses=B`,
 * `tags=a,b`, `filter[status]=ACTIVE`), coerced as its schema says, checked against the
 * operation's query schema (closed: an unknown parameter is refused); then the spec's defaults
 * of the absent ones.
 */
function checkQuery(entry: OperationEntry, raw: string): Checked<ValidRequest["query"]> {
  const schema: Schema = entry.query ?? { type: "object", properties: {} };
  const pairs = [...new URLSearchParams(raw)];
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
  for (const [name, text] of pairs) {
    if (!read.has(name) && !Object.hasOwn(query, name)) query[name] = text;
  }
  const violation = findViolation(REQUEST_VALIDATORS, schema, query, "");
  if (violation !== undefined) return invalid(describe(violation, '""'));
  return { ok: true, value: { ...defaultsOf(schema), ...query } };
}

/**
 * The header parameters: each declared one read from the request's headers (names compare
 * case-insensitively) with `style: simple`, coerced as its schema says, checked against the
 * operation's header schema.
 */
function checkHeader(entry: OperationEntry, request: RawRequest): Checked<ValidRequest["header"]> {
  const schema = entry.header;
  if (schema === undefined) return { ok: true, value: {} };
  const header: Record<string, unknown> = {};
  for (const { name, explode } of entry.headerParams ?? []) {
    const raw = request.headers?.[name.toLowerCase()];
    if (raw === undefined) continue;
    const text = [raw].flat().join(",");
    const parameterSchema = propertySchema(schema, name);
    const kind = kindOf(parameterSchema);
    header[name] =
      kind === "array"
        ? text.split(",").map((item) => coerce(itemsOf(parameterSchema), item))
        : kind === "object"
          ? pairsToObject(
              parameterSchema,
              explode ? text.split(",").flatMap((pair) => pair.split("=")) : text.split(","),
            )
          : coerce(parameterSchema, text);
  }
  const violation = findViolation(REQUEST_VALIDATORS, schema, header, "header");
  return violation === undefined
    ? { ok: true, value: header }
    : invalid(describe(violation, "header"));
}

/** Whether a request's `Content-Type` is the media type its operation's body declares. */
function isDeclaredType(entry: OperationEntry, contentType: string | undefined): boolean {
  const essence = (type: string | undefined) => type?.split(";")[0]?.trim().toLowerCase();
  return essence(contentType) === essence(entry.body?.contentType ?? "application/json");
}

/** The message for a body the operation needs and the request lacks. */
export function missingBodyMessage(operationId: OperationId): string {
  return bodyRequired(operationEntry(operationId));
}

function bodyRequired(entry: OperationEntry): string {
  const schema = entry.body?.schema;
  const name = typeof schema === "object" ? schema.$ref : undefined;
  return `body: is required${name === undefined ? "" : ` (${name})`}`;
}

/**
 * The body: ignored when the operation takes none; otherwise JSON (415 when a body is not sent
 * with the media type the operation declares) valid against the body's schema, closed. An empty body is
 * `undefined`, or refused when the spec requires one.
 */
function checkBody(entry: OperationEntry, request: RawRequest): Checked<unknown> {
  if (entry.body === undefined) return { ok: true, value: undefined };
  if (request.body !== "" && !isDeclaredType(entry, request.contentType)) {
    return invalid(`Content-Type: must be ${entry.body.contentType ?? "application/json"}`, 415);
  }
  if (request.body.trim() === "") {
    return entry.body.required ? invalid(bodyRequired(entry)) : { ok: true, value: undefined };
  }
  let value: unknown;
  try {
    value = JSON.parse(request.body);
  } catch (error) {
    return invalid(`body: is not valid JSON (${(error as Error).message})`);
  }
  const violation = findViolation(REQUEST_VALIDATORS, entry.body.schema, value, "");
  return violation === undefined ? { ok: true, value } : invalid(describe(violation, "body"));
}

/**
 * Validates a request to an operation against the operation table: path parameters, then the
 * query, then the body. Returns the values typed as their schemas say.
 */
export function checkRequest(operationId: OperationId, request: RawRequest): Checked<ValidRequest> {
  return checkRequestTo(operationEntry(operationId), request);
}

/** {@link checkRequest} against an entry of an operation table (the generated one, or a test's). */
export function checkRequestTo(entry: OperationEntry, request: RawRequest): Checked<ValidRequest> {
  const params = checkPath(entry, request.params);
  if (!params.ok) return params;
  const query = checkQuery(entry, request.query);
  if (!query.ok) return query;
  const header = checkHeader(entry, request);
  if (!header.ok) return header;
  const body = checkBody(entry, request);
  if (!body.ok) return body;
  const value = {
    params: params.value,
    query: query.value,
    header: header.value,
    body: body.value,
  };
  return { ok: true, value };
}

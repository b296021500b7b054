/**
 * Validation of what a request sends (path parameters, query, header parameters, JSON body)
 * against the generated operation table (generated/operations.ts): the operation's
 * `pathParams`, `query` (read by each parameter's style and explode), `header` and `body`
 * schemas, checked with the client's own `findViolation` over `REQUEST_VALIDATORS`. Objects are
 * closed, so a query parameter or a body property the spec does not define is refused. A
 * failure is a status (400, or 415 for a body not declared as JSON) and a message of the form
 * `<field>: <problem>`, ready for an `ErrorResponse`.
 */
import { READERS } from "../../generated/mock-readers.js";
import { OPERATIONS, REQUEST_VALIDATORS } from "../../generated/operations.js";
import type { OperationEntry } from "../operation-table.js";
import type { Schema, Violation } from "../schema/types.js";
import { findViolation } from "../schema/walk.js";
import type { ParameterReaders, ReadQuery } from "./parameter-readers.js";
import { coerce, parts, propertySchema } from "../schema-reading.js";
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

/** Each parameter of the query schema read as a primitive: its first value, coerced as its schema says. */
function readPrimitiveQuery(
  _entry: OperationEntry,
  schema: Schema,
  pairs: readonly (readonly [string, string])[],
): ReadQuery {
  const query: Record<string, unknown> = {};
  const read = new Set<string>();
  for (const name of Object.keys(schema.properties ?? {})) {
    const text = pairs.find(([key]) => key === name)?.[1];
    if (text !== undefined) query[name] = coerce(propertySchema(schema, name), text);
    read.add(name);
  }
  return { query, read };
}

/**
 * The query: each declared parameter read by its style and explode (`readers.query`; a
 * primitive's is moot), coerced as its schema says, checked against the operation's query
 * schema (closed: an unknown parameter is refused); then the spec's defaults of the absent ones.
 */
function checkQuery(
  entry: OperationEntry,
  raw: string,
  readers: ParameterReaders,
): Checked<ValidRequest["query"]> {
  const schema: Schema = entry.query ?? { type: "object", properties: {} };
  const pairs = [...new URLSearchParams(raw)];
  const { query, read } = (readers.query ?? readPrimitiveQuery)(entry, schema, pairs);
  for (const [name, text] of pairs) {
    if (!read.has(name) && !Object.hasOwn(query, name)) query[name] = text;
  }
  const violation = findViolation(REQUEST_VALIDATORS, schema, query, "");
  if (violation !== undefined) return invalid(describe(violation, '""'));
  return { ok: true, value: { ...defaultsOf(schema), ...query } };
}

/**
 * The header parameters: each declared one read from the request's headers (`readers.header`),
 * checked against the operation's header schema.
 */
function checkHeader(
  entry: OperationEntry,
  request: RawRequest,
  readers: ParameterReaders,
): Checked<ValidRequest["header"]> {
  const schema = entry.header;
  if (schema === undefined) return { ok: true, value: {} };
  const header = readers.header?.(entry, schema, request.headers) ?? {};
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

/**
 * {@link checkRequest} against an entry of an operation table (the generated one, or a test's),
 * with the readers of its styled query and header parameters (the generated ones by default).
 */
export function checkRequestTo(
  entry: OperationEntry,
  request: RawRequest,
  readers: ParameterReaders = READERS,
): Checked<ValidRequest> {
  const params = checkPath(entry, request.params);
  if (!params.ok) return params;
  const query = checkQuery(entry, request.query, readers);
  if (!query.ok) return query;
  const header = checkHeader(entry, request, readers);
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

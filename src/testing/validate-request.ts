/**
 * Validation of what a request sends (path parameters, query, JSON body) against the generated
 * operation table (generated/operations.ts): the operation's `pathParams`, `query` and `body`
 * schemas, checked with the client's own `findViolation` over `REQUEST_VALIDATORS`. Objects are
 * closed, so a query parameter or a body property the spec does not define is refused. A
 * failure is a status (400, or 415 for a body not declared as JSON) and a message of the form
 * `<field>: <problem>`, ready for an `ErrorResponse`.
 */
import { OPERATIONS, REQUEST_SCHEMAS, REQUEST_VALIDATORS } from "../../generated/operations.js";
import type { OperationEntry } from "../operation-table.js";
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
function propertySchema(schema: Schema, name: string): SubSchema | undefined {
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

/**
 * The query: each parameter's first value, coerced as its schema says, checked against the
 * operation's query schema (closed: an unknown parameter is refused); then the spec's defaults
 * of the absent ones.
 */
function checkQuery(entry: OperationEntry, raw: string): Checked<ValidRequest["query"]> {
  const schema: Schema = entry.query ?? { type: "object", properties: {} };
  const query: Record<string, unknown> = {};
  for (const [name, text] of new URLSearchParams(raw)) {
    if (!Object.hasOwn(query, name)) query[name] = coerce(propertySchema(schema, name), text);
  }
  const violation = findViolation(REQUEST_VALIDATORS, schema, query, "");
  if (violation !== undefined) return invalid(describe(violation, '""'));
  return { ok: true, value: { ...defaultsOf(schema), ...query } };
}

function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  return mediaType === "application/json";
}

/** The message for a body the operation needs and the request lacks. */
export function missingBodyMessage(operationId: OperationId): string {
  const schema = operationEntry(operationId).body?.schema;
  const name = typeof schema === "object" ? schema.$ref : undefined;
  return `body: is required${name === undefined ? "" : ` (${name})`}`;
}

/**
 * The body: ignored when the operation takes none; otherwise JSON (415 when a body is not
 * declared as `application/json`) valid against the body's schema, closed. An empty body is
 * `undefined`, or refused when the spec requires one.
 */
function checkBody(entry: OperationEntry, request: RawRequest): Checked<unknown> {
  if (entry.body === undefined) return { ok: true, value: undefined };
  if (request.body !== "" && !isJson(request.contentType)) {
    return invalid("Content-Type: must be application/json", 415);
  }
  if (request.body.trim() === "") {
    return entry.body.required
      ? invalid(missingBodyMessage(entry.operationId as OperationId))
      : { ok: true, value: undefined };
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
  const entry = operationEntry(operationId);
  const params = checkPath(entry, request.params);
  if (!params.ok) return params;
  const query = checkQuery(entry, request.query);
  if (!query.ok) return query;
  const body = checkBody(entry, request);
  if (!body.ok) return body;
  return { ok: true, value: { params: params.value, query: query.value, body: body.value } };
}

/**
 * Validation of what a request sends (the `createCredit` body, query and path parameters)
 * against the spec's own schemas, compiled once with ajv. A failure is a message that names
 * the offending field, ready for an `ErrorResponse`.
 */
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import type { CreateCreditRequest } from "../../generated/credits.ts";
import {
  absoluteRefs,
  closedSchema,
  createSpecAjv,
  operationParameters,
  type SpecParameter,
} from "./spec.ts";
import type { OperationId } from "./types.ts";

/** A validated value, or the message saying why it is invalid. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const ajv = createSpecAjv();
const validateCreateCreditRequest = ajv.compile<CreateCreditRequest>(
  closedSchema("CreateCreditRequest"),
);

interface CompiledParameter {
  parameter: SpecParameter;
  validate: ValidateFunction;
}

const parameterValidators = new Map<string, CompiledParameter[]>();

function compiledParameters(operationId: OperationId): CompiledParameter[] {
  let compiled = parameterValidators.get(operationId);
  if (compiled === undefined) {
    compiled = operationParameters(operationId).map((parameter) => ({
      parameter,
      validate: ajv.compile(absoluteRefs(parameter.schema)),
    }));
    parameterValidators.set(operationId, compiled);
  }
  return compiled;
}

/** `/creditRequests/0/effectiveFrom` → `creditRequests[0].effectiveFrom`; `""` → `body`. */
function fieldName(instancePath: string): string {
  const name = instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`), "");
  return name === "" ? "body" : name.replace(/^\./, "");
}

function problem(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "enum" && Array.isArray(params.allowedValues)) {
    return `must be one of ${params.allowedValues.map(String).join(", ")}`;
  }
  return error.message ?? error.keyword;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const field = fieldName(error.instancePath);
  switch (error.keyword) {
    case "required":
      return `${field === "body" ? "" : `${field}.`}${String(params.missingProperty)}: is required`;
    case "additionalProperties":
      return `${field}: unknown property "${String(params.additionalProperty)}"`;
    case "unevaluatedProperties":
      return `${field}: unknown property "${String(params.unevaluatedProperty)}"`;
    default:
      return `${field}: ${problem(error)}`;
  }
}

function describeAll(errors: ErrorObject[] | null | undefined): string {
  return [...new Set((errors ?? []).map(describe))].join("; ");
}

/** Validates a `createCredit` body (text) against `CreateCreditRequest`, credit requests closed. */
export function checkCreateCreditBody(text: string): Checked<CreateCreditRequest> {
  if (text.trim() === "") return { ok: false, message: "body: is required (CreateCreditRequest)" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `body: is not valid JSON (${(error as Error).message})` };
  }
  if (validateCreateCreditRequest(value)) return { ok: true, value };
  return { ok: false, message: describeAll(validateCreateCreditRequest.errors) };
}

function coerce(parameter: SpecParameter, raw: string): unknown {
  const type = parameter.schema.type;
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}

/**
 * Validates the query and path parameters of an operation against the spec: `query` (decoded)
 * and `path` (decoded path parameters). Absent optional parameters take the spec's `default`.
 * Returns the values by wire name.
 */
export function checkParameters(
  operationId: OperationId,
  query: URLSearchParams,
  path: Record<string, string>,
): Checked<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  for (const { parameter, validate } of compiledParameters(operationId)) {
    const raw = parameter.in === "path" ? path[parameter.name] : query.get(parameter.name);
    if (raw === undefined || raw === null) {
      if (parameter.required === true) {
        return { ok: false, message: `${parameter.name}: is required` };
      }
      if (parameter.schema.default !== undefined) values[parameter.name] = parameter.schema.default;
      continue;
    }
    const value = coerce(parameter, raw);
    if (!validate(value)) {
      const problems = [...new Set((validate.errors ?? []).map(problem))];
      return { ok: false, message: `${parameter.name}: ${problems.join("; ")}` };
    }
    values[parameter.name] = value;
  }
  return { ok: true, value: values };
}

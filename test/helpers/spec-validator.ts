/**
 * Validates response bodies against the spec's own schemas (openapi/credits.yaml, read with
 * `yaml`, compiled by ajv's 2020-12 validator with ajv-formats), never a hand-written copy.
 *
 * Validation is closed: `Credit` and `CreditRequest` are left open in the spec because other
 * schemas extend them with `allOf`, but a value sent whole (a credit, the credits of a page)
 * must carry no property the spec does not define.
 *
 * @example
 * validateAgainstSchema("CreditDetailsResponse", await response.json());
 * validateResponse("listCredits", 200, page);
 */
import type { ErrorObject, SchemaObject, ValidateFunction } from "ajv/dist/2020.js";
import { closedSchema, createSpecAjv, declaredBody, responseSchemaName } from "./spec.ts";
import { answerJson, answerLabel } from "../../src/testing/answer-check.ts";
import type { SentResponse } from "../../src/testing/types.ts";

export { responseSchemaName };

/** A value that does not match a schema of the spec; `errors` are ajv's. */
export class SpecValidationError extends Error {
  override name = "SpecValidationError";

  constructor(
    readonly schemaName: string,
    readonly errors: ErrorObject[],
  ) {
    const details = errors.map((error) => {
      const extra = JSON.stringify(error.params);
      return `${error.instancePath || "/"} ${error.message ?? error.keyword} ${extra}`;
    });
    super(`not a valid ${schemaName}:\n  ${details.join("\n  ")}`);
  }
}

const ajv = createSpecAjv();
const validators = new Map<string, ValidateFunction>();

function validatorFor(name: string): ValidateFunction {
  let validate = validators.get(name);
  if (validate === undefined) {
    validate = ajv.compile(closedSchema(name));
    validators.set(name, validate);
  }
  return validate;
}

/** Throws a {@link SpecValidationError} unless `value` is a valid `name` (closed). */
export function validateAgainstSchema(name: string, value: unknown): void {
  const validate = validatorFor(name);
  if (!validate(value)) throw new SpecValidationError(name, validate.errors ?? []);
}

/**
 * Throws unless `body` is what the spec promises for `status` of `operationId` (an
 * `undefined` operationId, a route the spec lacks, promises an `ErrorResponse`).
 */
export function validateResponse(
  operationId: string | undefined,
  status: number,
  body: unknown,
): void {
  validateAgainstSchema(responseSchemaName(operationId, status), body);
}

const inlineValidators = new Map<string, ValidateFunction>();

/** Validates `value` against a schema of the spec given by reference or closed. */
function validateDeclared(schema: SchemaObject, label: string, value: unknown): void {
  const key = JSON.stringify(schema);
  let validate = inlineValidators.get(key);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    inlineValidators.set(key, validate);
  }
  if (!validate(value)) throw new SpecValidationError(label, validate.errors ?? []);
}

/**
 * Checks an answer of the mock against what the spec declares for its operation and status: a
 * JSON `Content-Type` and a valid body, the declared media type, or no body. Returns what is
 * wrong, or `undefined`. The mock never passes it an answer a fault makes off-spec on purpose;
 * for a fault that cuts an answer, it passes the whole answer.
 */
export function checkSentResponse(sent: SentResponse): string | undefined {
  const promised = declaredBody(sent.operationId, sent.status);
  const contentType = sent.headers["content-type"];
  if (promised.kind === "none") {
    return sent.body === "" ? undefined : `${answerLabel(sent)}: the spec declares no body`;
  }
  if (promised.kind === "other") {
    return contentType === promised.mediaType
      ? undefined
      : `${answerLabel(sent)}: Content-Type is ${String(contentType)}, not ${promised.mediaType}`;
  }
  const json = answerJson(sent);
  if ("problem" in json) return json.problem;
  try {
    const label = promised.name ?? `${String(sent.operationId)} ${String(sent.status)}`;
    validateDeclared(promised.schema, label, json.body);
    return undefined;
  } catch (error) {
    return `${answerLabel(sent)}: ${(error as Error).message}`;
  }
}

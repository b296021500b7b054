import { creditStatusValues } from "../generated/credits.js";
import type { CreateCreditRequest, operations } from "../generated/credits.js";
import { TogaiValidationError } from "./errors.js";
import type { PaginationOptions } from "./options.js";

/** The query parameters of `listCredits`, as the spec names them. */
export type ListCreditsParams = NonNullable<operations["listCredits"]["parameters"]["query"]>;

const LIST_PARAMS = new Set(["nextToken", "status", "account_id", "id", "pageSize"]);
const MAX_PAGE_SIZE = 50;

/** A short description of a value for an error message. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 60));
  if (value === null || typeof value !== "object") return String(value);
  return Array.isArray(value) ? "an array" : "an object";
}

/**
 * Checks an id that goes into the path. It must be a non-empty, well-formed string, and not
 * `.` or `..`, which URL parsers resolve as path navigation whatever their encoding.
 */
export function checkPathId(argument: string, value: unknown): string {
  if (typeof value !== "string" || value === "") {
    throw new TogaiValidationError(
      argument,
      `must be a non-empty string; got ${describeValue(value)}`,
    );
  }
  if (value === "." || value === "..") {
    throw new TogaiValidationError(argument, `must not be "." or ".."`);
  }
  try {
    encodeURIComponent(value);
  } catch {
    throw new TogaiValidationError(
      argument,
      "must be well-formed Unicode (it has a lone surrogate)",
    );
  }
  return value;
}

function checkOptionalString(argument: string, value: unknown): void {
  if (value !== undefined && typeof value !== "string") {
    throw new TogaiValidationError(argument, `must be a string; got ${describeValue(value)}`);
  }
}

/** Checks the query parameters of `credits.list`, `listAll` and `pages`. */
export function checkListParams(params: unknown): ListCreditsParams {
  if (params === undefined) return {};
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    throw new TogaiValidationError("params", `must be an object; got ${describeValue(params)}`);
  }
  for (const key of Object.keys(params)) {
    if (!LIST_PARAMS.has(key)) {
      throw new TogaiValidationError(
        `params.${key}`,
        `is not a listCredits parameter (expected one of ${[...LIST_PARAMS].join(", ")})`,
      );
    }
  }
  const { nextToken, status, account_id, id, pageSize } = params as Record<string, unknown>;
  checkOptionalString("params.nextToken", nextToken);
  checkOptionalString("params.account_id", account_id);
  checkOptionalString("params.id", id);
  if (status !== undefined && !(creditStatusValues as readonly unknown[]).includes(status)) {
    throw new TogaiValidationError(
      "params.status",
      `must be one of ${creditStatusValues.join(", ")}; got ${describeValue(status)}`,
    );
  }
  if (
    pageSize !== undefined &&
    !(
      Number.isInteger(pageSize) &&
      (pageSize as number) >= 1 &&
      (pageSize as number) <= MAX_PAGE_SIZE
    )
  ) {
    throw new TogaiValidationError(
      "params.pageSize",
      `must be an integer from 1 to ${String(MAX_PAGE_SIZE)}; got ${describeValue(pageSize)}`,
    );
  }
  return params;
}

/** Checks the body of `credits.create`: an object whose `creditRequests` is a non-empty array of objects. */
export function checkCreateRequest(body: unknown): CreateCreditRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new TogaiValidationError("body", `must be an object; got ${describeValue(body)}`);
  }
  const { creditRequests } = body as Record<string, unknown>;
  if (!Array.isArray(creditRequests) || creditRequests.length === 0) {
    throw new TogaiValidationError(
      "body.creditRequests",
      `must be a non-empty array; got ${describeValue(creditRequests)}`,
    );
  }
  creditRequests.forEach((request: unknown, index) => {
    if (typeof request !== "object" || request === null || Array.isArray(request)) {
      throw new TogaiValidationError(
        `body.creditRequests[${String(index)}]`,
        `must be an object; got ${describeValue(request)}`,
      );
    }
  });
  return body as CreateCreditRequest;
}

/** Checks the per-call options every method takes. */
export function checkRequestOptions(options: unknown): PaginationOptions {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null) {
    throw new TogaiValidationError("options", `must be an object; got ${describeValue(options)}`);
  }
  const { timeoutMs, maxRetries, signal } = options as Record<string, unknown>;
  const timeoutIssue = timeoutMs === undefined ? undefined : timeoutProblem(timeoutMs);
  if (timeoutIssue) throw new TogaiValidationError("options.timeoutMs", timeoutIssue);
  const retriesIssue = maxRetries === undefined ? undefined : retriesProblem(maxRetries);
  if (retriesIssue) throw new TogaiValidationError("options.maxRetries", retriesIssue);
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TogaiValidationError("options.signal", "must be an AbortSignal");
  }
  return options;
}

/** Why a value is not a valid timeout (a positive finite number of ms), or undefined when it is. */
export function timeoutProblem(value: unknown): string | undefined {
  if (typeof value === "number" && value > 0 && Number.isFinite(value)) return undefined;
  return `must be a positive number of ms; got ${describeValue(value)}`;
}

/** Why a value is not a valid retry count (a whole number from 0), or undefined when it is. */
export function retriesProblem(value: unknown): string | undefined {
  if (Number.isInteger(value) && (value as number) >= 0) return undefined;
  return `must be a whole number from 0; got ${describeValue(value)}`;
}

import { creditStatusValues } from "../generated/credits.js";
import type { CreateCreditRequest, operations } from "../generated/credits.js";
import { TogaiValidationError } from "./errors.js";
import type { PaginationOptions } from "./options.js";

/** The query parameters of `listCredits`, as the spec names them. */
export type ListCreditsParams = NonNullable<operations["listCredits"]["parameters"]["query"]>;

const STRING_PARAMS = ["nextToken", "account_id", "id"];

function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 60));
  if (Array.isArray(value)) return "an array";
  return value !== null && typeof value === "object" ? "an object" : String(value);
}

function invalid(argument: string, rule: string, value: unknown): never {
  throw new TogaiValidationError(argument, `${rule}; got ${describeValue(value)}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Why a number option is invalid, or undefined when it is valid: finite, above 0 (or from 0
 * when `zero`), whole when `whole`.
 */
export function numberRule(value: unknown, zero: boolean, whole = false): string | undefined {
  if (
    typeof value === "number" &&
    Number.isFinite(value) &&
    (zero ? value >= 0 : value > 0) &&
    (!whole || Number.isInteger(value))
  ) {
    return undefined;
  }
  return `must be a ${whole ? "whole " : ""}number ${zero ? "from 0" : "above 0"}`;
}

/**
 * Checks an id that goes into the path: a non-empty, well-formed string, and not `.` or `..`,
 * which URL parsers resolve as path navigation whatever their encoding.
 */
export function checkPathId(argument: string, value: unknown): string {
  let wellFormed = false;
  try {
    wellFormed =
      typeof value === "string" && value !== "." && value !== ".." && !!encodeURIComponent(value);
  } catch {
    // a lone surrogate
  }
  return wellFormed
    ? (value as string)
    : invalid(argument, 'must be a non-empty, well-formed string other than "." and ".."', value);
}

/** Checks the query parameters of `credits.list`, `listAll` and `pages`. */
export function checkListParams(params: unknown = {}): ListCreditsParams {
  if (!isObject(params)) invalid("params", "must be an object", params);
  for (const [key, value] of Object.entries(params)) {
    const argument = `params.${key}`;
    if (value === undefined) continue;
    if (key === "pageSize") {
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 50) {
        invalid(argument, "must be an integer from 1 to 50", value);
      }
    } else if (key === "status") {
      if (!(creditStatusValues as readonly unknown[]).includes(value)) {
        invalid(argument, `must be one of ${creditStatusValues.join(", ")}`, value);
      }
    } else if (!STRING_PARAMS.includes(key)) {
      invalid(argument, "is not a listCredits parameter", value);
    } else if (typeof value !== "string") {
      invalid(argument, "must be a string", value);
    }
  }
  return params;
}

/** Checks the body of `credits.create`: an object whose `creditRequests` is a non-empty array of objects. */
export function checkCreateRequest(body: unknown): CreateCreditRequest {
  if (!isObject(body)) invalid("body", "must be an object", body);
  const { creditRequests } = body;
  if (!Array.isArray(creditRequests) || creditRequests.length === 0) {
    invalid("body.creditRequests", "must be a non-empty array", creditRequests);
  }
  creditRequests.forEach((request: unknown, index) => {
    if (!isObject(request)) invalid(`body.creditRequests[${index}]`, "must be an object", request);
  });
  return body as CreateCreditRequest;
}

/** Checks the per-call options every method takes. */
export function checkRequestOptions(options: unknown = {}): PaginationOptions {
  if (!isObject(options)) invalid("options", "must be an object", options);
  const { timeoutMs, maxRetries, signal } = options;
  const timeoutRule = timeoutMs === undefined ? undefined : numberRule(timeoutMs, false);
  if (timeoutRule) invalid("options.timeoutMs", timeoutRule, timeoutMs);
  const retriesRule = maxRetries === undefined ? undefined : numberRule(maxRetries, true, true);
  if (retriesRule) invalid("options.maxRetries", retriesRule, maxRetries);
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    invalid("options.signal", "must be an AbortSignal", signal);
  }
  return options;
}

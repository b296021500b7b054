import { TogaiValidationError } from "./errors.js";
import type { PaginationOptions } from "./options.js";
import { checkHeaders } from "./header-values.js";
import { findViolation } from "./schema/walk.js";
import type { SubSchema, Validators } from "./schema/types.js";

function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 60));
  if (Array.isArray(value)) return "an array";
  return value !== null && typeof value === "object" ? "an object" : String(value);
}

/** Throws a {@link TogaiValidationError}: `<argument>: <rule>; got <a short form of the value>`. */
export function invalid(argument: string, rule: string, value: unknown): never {
  throw new TogaiValidationError(argument, `${rule}; got ${describeValue(value)}`);
}

/** Whether a value is a plain object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
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

/**
 * Checks an argument against its schema in `table`: throws a {@link TogaiValidationError}
 * naming the argument's path (`body.creditRequests[0].effectiveFrom`), the rule broken and a
 * short form of the value.
 */
export function checkArgument(
  table: Validators,
  schema: SubSchema,
  value: unknown,
  path: string,
): void {
  const violation = findViolation(table, schema, value, path);
  if (violation === undefined) return;
  if (violation.value === undefined) throw new TogaiValidationError(violation.path, violation.rule);
  invalid(violation.path, violation.rule, violation.value);
}

/**
 * `JSON.stringify` for a request body sent without validation: still refuses `NaN` and
 * `±Infinity`, which it would otherwise send as `null`, a value the caller never wrote, and
 * what JSON cannot hold at all (a `BigInt`, a cycle), as a {@link TogaiValidationError}.
 */
export function stringifyFinite(body: unknown): string {
  try {
    return JSON.stringify(body, (key, value: unknown) => {
      if (typeof value === "number" && !Number.isFinite(value)) {
        invalid("body", `must not hold NaN or Infinity (found in ${key || "the body"})`, value);
      }
      return value;
    });
  } catch (error) {
    if (error instanceof TogaiValidationError) throw error;
    throw new TogaiValidationError("body", `cannot be sent as JSON (${String(error)})`);
  }
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
  const { headers } = options;
  if (headers === undefined) return options;
  if (!isObject(headers)) invalid("options.headers", "must be an object", headers);
  return { ...options, headers: checkHeaders(headers, "options.headers") };
}

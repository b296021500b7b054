/**
 * The injected faults waiting for their requests: each applies to the next `times` requests
 * that match it, in the order injected. A fault is checked when it is injected, so a typo
 * fails the test that made it, not some later request.
 */
import type { Target } from "./routes.js";
import type { Fault, FaultKind, FaultMatch } from "./types.js";

/** The type of a fault's field; `json` is any value (a body). */
type Field = "status" | "redirectStatus" | "ms" | "bytes" | "text" | "headers" | "json";

/** A field a kind takes: its type, and whether it is required. */
type FieldRule = readonly [Field, "required" | "optional"];

/** The fields each kind takes beside `kind`. */
const FAULT_FIELDS: Record<FaultKind, Readonly<Record<string, FieldRule>>> = {
  status: {
    status: ["status", "required"],
    body: ["json", "optional"],
    headers: ["headers", "optional"],
  },
  delayHeaders: { ms: ["ms", "required"] },
  stallBody: { ms: ["ms", "required"] },
  resetBeforeHeaders: {},
  resetMidHeaders: {},
  resetMidBody: {},
  dropAfterProcessing: {},
  truncatedJson: {},
  html: { status: ["status", "required"] },
  emptyBody: { status: ["status", "optional"] },
  contentType: { contentType: ["text", "required"] },
  body: {
    status: ["status", "optional"],
    body: ["json", "required"],
    contentType: ["text", "optional"],
  },
  hugeBody: { bytes: ["bytes", "required"] },
  redirect: { location: ["text", "required"], status: ["redirectStatus", "optional"] },
  repeatNextToken: {},
};

function fieldProblem(field: Field, value: unknown): string | undefined {
  const isInteger = typeof value === "number" && Number.isInteger(value);
  switch (field) {
    case "status":
      return isInteger && value >= 200 && value <= 599
        ? undefined
        : "must be an HTTP status from 200 to 599";
    case "redirectStatus":
      return isInteger && [301, 302, 303, 307, 308].includes(value)
        ? undefined
        : "must be a redirect status: 301, 302, 303, 307 or 308";
    case "ms":
    case "bytes":
      return isInteger && value >= 0 ? undefined : "must be a non-negative integer";
    case "text":
      return typeof value === "string" ? undefined : "must be a string";
    case "headers":
      return typeof value === "object" &&
        value !== null &&
        Object.values(value).every((header) => typeof header === "string")
        ? undefined
        : "must be an object of string header values";
    case "json":
      return undefined;
  }
}

/**
 * Throws a `TypeError` naming what is wrong with `fault` (an unknown kind, a field it does not
 * take or lacks, a value of the wrong type), or a `RangeError` for a number out of range.
 */
export function checkFault(fault: Fault): void {
  const given = fault as unknown as Record<string, unknown> | null;
  const kind = typeof given === "object" && given !== null ? given.kind : undefined;
  if (typeof kind !== "string" || !Object.hasOwn(FAULT_FIELDS, kind)) {
    const kinds = Object.keys(FAULT_FIELDS).join(", ");
    throw new TypeError(
      `inject: unknown fault kind ${JSON.stringify(kind)}; the kinds are ${kinds}`,
    );
  }
  const fields = FAULT_FIELDS[kind as FaultKind];
  for (const name of Object.keys(given ?? {})) {
    if (name !== "kind" && !Object.hasOwn(fields, name)) {
      throw new TypeError(`inject: a ${kind} fault has no field ${name}`);
    }
  }
  for (const [name, [field, presence]] of Object.entries(fields)) {
    const value = given?.[name];
    if (value === undefined) {
      if (presence === "required") throw new TypeError(`inject: a ${kind} fault needs ${name}`);
      continue;
    }
    const problem = fieldProblem(field, value);
    if (problem !== undefined) {
      const ErrorClass = typeof value === "number" ? RangeError : TypeError;
      throw new ErrorClass(
        `inject: a ${kind} fault's ${name} ${problem}, got ${JSON.stringify(value)}`,
      );
    }
  }
}

function checkMatch(match: FaultMatch): number {
  const times = match.times ?? 1;
  if (!Number.isInteger(times) || times < 1) {
    throw new RangeError(`inject: times must be a positive integer, got ${String(times)}`);
  }
  if (match.method !== undefined && typeof match.method !== "string") {
    throw new TypeError("inject: match.method must be a string");
  }
  for (const name of ["path", "url"] as const) {
    const pattern = match[name];
    if (pattern !== undefined && typeof pattern !== "string" && !(pattern instanceof RegExp)) {
      throw new TypeError(`inject: match.${name} must be a string or a RegExp`);
    }
  }
  return times;
}

interface Armed {
  fault: Fault;
  method: string | undefined;
  path: string | RegExp | undefined;
  url: string | RegExp | undefined;
  remaining: number;
}

function textMatches(pattern: string | RegExp | undefined, text: string): boolean {
  if (pattern === undefined) return true;
  if (typeof pattern === "string") return pattern === text;
  pattern.lastIndex = 0;
  return pattern.test(text);
}

function matches(armed: Armed, method: string, target: Target): boolean {
  if (armed.method !== undefined && armed.method.toUpperCase() !== method) return false;
  if (!textMatches(armed.path, target.path)) return false;
  if (!textMatches(armed.url, target.url)) return false;
  if (armed.fault.kind === "repeatNextToken") {
    return new URLSearchParams(target.query).has("nextToken");
  }
  return true;
}

/** The faults of one mock, first injected first applied. */
export class FaultQueue {
  #armed: Armed[] = [];

  /** Arms `fault` for the next `match.times` (default 1) requests matching `match`. */
  add(fault: Fault, match: FaultMatch = {}): void {
    checkFault(fault);
    const times = checkMatch(match);
    const { method, path, url } = match;
    this.#armed.push({ fault, method, path, url, remaining: times });
  }

  /** The fault for this request, if one is armed for it; uses one of its applications. */
  take(method: string, target: Target): Fault | undefined {
    const index = this.#armed.findIndex((armed) => matches(armed, method, target));
    const armed = this.#armed[index];
    if (armed === undefined) return undefined;
    armed.remaining -= 1;
    if (armed.remaining === 0) this.#armed.splice(index, 1);
    return armed.fault;
  }

  /** The number of applications left, over every armed fault. */
  get pending(): number {
    return this.#armed.reduce((sum, armed) => sum + armed.remaining, 0);
  }

  /** Disarms every fault. */
  clear(): void {
    this.#armed = [];
  }
}

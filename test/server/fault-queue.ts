/**
 * The injected faults waiting for their requests: each applies to the next `times` requests
 * that match it, in the order injected.
 */
import type { Target } from "./routes.ts";
import type { Fault, FaultMatch } from "./types.ts";

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

/** The faults of one server, first injected first applied. */
export class FaultQueue {
  #armed: Armed[] = [];

  /** Arms `fault` for the next `match.times` (default 1) requests matching `match`. */
  add(fault: Fault, match: FaultMatch = {}): void {
    const times = match.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`times must be a positive integer, got ${times}`);
    }
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

/**
 * Routing of the mock server: the operations of the generated operation table
 * (generated/operations.ts) by method and path template. The raw path is split on `/` first and
 * each segment is then decoded once with `decodeURIComponent`, so an encoded `/` (`%2F`) stays
 * inside its segment, as a path parameter must.
 */
import { OPERATIONS } from "../../generated/operations.js";
import type { OperationId } from "./types.js";

/** The parts of a raw request-target. */
export interface Target {
  /** The raw request-target as received. */
  url: string;
  /** The raw path: before `?`, not decoded. */
  path: string;
  /** The raw query, without the `?` (`""` when none). */
  query: string;
}

/** Where a request goes. */
export type Routed =
  | { kind: "operation"; operationId: OperationId; params: Record<string, string> }
  | { kind: "notFound" }
  | { kind: "methodNotAllowed"; allow: string[] }
  | { kind: "badPath"; message: string };

interface Route {
  method: string;
  /** Literal segments, and `{name}` for a path parameter. */
  segments: string[];
  operationId: OperationId;
}

/** `/credits/{credit_id}/void` → `["credits", "{credit_id}", "void"]`. */
function templateSegments(template: string): string[] {
  const segments = template.slice(1).split("/");
  const mixed = segments.find((segment) => segment.includes("{") && !/^\{[^{}]+\}$/.test(segment));
  if (!template.startsWith("/") || mixed !== undefined) {
    throw new Error(`the mock server cannot route the path template ${template}`);
  }
  return segments;
}

/**
 * Orders concrete routes first, as OpenAPI says: at the first segment where two routes differ,
 * a literal (`/credits/export`) comes before a parameter (`/credits/{credit_id}`); two
 * different literals, which no request matches both of, are ordered by their text, so that
 * the order is total.
 */
export function moreConcrete(a: Pick<Route, "segments">, b: Pick<Route, "segments">): number {
  for (let index = 0; index < Math.min(a.segments.length, b.segments.length); index++) {
    const [x = "", y = ""] = [a.segments[index], b.segments[index]];
    const [xParam, yParam] = [x.startsWith("{"), y.startsWith("{")];
    if (xParam !== yParam) return xParam ? 1 : -1;
    if (!xParam && x !== y) return x < y ? -1 : 1;
  }
  return a.segments.length - b.segments.length;
}

/**
 * One route per operation of the table, concrete ones first; the operations of one path stay
 * in the spec's order (which orders `Allow`).
 */
const ROUTES: readonly Route[] = OPERATIONS.map((operation) => ({
  method: operation.method,
  segments: templateSegments(operation.path),
  operationId: operation.operationId as OperationId,
})).sort(moreConcrete);

/** Splits a raw request-target at its first `?`. */
export function parseTarget(url: string): Target {
  const mark = url.indexOf("?");
  return mark === -1
    ? { url, path: url, query: "" }
    : { url, path: url.slice(0, mark), query: url.slice(mark + 1) };
}

function paramsOf(route: Route, segments: string[]): Record<string, string> | undefined {
  if (route.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, pattern] of route.segments.entries()) {
    const segment = segments[index] ?? "";
    if (pattern.startsWith("{")) {
      if (segment === "") return undefined;
      params[pattern.slice(1, -1)] = segment;
    } else if (segment !== pattern) {
      return undefined;
    }
  }
  return params;
}

/** Finds the operation of `method` on the raw `path`. */
export function route(method: string, path: string): Routed {
  if (!path.startsWith("/")) return { kind: "badPath", message: "path: must start with /" };
  let segments: string[];
  try {
    segments = path.slice(1).split("/").map(decodeURIComponent);
  } catch {
    return { kind: "badPath", message: "path: malformed percent-encoding" };
  }
  // The path is the most concrete template that matches; the method is looked up on it alone.
  const matched = ROUTES.find((candidate) => paramsOf(candidate, segments) !== undefined);
  if (matched === undefined) return { kind: "notFound" };
  const template = matched.segments.join("/");
  const allow: string[] = [];
  for (const candidate of ROUTES) {
    if (candidate.segments.join("/") !== template) continue;
    if (candidate.method === method) {
      const params = paramsOf(candidate, segments) ?? {};
      return { kind: "operation", operationId: candidate.operationId, params };
    }
    allow.push(candidate.method);
  }
  return { kind: "methodNotAllowed", allow };
}

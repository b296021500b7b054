/**
 * The shape of the operation table that `npm run generate` writes from the spec into
 * generated/operations.ts: what differs from one operation to another, as data. The runtime
 * (client.ts) binds each entry to a method; nothing in src/ names an operation of the API.
 */
import type { Schema, SubSchema } from "./schema/types.js";

/** When an operation may be retried: by HTTP method, or made idempotent by declared keys. */
export type RetryClass = "idempotent" | "safe-only";

/** What is retried, resolved from the retry class and the operation's `x-speakeasy-retries`. */
export interface RetryRule {
  class: RetryClass;
  /** Statuses retried: numbers, or ranges such as `"5XX"`. */
  statusCodes: readonly (number | string)[];
  /**
   * Whether connection errors and timeouts are retried. A connection refused before anything
   * was sent is retried whatever this says: the server cannot have acted.
   */
  connectionErrors: boolean;
}

/** A path parameter, in path order. */
export interface PathParameter {
  /** The wire name, e.g. `credit_id`. */
  name: string;
  /** The method's argument name (camelCase), used in error messages: `creditId`. */
  argument: string;
  schema: SubSchema;
}

/** Cursor pagination (`x-speakeasy-pagination` with `x-togai-iterators`). */
export interface Pagination {
  /** The query parameter that carries the cursor. */
  cursorParam: string;
  /** The page's property that holds the next cursor (`$.nextToken`); absent on the last page. */
  nextCursor: string;
  /** The page's property that holds the items (`$.data`). */
  results: string;
  /** The method name of the item iterator. */
  items: string;
  /** The method name of the page iterator. */
  pages: string;
}

/**
 * An idempotency declaration (`x-togai-idempotency-key`): each item of the body's array
 * `array` carries its key in `key`; the client fills the keys that are absent.
 */
export interface Idempotency {
  array: string;
  key: string;
}

/** One operation of the API, as the runtime needs it. */
export interface OperationEntry {
  operationId: string;
  /** The client's resource (`x-speakeasy-group`). */
  group: string;
  /** The method's name in its group (`x-speakeasy-name-override`). */
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
  /** The path template, e.g. `/credits/{credit_id}`. */
  path: string;
  pathParams: readonly PathParameter[];
  /** The query, as one closed object schema (one property per parameter); absent when none. */
  query?: Schema;
  /** The JSON request body; absent when the operation has none. */
  body?: { schema: SubSchema; required: boolean };
  /** The name of the 2xx response's schema in the response schema table. */
  response: string;
  retry: RetryRule;
  pagination?: Pagination;
  idempotency?: Idempotency;
}

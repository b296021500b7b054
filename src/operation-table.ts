/**
 * The shape of the operation table that `npm run generate` writes from the spec into
 * generated/operations.ts: what differs from one operation to another, as data. The runtime
 * (client.ts) binds each entry to a method; nothing in src/ names an operation of the API.
 */
import type { headerParameters } from "./header-parameters.js";
import type { typedPathValue } from "./path-types.js";
import type { styledQuery } from "./query-styles.js";
import type { Schema, SchemaType, SubSchema } from "./schema/types.js";

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
  /**
   * The JSON types the value may have, when not only a string: sent as its text, checked by
   * the table's `path` writer (path-types.ts).
   */
  types?: readonly ("string" | "number" | "integer" | "boolean")[];
}

/**
 * How a query parameter is written, as OpenAPI's `style` and `explode` say: `form` with
 * `explode` repeats the name (`statuses=ACTIVE&statuses=VOIDED`), without it joins the values
 * with commas (`tags=promo,q1`); `spaceDelimited` and `pipeDelimited` join them with `%20` and
 * `|`; `deepObject` writes an object's members as `filter[status]=ACTIVE`.
 */
export interface QueryParameter {
  name: string;
  style: "form" | "spaceDelimited" | "pipeDelimited" | "deepObject";
  explode: boolean;
}

/**
 * A header parameter, written with `style: simple`: an array's items (or an object's members)
 * joined with commas, a number or boolean as text.
 */
export interface HeaderParameter {
  /** The header's name, as the spec spells it (names compare case-insensitively). */
  name: string;
  explode: boolean;
}

/** How a 2xx answer's body is read: JSON, text, bytes (a `Blob`), or nothing. */
export type AnswerKind = "json" | "text" | "binary" | "none";

/** A 2xx answer the spec declares. */
export interface Answer {
  /** The status: `"200"`, or a range such as `"2XX"`. */
  status: string;
  kind: AnswerKind;
  /** For a JSON answer with a schema: its key in the response schema table. */
  schema?: string;
  /**
   * For a JSON answer: the JSON types its schema allows at the top, when it names them. Always
   * checked, `validateResponses` or not: a page must be an object, a list an array.
   */
  types?: readonly SchemaType[];
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
  /**
   * How each query parameter that is an array or an object is written (its style and
   * explode), in the spec's order; absent when every one is a primitive, which every style
   * writes alike.
   */
  queryParams?: readonly QueryParameter[];
  /** The header parameters, as one closed object schema by declared name; absent when none. */
  header?: Schema;
  /** How each header parameter is written; with `header`. */
  headerParams?: readonly HeaderParameter[];
  /**
   * The request body, sent as `contentType` (any JSON media type; absent: `application/json`);
   * absent when the operation has none.
   */
  body?: { schema: SubSchema; required: boolean; contentType?: string };
  /** The 2xx answers the spec declares, in its order. */
  answers: readonly Answer[];
  /** The `Accept` header the operation sends; absent: `application/json`. */
  accept?: string;
  retry: RetryRule;
  pagination?: Pagination;
  idempotency?: Idempotency;
}

/**
 * The writers an operation table needs beyond a query of primitives and path parameters that
 * are strings: the generated table imports each only when its spec uses it, so that a bundle
 * ships only those.
 */
export interface Serializers {
  /** Checks a path parameter that may be a number, an integer or a boolean (its text is sent). */
  path?: typeof typedPathValue;
  /** Writes a query by each parameter's style and explode (arrays, objects). */
  query?: typeof styledQuery;
  /** Lays an operation's header parameters over a call's headers. */
  header?: typeof headerParameters;
}

/** An operation table: the operations, and the writers they need. */
export interface OperationTable {
  operations: readonly OperationEntry[];
  serializers: Serializers;
}

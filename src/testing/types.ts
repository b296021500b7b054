/**
 * The public types of the testing kit (`togai-credits/testing`): its options, the faults it
 * injects, the requests it records, the answers it reports, and its two front doors, the
 * mock server over HTTP ({@link MockServer}) and the in-process `fetch` ({@link MockFetch}).
 */
import type { Credit, CreditDetailsResponse } from "../../generated/credits.js";
import type { OperationId } from "../../generated/operations.js";

/** The operationIds of the spec (from the generated operation table), as the mock names the operation a request reached. */
export type { OperationId };

/**
 * A fault to inject into the answer to a request. "Processed" means the request reaches the
 * store (a credit is granted or voided) before the fault breaks the answer; the others never
 * touch the store.
 *
 * Over HTTP ({@link MockServer}) each fault is what goes on the wire. In process
 * ({@link MockFetch}) each is what a real `fetch` shows for that wire: a reset before or
 * during the headers rejects with `TypeError("fetch failed")` whose `cause.code` is
 * `ECONNRESET`; `dropAfterProcessing` rejects the same way with `UND_ERR_SOCKET`; a reset
 * during the body errors the body stream; a stall stalls it; the others are answers.
 */
export type Fault =
  /** Not processed: answer `status` with `body` (default an `ErrorResponse`) and `headers`. A string body is sent as is, anything else as JSON. */
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  /** Wait `ms` before the status line, then process and answer normally. */
  | { kind: "delayHeaders"; ms: number }
  /** Processed: send the headers and the first half of the body, wait `ms`, then the rest. */
  | { kind: "stallBody"; ms: number }
  /** Not processed: reset the connection (TCP RST) without a byte of answer. */
  | { kind: "resetBeforeHeaders" }
  /** Processed: write part of the status line and headers, then reset the connection. */
  | { kind: "resetMidHeaders" }
  /** Processed: send the headers (full `Content-Length`) and half the body, then reset. */
  | { kind: "resetMidBody" }
  /** Processed: close the connection without answering. */
  | { kind: "dropAfterProcessing" }
  /** Processed: answer with the first half of the JSON body, ending cleanly (`Content-Length` of the half). */
  | { kind: "truncatedJson" }
  /** Not processed: an HTML error page with `status` and `Content-Type: text/html`. */
  | { kind: "html"; status: number }
  /** Processed when `status` is 2xx (default 200): that status with an empty body. */
  | { kind: "emptyBody"; status?: number }
  /** Processed: the normal JSON answer with `Content-Type: contentType`. */
  | { kind: "contentType"; contentType: string }
  /** Not processed: `status` (default 200) with `body` (string as is, else JSON) and `contentType` (default `application/json`). */
  | { kind: "body"; status?: number; body: unknown; contentType?: string }
  /** Processed: the normal answer padded with JSON whitespace to about `bytes` bytes: still valid JSON, same data, valid against the spec. */
  | { kind: "hugeBody"; bytes: number }
  /** Not processed: a redirect (`status` default 302) to `location`. */
  | { kind: "redirect"; location: string; status?: number }
  /** Processed: a list page whose `nextToken` is the request's own. Only matches requests that carry a `nextToken`. */
  | { kind: "repeatNextToken" };

/** The kinds of {@link Fault}. */
export type FaultKind = Fault["kind"];

/** Which requests a fault applies to. Every field given must match. */
export interface FaultMatch {
  /** The request method, e.g. `"POST"`. */
  method?: string;
  /** The raw request path (before `?`, not decoded): equal to a string, or matching a RegExp. */
  path?: string | RegExp;
  /** The raw request-target, query included: equal to a string, or matching a RegExp. */
  url?: string | RegExp;
  /**
   * How many matching requests the fault applies to.
   * @default 1
   */
  times?: number;
}

/** A request as the server received it. */
export interface RecordedRequest {
  /** The request method. */
  method: string;
  /** The raw request-target as received, e.g. `/credits/a%2Fb?x=1`. */
  url: string;
  /** The raw path of the request-target: before `?`, not decoded. */
  path: string;
  /** The request headers, names lower-cased. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body as text (`""` when none). */
  body: string;
  /** The body parsed as JSON, or `undefined` when empty or not JSON. */
  json: unknown;
  /** The operation the request reached, or `undefined` for a route the spec does not have. */
  operationId: OperationId | undefined;
  /**
   * The kind of fault injected into its answer, if any; `"rateLimit"` when the mock's
   * `rateLimit` answered it 429 (the request was not processed).
   */
  fault: FaultKind | "rateLimit" | undefined;
  /** When its headers arrived: `performance.now()` of the mock's process, in ms. */
  receivedAt: number;
}

/** An answer the mock sent (or began to send before a fault cut it), for checks and logs. */
export interface SentResponse {
  /** The request answered. */
  request: RecordedRequest;
  /** The operation of the request, or `undefined` for an unknown route. */
  operationId: OperationId | undefined;
  /** The status sent. */
  status: number;
  /** The response headers, names lower-cased. */
  headers: Record<string, string>;
  /** The whole body of the answer (for a fault that cuts it, the body it was cut from). */
  body: string;
  /** The fault injected, if any. */
  fault: Fault | undefined;
}

/**
 * Checks an answer against the spec: returns what is wrong with it, or `undefined`. Answers a
 * fault makes off-spec on purpose (`html`, `emptyBody`, `body`, `contentType`, and `status`
 * with a `body`) are never passed to it.
 */
export type AnswerCheck = (sent: SentResponse) => string | undefined;

/** The mock's rate limit: a token bucket over all requests. */
export interface RateLimit {
  /** How many requests per second, on average; fractions are allowed. */
  requestsPerSecond: number;
  /**
   * How many requests may come at once after a quiet time: the bucket's size, at least 1.
   * @default Math.max(1, requestsPerSecond)
   */
  burst?: number;
}

/** Options of {@link startMockServer} and {@link createMockFetch}. */
export interface MockServerOptions {
  /**
   * The bearer token the mock accepts.
   * @default "test-token"
   */
  token?: string;
  /**
   * A fixed delay before every answer, in ms.
   * @default 0
   */
  latencyMs?: number;
  /**
   * The port to listen on (127.0.0.1 only). {@link startMockServer} only.
   * @default 0 (any free port)
   */
  port?: number;
  /**
   * The current time, for `createdAt`, `updatedAt` and which credits are in effect for a
   * balance. Credits never expire by themselves (the API does not document when it expires
   * them): seed `EXPIRED` credits to test that.
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * Check the mock's own answers against the spec and collect what is wrong in
   * `specViolations`; `close()` then rejects. `true` checks every 2xx JSON answer against the
   * operation's response schema, closed (no property the spec does not define), with the
   * validators generated from the spec; a function is used as the check instead.
   * @default false
   */
  checkAnswers?: boolean | AnswerCheck;
  /** Called with every answer sent. */
  onResponse?: (response: SentResponse) => void;
  /**
   * A rate limit over all requests, as an API server keeps one: a request past it is answered
   * `429` with `Retry-After` (whole seconds, rounded up) and `retry-after-ms`, is not
   * processed, and is recorded with `fault: "rateLimit"`. `reset()` refills the bucket.
   * @default undefined (no limit)
   * @example { requestsPerSecond: 100, burst: 10 }
   */
  rateLimit?: RateLimit;
}

/** Field overrides for {@link MockControls.seed}: fixed, or computed from the credit's index. */
export type SeedFields = Partial<Credit> | ((index: number) => Partial<Credit>);

/** Read access to the server's store, for assertions. Every method returns copies. */
export interface StoreView {
  /** The number of credits. */
  readonly size: number;
  /** Every credit, oldest first. */
  all(): Credit[];
  /** A credit with its transactions, or `undefined`. */
  get(id: string): CreditDetailsResponse | undefined;
  /** Every credit whose `idempotencyKey` is `key` (found by scanning all credits, not an index). */
  creditsByIdempotencyKey(key: string): Credit[];
  /** For every idempotency key used, how many credits carry it. */
  idempotencyKeyCounts(): Map<string, number>;
}

/** What both front doors of the mock share: its state, its faults and its checks. */
export interface MockControls {
  /** The base URL to hand the client: `createCreditsClient({ baseUrl, token })`. */
  readonly baseUrl: string;
  /** The bearer token it accepts. */
  readonly token: string;
  /** Every request received since the start or the last `reset()`, in order of arrival. */
  readonly requests: readonly RecordedRequest[];
  /** The spec violations found in its answers (when `checkAnswers` is on); kept across `reset()`. */
  readonly specViolations: readonly string[];
  /** Read access to the store. */
  readonly store: StoreView;
  /**
   * Injects `fault` into the answers to the next `match.times` (default 1) matching requests;
   * faults apply in the order injected. Throws a `TypeError` for an unknown kind or a field
   * of the wrong type, and a `RangeError` for a number out of range.
   */
  inject(fault: Fault, match?: FaultMatch): void;
  /** The number of injected fault applications not used yet. */
  pendingFaults(): number;
  /**
   * Inserts `count` credits (each with a `CREDITED` transaction) and returns them, oldest
   * first. Ids are deterministic: the same calls on a fresh mock give the same ids.
   * Throws a `RangeError` unless `count` is a non-negative integer.
   */
  seed(count: number, fields?: SeedFields): Credit[];
  /**
   * Resolves once no request is being answered, delayed and stalled answers included: await it
   * before asserting on the store after a fault that processes late (`delayHeaders`).
   */
  whenIdle(): Promise<void>;
  /** Clears the store, the recorded requests and the faults; cancels delayed answers; refills the `rateLimit` bucket. */
  reset(): void;
  /** Stops the mock (cancelling what is pending); rejects if spec violations were found. */
  close(): Promise<void>;
}

/** A running mock Credits API server, on 127.0.0.1 ({@link startMockServer}). */
export interface MockServer extends MockControls {
  /** The base URL, `http://127.0.0.1:PORT`: the same value as `baseUrl`. */
  readonly url: string;
}

/**
 * The mock Credits API behind a `fetch` function, with no socket ({@link createMockFetch}):
 * `createCreditsClient({ baseUrl: mock.baseUrl, token: mock.token, fetch: mock.fetch })`.
 */
export interface MockFetch extends MockControls {
  /**
   * Answers like the API would, with the global `fetch`'s signature. `init.signal` (or the
   * request's) is honoured: an abort before the headers rejects with `signal.reason`, an abort
   * after them errors the body stream. A request to another origin than `baseUrl` rejects
   * with a `TypeError` naming both.
   */
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- `this: void`: callable detached
  fetch(this: void, input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
}

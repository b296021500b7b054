/**
 * The public types of the mock Credits API server: its options, the faults it injects, the
 * requests it records and the responses it reports.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Credit, CreditDetailsResponse } from "../../generated/credits.ts";
import type { OperationId } from "../../generated/operations.ts";

/** The operationIds of the spec (from the generated operation table), as the router names the operation a request reached. */
export type { OperationId };

/**
 * A fault to inject into the answer to a request. "Processed" means the request reaches the
 * store (a credit is granted or voided) before the fault breaks the answer; the others never
 * touch the store.
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
  headers: IncomingHttpHeaders;
  /** The body as text (`""` when none). */
  body: string;
  /** The body parsed as JSON, or `undefined` when empty or not JSON. */
  json: unknown;
  /** The operation the request reached, or `undefined` for a route the spec does not have. */
  operationId: OperationId | undefined;
  /** The kind of fault injected into its answer, if any. */
  fault: FaultKind | undefined;
  /** When its headers arrived: `performance.now()` of the server's process, in ms. */
  receivedAt: number;
}

/** An answer the server sent (or began to send before a fault cut it), for checks and logs. */
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

/** Options of {@link startMockServer}. */
export interface MockServerOptions {
  /**
   * The bearer token the server accepts.
   * @default "test-token"
   */
  token?: string;
  /**
   * A fixed delay before every answer, in ms.
   * @default 0
   */
  latencyMs?: number;
  /**
   * The port to listen on (127.0.0.1 only).
   * @default 0 (any free port)
   */
  port?: number;
  /**
   * Validate every answer against the spec's own schemas (test/helpers/spec-validator.ts) and
   * collect the violations in `specViolations`; `close()` then rejects if there are any.
   * @default true under vitest (`process.env.VITEST` set), false otherwise
   */
  validateResponses?: boolean;
  /** Called with every answer sent. */
  onResponse?: (response: SentResponse) => void;
}

/** Field overrides for {@link MockServer.seed}: fixed, or computed from the credit's index. */
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

/** A running mock Credits API server. */
export interface MockServer {
  /** The base URL, `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The bearer token it accepts. */
  readonly token: string;
  /** Every request received since the start or the last `reset()`, in order of arrival. */
  readonly requests: readonly RecordedRequest[];
  /** The spec violations found in its answers (when `validateResponses` is on); kept across `reset()`. */
  readonly specViolations: readonly string[];
  /** Read access to the store. */
  readonly store: StoreView;
  /** Injects `fault` into the answers to the next `match.times` (default 1) matching requests; faults apply in the order injected. */
  inject(fault: Fault, match?: FaultMatch): void;
  /** The number of injected fault applications not used yet. */
  pendingFaults(): number;
  /** Inserts `count` credits (each with a `CREDITED` transaction) and returns them, oldest first. */
  seed(count: number, fields?: SeedFields): Credit[];
  /**
   * Resolves once no request is being answered, delayed and stalled answers included: await it
   * before asserting on the store after a fault that processes late (`delayHeaders`).
   */
  whenIdle(): Promise<void>;
  /** Clears the store, the recorded requests and the faults; cancels delayed answers. */
  reset(): void;
  /** Stops the server, closing every connection; rejects if spec violations were found. */
  close(): Promise<void>;
}

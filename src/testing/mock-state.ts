/**
 * The state both front doors of the mock share (the HTTP server in node/mock-server.ts and the
 * in-process `fetch` in mock-fetch.ts): the options, the store, the faults, the recorded
 * requests, the checks of its answers, and the requests in flight. A front door hands each
 * request it receives to {@link MockState.receive}, then delivers what {@link plan} says.
 */
import type { Credit } from "../../generated/credits.js";
import { checkAnswer, isOffSpecOnPurpose } from "./answer-check.js";
import { FaultQueue } from "./fault-queue.js";
import { answered, type Delivery, plan } from "./faults.js";
import { handle } from "./handlers.js";
import { errorReply, toWire, type Wire } from "./reply.js";
import { requestBucket, retryAfterHeaders, type RequestBucket } from "./rate-limit.js";
import { parseTarget, route } from "./routes.js";
import { copyCredit, CreditStore } from "./store.js";
import type {
  AnswerCheck,
  MockControls,
  MockServerOptions,
  RecordedRequest,
  SeedFields,
} from "./types.js";

/** The largest request body the mock reads, in bytes; a larger one is answered 413. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

const SEED_DEFAULTS = {
  accountId: "ACC00001",
  purpose: "Prepaid Credit",
  effectiveFrom: "2024-01-01",
  creditAmount: 100,
  priority: 1,
};

/** A request as a front door received it. */
export interface Incoming {
  method: string;
  /** The raw request-target, e.g. `/credits?pageSize=10`. */
  url: string;
  /** Names lower-cased. */
  headers: RecordedRequest["headers"];
  /** The body as text, or `undefined` when it was larger than {@link MAX_REQUEST_BODY_BYTES}. */
  body: string | undefined;
}

function parseJson(text: string): unknown {
  try {
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function checkOptions(options: MockServerOptions): void {
  const { token, latencyMs, now, checkAnswers, onResponse, rateLimit } = options;
  if (
    rateLimit !== undefined &&
    (typeof rateLimit !== "object" || (rateLimit as unknown) === null)
  ) {
    throw new TypeError("mock: rateLimit must be { requestsPerSecond, burst? }");
  }
  if (token !== undefined && (typeof token !== "string" || !/^\S+$/u.test(token))) {
    throw new TypeError("mock: token must be a non-empty string without spaces");
  }
  if (latencyMs !== undefined && !(Number.isInteger(latencyMs) && latencyMs >= 0)) {
    throw new RangeError(`mock: latencyMs must be a non-negative integer, got ${latencyMs}`);
  }
  if (now !== undefined && typeof now !== "function") {
    throw new TypeError("mock: now must be a function that returns a Date");
  }
  if (checkAnswers !== undefined && !["boolean", "function"].includes(typeof checkAnswers)) {
    throw new TypeError("mock: checkAnswers must be a boolean or a function");
  }
  if (onResponse !== undefined && typeof onResponse !== "function") {
    throw new TypeError("mock: onResponse must be a function");
  }
}

/** The mock's clock, checked on every read: a bad `now` fails loudly, not as a wrong date. */
function clock(now: (() => Date) | undefined): () => Date {
  if (now === undefined) return () => new Date();
  return () => {
    const date = now();
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
      throw new TypeError(`mock: now() must return a valid Date, got ${String(date)}`);
    }
    return date;
  };
}

/** The state of one mock. */
export class MockState {
  readonly token: string;
  readonly store: CreditStore;
  readonly requests: RecordedRequest[] = [];
  readonly specViolations: string[] = [];
  readonly #faults = new FaultQueue();
  readonly #check: AnswerCheck | undefined;
  readonly #latencyMs: number;
  readonly #onResponse: MockServerOptions["onResponse"];
  readonly #bucket: RequestBucket | undefined;
  /** Cancels each pending wait; run by `reset()` and `close()`. */
  readonly #cancels = new Set<() => void>();
  #received = 0;
  #inFlight = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(options: MockServerOptions) {
    checkOptions(options);
    this.token = options.token ?? "test-token";
    this.store = new CreditStore(clock(options.now));
    this.#latencyMs = options.latencyMs ?? 0;
    this.#onResponse = options.onResponse;
    this.#bucket = options.rateLimit && requestBucket(options.rateLimit);
    const { checkAnswers } = options;
    this.#check =
      checkAnswers === true ? checkAnswer : checkAnswers === false ? undefined : checkAnswers;
  }

  /** Waits `ms`; resolves `false` if the mock is reset or closed first. */
  sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const cancel = () => {
        clearTimeout(timer);
        this.#cancels.delete(cancel);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.#cancels.delete(cancel);
        resolve(true);
      }, ms);
      this.#cancels.add(cancel);
    });
  }

  /** Counts `work` as a request in flight until it settles, for `whenIdle()`. */
  track(work: Promise<void>): Promise<void> {
    this.#inFlight += 1;
    return work.finally(() => {
      this.#inFlight -= 1;
      if (this.#inFlight > 0) return;
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const resolve of waiters) resolve();
    });
  }

  /** Notes a failure of the mock itself, so that `close()` rejects. */
  noteError(incoming: Pick<Incoming, "method" | "url">, error: unknown): void {
    this.specViolations.push(`mock error on ${incoming.method} ${incoming.url}: ${String(error)}`);
  }

  /**
   * Records a request, takes the fault armed for it, waits the latency, and plans its answer
   * (the store changes then, unless the fault keeps the request from being processed). The
   * planned answer is reported to `checkAnswers` and `onResponse`.
   */
  async receive(incoming: Incoming): Promise<Delivery> {
    const { method, url, headers, body } = incoming;
    const target = parseTarget(url);
    const routed = route(method, target.path);
    const operationId = routed.kind === "operation" ? routed.operationId : undefined;
    const limitedMs = this.#bucket?.take();
    const fault =
      body === undefined || limitedMs !== undefined ? undefined : this.#faults.take(method, target);
    const request: RecordedRequest = {
      method,
      url,
      path: target.path,
      headers,
      body: body ?? "",
      json: parseJson(body ?? ""),
      operationId,
      fault: limitedMs === undefined ? fault?.kind : "rateLimit",
      receivedAt: performance.now(),
    };
    this.requests.push(request);
    this.#received += 1;
    const requestId = `req_${this.#received}`;
    if (this.#latencyMs > 0 && !(await this.sleep(this.#latencyMs))) return { kind: "drop" };
    const delivery: Delivery =
      limitedMs !== undefined
        ? {
            kind: "whole",
            wire: toWire(
              errorReply(429, "Rate limit exceeded", retryAfterHeaders(limitedMs)),
              requestId,
            ),
          }
        : await plan({
            requestId,
            nextToken: new URLSearchParams(target.query).get("nextToken"),
            fault,
            sleep: (ms) => this.sleep(ms),
            process: (): Wire =>
              toWire(
                body === undefined
                  ? errorReply(413, `body: larger than ${MAX_REQUEST_BODY_BYTES} bytes`)
                  : handle(
                      { method, path: target.path, query: target.query, headers, body },
                      routed,
                      this.store,
                      this.token,
                    ),
                requestId,
              ),
          });
    const wire = answered(delivery);
    if (wire !== undefined) {
      const sent = { request, operationId, ...wire, fault };
      const violation = this.#check && !isOffSpecOnPurpose(sent) ? this.#check(sent) : undefined;
      if (violation !== undefined) this.specViolations.push(violation);
      this.#onResponse?.(sent);
    }
    return delivery;
  }

  /** Cancels every pending wait: delayed and stalled answers end as dropped connections. */
  cancelPending(): void {
    for (const cancel of [...this.#cancels]) cancel();
  }

  /** The error `close()` rejects with, when the mock's answers broke the spec. */
  violationsError(): Error | undefined {
    if (this.specViolations.length === 0) return undefined;
    return new Error(`The mock's answers broke the spec:\n${this.specViolations.join("\n")}`);
  }

  /** What both front doors expose, with their own base URL and `close()`. */
  controls(baseUrl: string, close: () => Promise<void>): MockControls {
    return {
      baseUrl,
      token: this.token,
      requests: this.requests,
      specViolations: this.specViolations,
      store: this.store,
      inject: (fault, match) => {
        this.#faults.add(fault, match);
      },
      pendingFaults: () => this.#faults.pending,
      whenIdle: () =>
        this.#inFlight === 0
          ? Promise.resolve()
          : new Promise((resolve) => this.#idleWaiters.push(resolve)),
      seed: (count, fields) => this.seed(count, fields),
      reset: () => {
        this.cancelPending();
        this.store.clear();
        this.#faults.clear();
        this.#bucket?.refill();
        this.requests.length = 0;
      },
      close,
    };
  }

  /** Inserts `count` credits with `fields` over the defaults; see {@link MockControls.seed}. */
  seed(count: number, fields: SeedFields = {}): Credit[] {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`seed: count must be a non-negative integer, got ${count}`);
    }
    if (
      typeof fields !== "function" &&
      (typeof fields !== "object" || (fields as unknown) === null)
    ) {
      throw new TypeError(
        "seed: fields must be an object of credit fields, or a function of the index",
      );
    }
    const now = this.store.now();
    return Array.from({ length: count }, (_, index) => {
      const overrides = typeof fields === "function" ? fields(index) : fields;
      return copyCredit(this.store.insert({ ...SEED_DEFAULTS, ...overrides }, now));
    });
  }
}

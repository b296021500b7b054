import type { ResolvedConfig } from "./config.js";
import { delay } from "./delay.js";
import {
  RateLimitError,
  TogaiApiError,
  TogaiConnectionError,
  TogaiError,
  TogaiTimeoutError,
  UnexpectedResponseError,
  apiErrorFor,
} from "./errors.js";
import { declaredAnswer, readAnswer } from "./answers.js";
import type { RequestOptions } from "./options.js";
import {
  MAX_RETRY_AFTER_MS,
  backoffDelay,
  causeCode,
  isRetryable,
  isUndecodable,
  retryAfterMs,
} from "./retry.js";
import type { Answer, RetryRule } from "./operation-table.js";
import type { AttemptTimeouts } from "./timeout.js";
import type { Waits } from "./waits.js";

/** What one attempt hands to openapi-fetch, besides the operation's own params. */
export interface AttemptInit {
  signal: AbortSignal;
  headers?: Readonly<Record<string, string>>;
}

/**
 * What openapi-fetch answers with `parseAs: "stream"`: a 2xx body is left unread, for the
 * request loop to read as the operation declares it.
 */
export interface RawAnswer {
  error?: unknown;
  response: Response;
}

/** One API operation, as the request loop sees it. */
export interface Operation {
  method: string;
  /** The request's path, for messages and logs (computed only when one is needed). */
  readonly path: string;
  retry: RetryRule;
  /** The 2xx answers the spec declares: how each is read. */
  answers: readonly Answer[];
  /** Sends one attempt through openapi-fetch. */
  send(init: AttemptInit): Promise<RawAnswer>;
  /**
   * Checks a parsed JSON 2xx body, with the answer the spec declares for its status (undefined
   * when it declares none): what is wrong, or undefined.
   */
  check?: ((body: unknown, answer: Answer | undefined) => string | undefined) | undefined;
  /** Told of a 2xx status the spec does not declare (with `validateResponses`). */
  undeclared?: ((status: number) => void) | undefined;
}

/** The client's state the request loop needs: its settings, its timeouts and its waits. */
export interface RequestContext {
  config: ResolvedConfig;
  timeouts: AttemptTimeouts;
  waits: Waits;
}

/** An answer's headers as a real `Headers`: a transport may answer with a lighter object. */
function headersOf(response: Response): Headers {
  const { headers } = response;
  return headers instanceof Headers
    ? headers
    : new Headers([...(headers as Iterable<[string, string]>)]);
}

/**
 * The value of a 2xx answer as its operation declares it (JSON, text, a `Blob` or nothing), or
 * the {@link UnexpectedResponseError} it deserves.
 */
async function answerOf(op: Operation, response: Response): Promise<unknown> {
  const answer = declaredAnswer(op.answers, response.status);
  if (!answer) op.undeclared?.(response.status);
  const bodiless = op.answers.some(({ kind }) => kind === "none");
  const read = await readAnswer(
    response,
    answer,
    (body) => op.check?.(body, answer),
    bodiless,
  ).catch((thrown: unknown) => {
    // A body that arrived whole but does not decode is the answer's fault, not the connection's.
    if (!isUndecodable(thrown)) throw thrown;
    const code = causeCode(thrown) ?? String(thrown);
    return { problem: `the body could not be decoded (${code})`, body: undefined };
  });
  if ("value" in read) return read.value;
  const { status } = response;
  const headers = headersOf(response);
  return new UnexpectedResponseError({
    ...op,
    status,
    headers,
    body: read.body,
    description: read.problem,
  });
}

/** One attempt: its parsed body, or the error it ended with (thrown only on the caller's abort). */
async function attempt(
  { timeouts }: RequestContext,
  op: Operation,
  retry: number,
  timeoutMs: number,
  { signal, headers }: RequestOptions,
): Promise<unknown> {
  const deadline = timeouts.start(timeoutMs, signal);
  const sent = retry ? { ...headers, "x-togai-retry-count": String(retry) } : headers;
  try {
    const { error, response } = await op.send(
      sent ? { signal: deadline.signal, headers: sent } : { signal: deadline.signal },
    );
    if (response.ok) return await answerOf(op, response);
    return apiErrorFor({
      ...op,
      status: response.status,
      statusText:
        response.type === "opaqueredirect" ? "redirect not followed" : response.statusText,
      body: error,
      headers: headersOf(response),
      retryAfterMs: retryAfterMs(response.headers),
    });
  } catch (thrown) {
    if (signal?.aborted) throw signal.reason;
    if (thrown instanceof TogaiError) return thrown;
    const where = `${op.method} ${op.path}`;
    return deadline.timedOut
      ? new TogaiTimeoutError(`${where}: no complete answer within ${timeoutMs} ms`, {
          cause: thrown,
        })
      : new TogaiConnectionError(
          `${where}: connection failed (${causeCode(thrown) ?? String(thrown)})`,
          { cause: thrown },
        );
  } finally {
    deadline.release();
  }
}

/**
 * Runs an operation: one attempt, then retries as its policy allows, waiting as the server
 * asks (up to 60 s) or with exponential back-off. Before each attempt it waits its turn
 * ({@link Waits}); a 429 that asks to wait at most 60 s closes the client's gate for that long.
 * Resolves with the parsed body; rejects with a {@link TogaiError}, or with the caller's
 * `signal.reason` when the caller aborts.
 */
export async function execute<T>(
  context: RequestContext,
  op: Operation,
  options: RequestOptions,
): Promise<T> {
  const { config, waits } = context;
  const { logger } = config;
  const maxRetries = options.maxRetries ?? config.maxRetries;
  const timeoutMs = options.timeoutMs ?? config.timeoutMs;
  options.signal?.throwIfAborted();
  const ticket = waits.ticket();
  /** Whether the call kept its slot through a 429's pause, to stay ahead of later calls. */
  let holding = false;

  for (let retry = 0; ; retry++) {
    const entering = waits.enter(ticket, options.signal, holding);
    if (entering) await entering;
    const started = logger ? performance.now() : 0;
    const outcome = await attempt(context, op, retry, timeoutMs, options).catch(
      (error: unknown) => {
        waits.leave();
        throw error;
      },
    );
    const failed = outcome instanceof TogaiError;
    const serverWait = outcome instanceof TogaiApiError ? outcome.retryAfterMs : undefined;
    const wait =
      failed && (serverWait ?? 0) <= MAX_RETRY_AFTER_MS
        ? (serverWait ?? backoffDelay(retry + 1, config.backoff))
        : undefined;
    const paused = outcome instanceof RateLimitError && wait !== undefined;
    if (paused) waits.pause(Date.now() + wait);
    const waitMs =
      failed && wait !== undefined && retry < maxRetries && isRetryable(outcome, op.retry)
        ? wait
        : undefined;
    holding = paused && waitMs !== undefined;
    if (!holding) waits.leave();
    logger?.debug(failed ? outcome.message : `${op.method} ${op.path} ok`, {
      method: op.method,
      path: op.path,
      attempt: retry + 1,
      durationMs: Math.round(performance.now() - started),
      outcome: !failed ? "ok" : waitMs === undefined ? "error" : "retry",
      ...(failed && { error: outcome.name, status: (outcome as Partial<TogaiApiError>).status }),
      ...(waitMs !== undefined && { retryInMs: Math.round(waitMs) }),
    });
    if (!failed) return outcome as T;
    if (waitMs === undefined) throw outcome;
    // After a 429 the gate holds the retry until the pause ends, ahead of the calls behind it.
    if (!holding) await delay(waitMs, options.signal);
  }
}

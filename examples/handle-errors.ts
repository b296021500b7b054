/**
 * Handle errors and retries.
 *
 * The client retries what is safe to retry by itself: connection errors, timeouts, 408, 429
 * and 5xx, waiting as the server's `Retry-After` says or backing off exponentially. What is
 * left after the retries is thrown as one typed error: tell them apart with `instanceof`.
 *
 * Run: TOGAI_BASE_URL=… TOGAI_API_TOKEN=… npx tsx examples/handle-errors.ts [creditId]
 * (`npm run mock` in this repository starts a local Credits API and prints the two variables.)
 */
import {
  NotFoundError,
  RateLimitError,
  TogaiApiError,
  TogaiConnectionError,
  TogaiError,
  TogaiTimeoutError,
  createCreditsClient,
} from "togai-credits";

const togai = createCreditsClient({
  maxRetries: 3,
  backoff: { initialDelayMs: 200, maxDelayMs: 2_000 },
  // One line per attempt; the token is never part of it.
  logger: {
    debug: (message, fields) => {
      console.log(`  attempt ${String(fields.attempt)}: ${message} (${String(fields.outcome)})`);
    },
  },
});

/** What went wrong, in one sentence for a log. Anything that is not the client's is rethrown. */
function explain(error: unknown): string {
  if (error instanceof NotFoundError) return `not found (request id ${error.requestId ?? "none"})`;
  if (error instanceof RateLimitError) {
    const wait =
      error.retryAfterMs === undefined ? "" : `, retry in ${String(error.retryAfterMs)} ms`;
    return `rate limited${wait}`;
  }
  if (error instanceof TogaiApiError)
    return `the API answered ${String(error.status)}: ${error.message}`;
  if (error instanceof TogaiTimeoutError) return `timed out: ${error.message}`;
  if (error instanceof TogaiConnectionError) return `no answer: ${error.message}`;
  if (error instanceof TogaiError) return error.message; // bad input or configuration
  throw error;
}

async function attempt(label: string, call: () => Promise<unknown>): Promise<void> {
  console.log(label);
  try {
    await call();
    console.log("  -> ok");
  } catch (error) {
    console.log(`  -> ${explain(error)}`);
  }
}

// A 404 is an answer, not a failure to retry: NotFoundError at once.
const creditId = process.argv[2] ?? "creds.does-not-exist";
await attempt(`get ${creditId}`, () => togai.credits.get(creditId));

// 429 and 5xx are retried (up to maxRetries), each attempt logged.
await attempt("list one page", () => togai.credits.list({ pageSize: 1 }));

// A caller that cannot wait turns retries off for one call.
await attempt("read a balance, no retries", () =>
  togai.accounts.creditBalance("ACC00001", { maxRetries: 0 }),
);

// No server at all (nothing listens on port 1): TogaiConnectionError once the retries are spent.
const offline = createCreditsClient({
  baseUrl: "http://127.0.0.1:1",
  maxRetries: 1,
  backoff: { initialDelayMs: 50, maxDelayMs: 50 },
});
await attempt("list from a server that is down", () => offline.credits.list());

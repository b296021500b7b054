/** The signal of one attempt: aborted when the attempt runs past its timeout or the caller aborts. */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** True once the timeout fired (as opposed to the caller aborting). */
  readonly timedOut: boolean;
  /** Stops the timer and lets go of the caller's signal. Call it when the body has been read. */
  clear(): void;
}

class Attempt implements AttemptSignal {
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #callerSignal: AbortSignal | undefined;
  #timedOut = false;

  constructor(timeoutMs: number, callerSignal: AbortSignal | undefined) {
    this.#timer = setTimeout(this.#onTimeout, timeoutMs);
    this.#callerSignal = callerSignal;
    callerSignal?.addEventListener("abort", this.#onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get timedOut(): boolean {
    return this.#timedOut;
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#callerSignal?.removeEventListener("abort", this.#onCallerAbort);
  }

  readonly #onTimeout = (): void => {
    this.#timedOut = true;
    this.#controller.abort(new DOMException("The attempt timed out", "TimeoutError"));
  };

  readonly #onCallerAbort = (): void => {
    this.#controller.abort(this.#callerSignal?.reason);
  };
}

/**
 * Starts one attempt's timeout. A fresh signal per attempt: a signal made once would expire
 * for every later call. It covers the headers and the body both, since it stays armed until
 * `clear()`.
 */
export function startAttempt(timeoutMs: number, callerSignal?: AbortSignal): AttemptSignal {
  return new Attempt(timeoutMs, callerSignal);
}

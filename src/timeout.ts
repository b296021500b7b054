/**
 * The deadline of one or more attempts: its signal aborts when `timeoutMs` has passed (or the
 * caller's signal aborts). It stays armed until every attempt that joined it is released, so
 * it covers the headers and the body both.
 */
export class Deadline {
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #caller: AbortSignal | undefined;
  #active = 0;
  #uses = 0;
  /** True once the timeout fired (as opposed to the caller aborting). */
  timedOut = false;

  /**
   * @param timeoutMs - How long an attempt may take.
   * @param windowMs - How long new attempts may join; the timer fires `timeoutMs` after it.
   * @param caller - The caller's signal, followed by a deadline of its own (no window).
   */
  constructor(
    readonly timeoutMs: number,
    readonly closesAt: number,
    windowMs: number,
    caller?: AbortSignal,
  ) {
    this.#timer = setTimeout(this.#fire, timeoutMs + windowMs);
    // A deadline kept for the next call must not keep a finished process alive (Node, Bun, Deno).
    (this.#timer as { unref?: () => void }).unref?.();
    this.#caller = caller;
    caller?.addEventListener("abort", this.#follow);
  }

  /** The signal to hand to `fetch`. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Whether one more attempt may share this deadline. */
  accepts(timeoutMs: number, now: number): boolean {
    return !this.#caller && this.timeoutMs === timeoutMs && this.#uses < 16 && now < this.closesAt;
  }

  /** Counts one more attempt in. */
  join(): this {
    this.#uses++;
    this.#active++;
    return this;
  }

  /** Takes no more attempts; disarms at once when none is in flight. */
  retire(): void {
    this.#uses = Infinity;
    if (this.#active === 0) this.#disarm();
  }

  /** Counts an attempt out; the last one out of a closed deadline disarms it. */
  release(): void {
    if (--this.#active === 0 && !this.accepts(this.timeoutMs, performance.now())) this.#disarm();
  }

  #disarm(): void {
    clearTimeout(this.#timer);
    this.#caller?.removeEventListener("abort", this.#follow);
  }

  readonly #fire = (): void => {
    this.timedOut = true;
    this.#controller.abort(new DOMException("The attempt timed out", "TimeoutError"));
  };

  readonly #follow = (): void => {
    this.#controller.abort(this.#caller?.reason);
  };
}

/**
 * Per-attempt timeouts for one client: a fresh deadline for every attempt (a signal made once
 * would expire for every later call). Attempts that start within `timeoutMs / 100` (at most
 * 250 ms) of each other share one deadline, up to 16 of them, which saves an `AbortController`
 * and a timer per call; each still gets at least `timeoutMs` and at most 1% more.
 */
export class AttemptTimeouts {
  #current: Deadline | undefined;

  /** The deadline for an attempt starting now; release it once the body has been read. */
  start(timeoutMs: number, caller?: AbortSignal): Deadline {
    const now = performance.now();
    if (caller) return new Deadline(timeoutMs, now, 0, caller).join();
    if (!this.#current?.accepts(timeoutMs, now)) {
      this.#current?.retire();
      const windowMs = Math.min(timeoutMs / 100, 250);
      this.#current = new Deadline(timeoutMs, now + windowMs, windowMs);
    }
    return this.#current.join();
  }
}

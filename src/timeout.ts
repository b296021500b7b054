/**
 * The deadline of one or more attempts: its signal aborts when `timeoutMs` has passed (or the
 * caller's signal aborts). It stays armed until every attempt that joined it is released, so
 * it covers the headers and the body both.
 */
export class Deadline {
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #unfollow: (() => void) | undefined;
  #active = 0;
  #uses = 0;
  /** True once the timeout fired (as opposed to the caller aborting). */
  timedOut = false;

  /**
   * @param timeoutMs - How long an attempt may take.
   * @param closesAt - Until when (`performance.now()`) new attempts may join.
   * @param windowMs - How long new attempts may join; the timer fires `timeoutMs` after it.
   * @param follow - Follows the caller's signal; returns how to stop following it.
   */
  constructor(
    readonly timeoutMs: number,
    readonly closesAt: number,
    windowMs: number,
    follow?: (controller: AbortController) => () => void,
  ) {
    this.#timer = setTimeout(this.#fire, timeoutMs + windowMs);
    // A deadline kept for the next call must not keep a finished process alive (Node, Bun, Deno).
    (this.#timer as { unref?: () => void }).unref?.();
    this.#unfollow = follow?.(this.#controller);
  }

  /** The signal to hand to `fetch`. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Whether one more attempt may share this deadline. */
  accepts(timeoutMs: number, now: number): boolean {
    return (
      !this.#unfollow && this.timeoutMs === timeoutMs && this.#uses < 16 && now < this.closesAt
    );
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
    this.#unfollow?.();
  }

  readonly #fire = (): void => {
    this.timedOut = true;
    this.#controller.abort(new DOMException("The attempt timed out", "TimeoutError"));
  };
}

/**
 * Per-attempt timeouts for one client: a fresh deadline for every attempt (a signal made once
 * would expire for every later call). Attempts that start within `timeoutMs / 100` (at most
 * 250 ms) of each other share one deadline, up to 16 of them, which saves an `AbortController`
 * and a timer per call; each still gets at least `timeoutMs` and at most 1% more. A caller's
 * signal is listened to once per client, however many calls share it.
 */
export class AttemptTimeouts {
  #current: Deadline | undefined;
  readonly #followers = new WeakMap<AbortSignal, Set<AbortController>>();

  /** The deadline for an attempt starting now; release it once the body has been read. */
  start(timeoutMs: number, caller?: AbortSignal): Deadline {
    const now = performance.now();
    if (caller) return new Deadline(timeoutMs, now, 0, (c) => this.#follow(caller, c)).join();
    if (!this.#current?.accepts(timeoutMs, now)) {
      this.#current?.retire();
      const windowMs = Math.min(timeoutMs / 100, 250);
      this.#current = new Deadline(timeoutMs, now + windowMs, windowMs);
    }
    return this.#current.join();
  }

  #follow(caller: AbortSignal, controller: AbortController): () => void {
    let followers = this.#followers.get(caller);
    if (!followers) {
      const set = new Set<AbortController>();
      caller.addEventListener(
        "abort",
        () => {
          for (const follower of set) follower.abort(caller.reason);
        },
        { once: true },
      );
      this.#followers.set(caller, set);
      followers = set;
    }
    followers.add(controller);
    if (caller.aborted) controller.abort(caller.reason);
    return () => followers.delete(controller);
  }
}

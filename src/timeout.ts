/** The signal of one attempt: aborted when the attempt runs past its timeout or the caller aborts. */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** True once the timeout fired (as opposed to the caller aborting). */
  readonly timedOut: boolean;
  /** Stops the timer and lets go of the caller's signal. Call it once the body has been read. */
  clear(): void;
}

function timeoutReason(): DOMException {
  return new DOMException("The attempt timed out", "TimeoutError");
}

/** An attempt with a signal of its own: used when the caller passes a signal to follow. */
class OwnAttempt implements AttemptSignal {
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
    this.#controller.abort(timeoutReason());
  };

  readonly #onCallerAbort = (): void => {
    this.#controller.abort(this.#callerSignal?.reason);
  };
}

/**
 * A deadline shared by the attempts that start within a short window: one controller and one
 * timer serve up to {@link SLOT_CAPACITY} attempts. It fires `timeoutMs` after the window
 * closes, so each attempt gets at least `timeoutMs` and at most `timeoutMs` plus the window.
 */
class Slot {
  readonly controller = new AbortController();
  readonly timer: ReturnType<typeof setTimeout>;
  readonly closesAt: number;
  uses = 0;
  active = 0;
  open = true;
  timedOut = false;

  constructor(
    readonly timeoutMs: number,
    now: number,
    windowMs: number,
  ) {
    this.closesAt = now + windowMs;
    this.timer = setTimeout(this.#fire, windowMs + timeoutMs);
  }

  close(): void {
    this.open = false;
    if (this.active === 0) clearTimeout(this.timer);
  }

  release(): void {
    this.active--;
    if (!this.open && this.active === 0) clearTimeout(this.timer);
  }

  readonly #fire = (): void => {
    this.timedOut = true;
    this.controller.abort(timeoutReason());
  };
}

class SlotAttempt implements AttemptSignal {
  #slot: Slot | undefined;
  readonly signal: AbortSignal;

  constructor(slot: Slot) {
    this.#slot = slot;
    this.signal = slot.controller.signal;
    slot.uses++;
    slot.active++;
  }

  get timedOut(): boolean {
    return this.#slot?.timedOut ?? false;
  }

  clear(): void {
    this.#slot?.release();
    this.#slot = undefined;
  }
}

/** How many attempts share one deadline, at most. */
const SLOT_CAPACITY = 16;

/**
 * Per-attempt timeouts for one client. A fresh deadline for every attempt (a signal made once
 * would expire for every later call), covering the headers and the body both: it stays armed
 * until `clear()`. Attempts that start within `timeoutMs / 100` (at most 250 ms) of each other
 * share one deadline, which saves an `AbortController` and a timer per call.
 */
export class AttemptTimeouts {
  #slot: Slot | undefined;

  /** Starts one attempt's timeout, following the caller's signal when there is one. */
  start(timeoutMs: number, callerSignal?: AbortSignal): AttemptSignal {
    if (callerSignal) return new OwnAttempt(timeoutMs, callerSignal);
    const now = performance.now();
    let slot = this.#slot;
    if (
      !slot?.open ||
      slot.timeoutMs !== timeoutMs ||
      slot.uses >= SLOT_CAPACITY ||
      now >= slot.closesAt
    ) {
      slot?.close();
      slot = new Slot(timeoutMs, now, Math.min(timeoutMs / 100, 250));
      this.#slot = slot;
    }
    return new SlotAttempt(slot);
  }
}

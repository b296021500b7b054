/**
 * The deadline of one or more attempts: its signal aborts when `timeoutMs` has passed (or the
 * caller's signal aborts). It stays armed until every attempt that joined it is released, so
 * it covers the headers and the body both.
 */
export interface Deadline {
  /** The signal to hand to `fetch`. */
  readonly signal: AbortSignal;
  /** True once the timeout fired (as opposed to the caller aborting). */
  readonly timedOut: boolean;
  /** Counts an attempt out; the last one out of a closed deadline disarms it. */
  release(): void;
}

/** A deadline as {@link AttemptTimeouts} keeps it: one that more attempts may join. */
interface SharedDeadline extends Deadline {
  /** Whether one more attempt may share this deadline. */
  accepts(timeoutMs: number, now: number): boolean;
  /** Counts one more attempt in. */
  join(): SharedDeadline;
  /** Takes no more attempts; disarms at once when none is in flight. */
  retire(): void;
}

/**
 * A deadline, armed.
 *
 * @param timeoutMs - How long an attempt may take.
 * @param closesAt - Until when (`performance.now()`) new attempts may join.
 * @param windowMs - How long new attempts may join; the timer fires `timeoutMs` after it.
 * @param follow - Follows the caller's signal; returns how to stop following it.
 */
function deadline(
  timeoutMs: number,
  closesAt: number,
  windowMs: number,
  follow?: (controller: AbortController) => () => void,
): SharedDeadline {
  const controller = new AbortController();
  let active = 0;
  let uses = 0;
  const timer = setTimeout(() => {
    self.timedOut = true;
    controller.abort(new DOMException("The attempt timed out", "TimeoutError"));
  }, timeoutMs + windowMs);
  // A deadline kept for the next call must not keep a finished process alive (Node, Bun, Deno).
  (timer as { unref?: () => void }).unref?.();
  const unfollow = follow?.(controller);
  const disarm = (): void => {
    clearTimeout(timer);
    unfollow?.();
  };
  const self = {
    signal: controller.signal,
    timedOut: false,
    accepts: (ms: number, now: number) =>
      !unfollow && ms === timeoutMs && uses < 16 && now < closesAt,
    join() {
      uses++;
      active++;
      return self;
    },
    retire() {
      uses = Infinity;
      if (active === 0) disarm();
    },
    release() {
      if (--active === 0 && !self.accepts(timeoutMs, performance.now())) disarm();
    },
  };
  return self;
}

/**
 * Per-attempt timeouts for one client: a fresh deadline for every attempt (a signal made once
 * would expire for every later call). Attempts that start within `timeoutMs / 100` (at most
 * 250 ms) of each other share one deadline, up to 16 of them, which saves an `AbortController`
 * and a timer per call; each still gets at least `timeoutMs` and at most 1% more. A caller's
 * signal is listened to once per client, however many calls share it.
 */
export interface AttemptTimeouts {
  /** The deadline for an attempt starting now; release it once the body has been read. */
  start(timeoutMs: number, caller?: AbortSignal): Deadline;
}

/** The {@link AttemptTimeouts} of a new client. */
export function attemptTimeouts(): AttemptTimeouts {
  let current: SharedDeadline | undefined;
  const followers = new WeakMap<AbortSignal, Set<AbortController>>();

  const follow = (caller: AbortSignal, controller: AbortController): (() => void) => {
    let set = followers.get(caller);
    if (!set) {
      const mine = (set = new Set());
      caller.addEventListener(
        "abort",
        () => {
          for (const follower of mine) follower.abort(caller.reason);
        },
        { once: true },
      );
      followers.set(caller, mine);
    }
    set.add(controller);
    if (caller.aborted) controller.abort(caller.reason);
    return () => set.delete(controller);
  };

  return {
    start(timeoutMs, caller) {
      const now = performance.now();
      if (caller) return deadline(timeoutMs, now, 0, (c) => follow(caller, c)).join();
      if (!current?.accepts(timeoutMs, now)) {
        current?.retire();
        const windowMs = Math.min(timeoutMs / 100, 250);
        current = deadline(timeoutMs, now + windowMs, windowMs);
      }
      return current.join();
    },
  };
}

/**
 * What a process grants on its own while Redis is down: rate-limiter-flexible's in-memory
 * limiter, its insurance limiter, at `requestsPerSecond / expectedProcesses`. That limiter
 * counts integer points in fixed windows of whole seconds, so a rate becomes points per
 * window, and the points of a window are spread evenly over it by a delay of our own after
 * each grant (never `execEvenly`, which delays the grant itself, inside the timeout meant for
 * the Redis round trip). So no process spends a window's points at once.
 */
import { RateLimiterMemory, type RateLimiterRes } from "rate-limiter-flexible";

/** The longest window, in seconds. */
const LONGEST_WINDOW_S = 60;

/**
 * A rate as integer points per whole seconds: the shortest window of at most 60 s in which it
 * is a whole number (`25` is 25 per 1 s, `0.4` is 2 per 5 s, `1/3` is 1 per 3 s); else 60 s,
 * rounded down, and at least 1 point per 60 s.
 */
export function windowOf(rate: number): { points: number; seconds: number } {
  for (let seconds = 1; seconds <= LONGEST_WINDOW_S; seconds++) {
    const points = rate * seconds;
    if (points >= 1 && Math.abs(points - Math.round(points)) < 1e-9) {
      return { points: Math.round(points), seconds };
    }
  }
  return { points: Math.max(1, Math.floor(rate * LONGEST_WINDOW_S)), seconds: LONGEST_WINDOW_S };
}

/** The insurance limiter: tells `onUse` whenever it is consulted (Redis was not). */
export class Insurance extends RateLimiterMemory {
  /** The time between two grants, in ms. */
  readonly spacingMs: number;
  #lastGrant = -Infinity;

  constructor(
    readonly window: { points: number; seconds: number },
    readonly onUse: () => void,
  ) {
    super({ points: window.points, duration: window.seconds, keyPrefix: "" });
    this.spacingMs = (window.seconds * 1000) / window.points;
  }

  /** Consumes in its own window (the shared bucket's per-call duration does not apply). */
  override consume(key: string | number, points = 1): Promise<RateLimiterRes> {
    this.onUse();
    return super.consume(key, points);
  }

  /**
   * The delay after a grant that spreads a window's points evenly: the k-th point of a window
   * goes k - 1 spacings after the window's start, and never sooner than a spacing after the
   * last grant of this process.
   */
  spread(res: RateLimiterRes): number {
    const now = Date.now();
    const windowStart = now + res.msBeforeNext - this.window.seconds * 1000;
    const at = Math.max(
      windowStart + (res.consumedPoints - 1) * this.spacingMs,
      this.#lastGrant + this.spacingMs,
      now,
    );
    this.#lastGrant = at;
    return at - now;
  }
}

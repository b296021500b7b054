import type { Logger } from "./options.js";
import { type RateLimiter, tokenBucket } from "./rate-limit.js";

/**
 * What a call of one client waits for before each attempt, in order: a concurrency slot
 * (`maxConcurrency`), a token (`rateLimit`), then the 429 gate, checked last. Every wait is in
 * ticket order (a call's arrival; a retry keeps its ticket) and ends with `signal.reason` on
 * abort. With neither option set only the gate is checked, and nothing is awaited while it is
 * open. The gate is a private token bucket of unlimited rate: only its pause is left.
 */
export interface Waits {
  /** A new call's ticket. */
  ticket(): number;
  /**
   * Waits for the call's turn: resolves (or returns `undefined` at once) holding a slot, to
   * give back with `leave`. `holding`: the call kept its slot from its last attempt.
   */
  enter(
    ticket: number,
    signal: AbortSignal | undefined,
    holding: boolean,
  ): Promise<void> | undefined;
  /** Gives the call's slot back. */
  leave(): void;
  /** Closes the gate until `untilMs` (epoch ms), for this client and the limiter's sharers. */
  pause(untilMs: number): void;
}

/** The {@link Waits} of a client with these options. */
export function waits(
  maxConcurrency: number | undefined,
  limiter: RateLimiter | undefined,
  logger: Logger | undefined,
): Waits {
  const cap = maxConcurrency === undefined ? undefined : tokenBucket(0, maxConcurrency);
  const gate = tokenBucket(Infinity, Infinity);
  /** The limiter is asked by one call at a time, the first in ticket order. */
  const line = tokenBucket(0, 1);
  let tickets = 0;
  const leave = (): void => cap?.put();

  async function wait(ticket: number, signal?: AbortSignal, holding?: boolean): Promise<void> {
    if (!holding) await cap?.pass(ticket, signal);
    try {
      if (limiter) {
        await line.pass(ticket, signal);
        try {
          await limiter.acquire(signal);
        } finally {
          line.put();
        }
      }
      await gate.pass(ticket, signal);
      signal?.throwIfAborted();
    } catch (error) {
      leave();
      throw error;
    }
  }

  return {
    ticket: () => tickets++,
    enter: (ticket, signal, holding) =>
      cap || limiter ? wait(ticket, signal, holding) : gate.pass(ticket, signal),
    leave,
    pause(untilMs) {
      gate.pauseUntil(untilMs, Infinity);
      if (limiter) {
        (async () => limiter.pauseUntil(untilMs))().catch((error: unknown) => {
          logger?.debug(`rateLimit.pauseUntil failed: ${String(error)}`, {});
        });
      }
    },
  };
}

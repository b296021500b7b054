/**
 * Fake time for the tests of the waits: `setTimeout`, `Date` and `performance` are faked, so a
 * test decides when a pause ends or a token comes; `setImmediate` stays real, so {@link settle}
 * can let the client and the in-process mock finish what they are doing without moving time.
 */
import { afterEach, beforeEach, vi } from "vitest";

/** Fakes the clock for every test of the file (or `describe`). */
export function useFakeTime(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date", "performance"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/**
 * Lets pending work run, with the clock stopped: until `done()` holds (failing after `turns`
 * event-loop turns), or for `turns` turns when no condition is given.
 */
export async function settle(done?: () => boolean, turns = done ? 2_000 : 50): Promise<void> {
  for (let turn = 0; turn < turns; turn++) {
    if (done?.()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (done && !done()) throw new Error(`still waiting after ${turns} event-loop turns`);
}

/** Moves the clock by `ms`, firing the timers due, then lets their work run. */
export async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
}

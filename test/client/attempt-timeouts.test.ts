import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { attemptTimeouts } from "../../src/timeout.ts";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("AttemptTimeouts", () => {
  test("fires no earlier than timeoutMs and no later than timeoutMs plus 1%", () => {
    const deadline = attemptTimeouts().start(10_000);
    vi.advanceTimersByTime(9_999);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(101);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.timedOut).toBe(true);
    expect((deadline.signal.reason as DOMException).name).toBe("TimeoutError");
  });

  test("gives an attempt that starts later in a shared window its full timeout", () => {
    const timeouts = attemptTimeouts();
    const first = timeouts.start(10_000);
    vi.advanceTimersByTime(90);
    const second = timeouts.start(10_000);
    expect(second).toBe(first);
    vi.advanceTimersByTime(9_990);
    expect(second.signal.aborted).toBe(false);
    vi.advanceTimersByTime(20);
    expect(second.timedOut).toBe(true);
  });

  test("starts a fresh deadline once the window has passed: nothing expires for later calls", () => {
    const timeouts = attemptTimeouts();
    const early = timeouts.start(1_000);
    early.release();
    vi.advanceTimersByTime(5_000);
    const late = timeouts.start(1_000);
    expect(late).not.toBe(early);
    expect(late.signal.aborted).toBe(false);
  });

  test("shares one deadline between at most 16 attempts, and only for the same timeout", () => {
    const timeouts = attemptTimeouts();
    const deadlines = new Set(Array.from({ length: 40 }, () => timeouts.start(1_000)));
    expect(deadlines.size).toBe(3);
    expect(timeouts.start(2_000)).not.toBe(timeouts.start(1_000));
  });

  test("keeps no timer once every attempt of a closed deadline is released", () => {
    const timeouts = attemptTimeouts();
    const deadlines = Array.from({ length: 20 }, () => timeouts.start(60_000));
    for (const deadline of deadlines) deadline.release();
    vi.advanceTimersByTime(1_000);
    timeouts.start(60_000).release();
    expect(vi.getTimerCount()).toBe(1);
  });

  test("follows a caller's signal with a deadline of the attempt's own", () => {
    const timeouts = attemptTimeouts();
    const controller = new AbortController();
    const deadline = timeouts.start(1_000, controller.signal);
    expect(timeouts.start(1_000, controller.signal)).not.toBe(deadline);
    controller.abort(new Error("stop"));
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.timedOut).toBe(false);
    expect(deadline.signal.reason).toEqual(new Error("stop"));
    deadline.release();
  });

  test("times out an attempt that follows a caller's signal, and disarms once released", () => {
    const timeouts = attemptTimeouts();
    const deadline = timeouts.start(500, new AbortController().signal);
    vi.advanceTimersByTime(500);
    expect(deadline.timedOut).toBe(true);
    const other = timeouts.start(500, new AbortController().signal);
    other.release();
    expect(vi.getTimerCount()).toBe(0);
  });
});

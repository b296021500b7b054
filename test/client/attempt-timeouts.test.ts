import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { AttemptTimeouts } from "../../src/timeout.ts";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("AttemptTimeouts", () => {
  test("fires no earlier than timeoutMs and no later than timeoutMs plus 1%", () => {
    const timeouts = new AttemptTimeouts();
    const attempt = timeouts.start(10_000);
    vi.advanceTimersByTime(9_999);
    expect(attempt.signal.aborted).toBe(false);
    vi.advanceTimersByTime(101);
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.timedOut).toBe(true);
    expect((attempt.signal.reason as DOMException).name).toBe("TimeoutError");
  });

  test("gives an attempt that starts later in a shared window its full timeout", () => {
    const timeouts = new AttemptTimeouts();
    const first = timeouts.start(10_000);
    vi.advanceTimersByTime(90);
    const second = timeouts.start(10_000);
    expect(second.signal).toBe(first.signal);
    vi.advanceTimersByTime(9_990);
    expect(second.signal.aborted).toBe(false);
    vi.advanceTimersByTime(20);
    expect(second.timedOut).toBe(true);
  });

  test("starts a fresh deadline once the window has passed: nothing expires for later calls", () => {
    const timeouts = new AttemptTimeouts();
    const early = timeouts.start(1_000);
    early.clear();
    vi.advanceTimersByTime(5_000);
    const late = timeouts.start(1_000);
    expect(late.signal).not.toBe(early.signal);
    expect(late.signal.aborted).toBe(false);
  });

  test("shares one deadline between at most 16 attempts", () => {
    const timeouts = new AttemptTimeouts();
    const signals = new Set(Array.from({ length: 40 }, () => timeouts.start(1_000).signal));
    expect(signals.size).toBe(3);
  });

  test("keeps no timer once every attempt of a closed window is cleared", () => {
    const timeouts = new AttemptTimeouts();
    const attempts = Array.from({ length: 20 }, () => timeouts.start(60_000));
    for (const attempt of attempts) attempt.clear();
    vi.advanceTimersByTime(1_000);
    timeouts.start(60_000).clear();
    expect(vi.getTimerCount()).toBe(1);
  });

  test("follows a caller's signal with a deadline of the attempt's own", () => {
    const timeouts = new AttemptTimeouts();
    const controller = new AbortController();
    const attempt = timeouts.start(1_000, controller.signal);
    controller.abort(new Error("stop"));
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.timedOut).toBe(false);
    expect(attempt.signal.reason).toEqual(new Error("stop"));
    attempt.clear();
  });

  test("times out an attempt that follows a caller's signal", () => {
    const timeouts = new AttemptTimeouts();
    const attempt = timeouts.start(500, new AbortController().signal);
    vi.advanceTimersByTime(500);
    expect(attempt.timedOut).toBe(true);
  });
});

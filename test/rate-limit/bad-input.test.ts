/** Bad options of the waits: a `TogaiConfigError` at creation, naming the option. */
import { describe, expect, test } from "vitest";
import { createCreditsClient, createRateLimiter, TogaiConfigError } from "../../src/index.ts";

const base = { token: "t", baseUrl: "http://127.0.0.1:1" };

describe("bad options", () => {
  test.each([0, -1, 1.5, Number.NaN, Infinity, "4"])("maxConcurrency %s", (maxConcurrency) => {
    expect(() =>
      createCreditsClient({ ...base, maxConcurrency: maxConcurrency as number }),
    ).toThrow(new TogaiConfigError("maxConcurrency must be a whole number above 0"));
  });

  test.each([0, -2, Infinity, -Infinity, Number.NaN, "10"])(
    "rateLimit.requestsPerSecond %s",
    (requestsPerSecond) => {
      expect(() =>
        createCreditsClient({
          ...base,
          rateLimit: { requestsPerSecond: requestsPerSecond as number },
        }),
      ).toThrow(new TogaiConfigError("rateLimit.requestsPerSecond must be a number above 0"));
      expect(() => createRateLimiter({ requestsPerSecond: requestsPerSecond as number })).toThrow(
        new TogaiConfigError("requestsPerSecond must be a number above 0"),
      );
    },
  );

  test.each([0, 0.5, -1, Infinity, Number.NaN])("burst %s", (burst) => {
    expect(() =>
      createCreditsClient({ ...base, rateLimit: { requestsPerSecond: 5, burst } }),
    ).toThrow(new TogaiConfigError("rateLimit.burst must be a number of at least 1"));
    expect(() => createRateLimiter({ requestsPerSecond: 5, burst })).toThrow(
      new TogaiConfigError("burst must be a number of at least 1"),
    );
  });

  test.each([
    ["an empty object", {}],
    ["acquire alone", { acquire: () => Promise.resolve() }],
    ["pauseUntil alone", { pauseUntil: () => undefined }],
    ["a number", 10],
    ["null", null],
  ])("rateLimit: %s", (_label, rateLimit) => {
    expect(() => createCreditsClient({ ...base, rateLimit: rateLimit as never })).toThrow(
      new TogaiConfigError(
        "rateLimit must be { requestsPerSecond, burst? } or a RateLimiter { acquire, pauseUntil }",
      ),
    );
  });

  test("createRateLimiter without options", () => {
    expect(() => createRateLimiter(undefined as never)).toThrow(TogaiConfigError);
  });

  test("a burst of 1 and a fractional rate are fine", () => {
    expect(() => createRateLimiter({ requestsPerSecond: 0.01, burst: 1 })).not.toThrow();
    expect(() => createCreditsClient({ ...base, maxConcurrency: 1 })).not.toThrow();
  });
});

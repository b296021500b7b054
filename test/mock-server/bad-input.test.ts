/**
 * Bad input to the kit gets a clear error at the call that made it, never a crash or a wrong
 * answer later: faults checked on `inject`, counts on `seed`, options on start, and, in
 * process, requests to another origin.
 */
import { describe, expect, test } from "vitest";
import {
  createMockFetch,
  startMockServer,
  type Fault,
  type FaultMatch,
  type MockServerOptions,
} from "../helpers/mock.ts";
import { forEachDriver, useMockServer } from "./harness.ts";

type ErrorClass = typeof TypeError | typeof RangeError;

forEachDriver((driver) => {
  const mock = useMockServer(driver);

  describe("inject() refuses a fault it cannot apply", () => {
    test("an unknown kind: a TypeError naming it and listing the kinds", () => {
      expect(() => {
        mock.server.inject({ kind: "explode" } as unknown as Fault);
      }).toThrow(
        new TypeError(
          'inject: unknown fault kind "explode"; the kinds are status, delayHeaders, stallBody, ' +
            "resetBeforeHeaders, resetMidHeaders, resetMidBody, dropAfterProcessing, " +
            "truncatedJson, html, emptyBody, contentType, body, hugeBody, redirect, repeatNextToken",
        ),
      );
    });

    test.each<[string, unknown, ErrorClass, string]>([
      ["no fault at all", undefined, TypeError, "unknown fault kind undefined"],
      ["a missing field", { kind: "status" }, TypeError, "a status fault needs status"],
      [
        "a field of the wrong type",
        { kind: "delayHeaders", ms: "100" },
        TypeError,
        'a delayHeaders fault\'s ms must be a non-negative integer, got "100"',
      ],
      [
        "a field the kind does not take",
        { kind: "resetMidBody", ms: 10 },
        TypeError,
        "a resetMidBody fault has no field ms",
      ],
      [
        "headers that are not strings",
        { kind: "status", status: 503, headers: { "retry-after": 2 } },
        TypeError,
        "a status fault's headers must be an object of string header values",
      ],
      [
        "a negative delay",
        { kind: "stallBody", ms: -1 },
        RangeError,
        "a stallBody fault's ms must be a non-negative integer, got -1",
      ],
      [
        "a status out of range",
        { kind: "html", status: 99 },
        RangeError,
        "a html fault's status must be an HTTP status from 200 to 599, got 99",
      ],
      [
        "a redirect status that is not a redirect",
        { kind: "redirect", location: "/elsewhere", status: 200 },
        RangeError,
        "a redirect fault's status must be a redirect status: 301, 302, 303, 307 or 308, got 200",
      ],
    ])("%s", (_label, fault, ErrorClass, message) => {
      expect(() => {
        mock.server.inject(fault as Fault);
      }).toThrow(ErrorClass);
      expect(() => {
        mock.server.inject(fault as Fault);
      }).toThrow(message);
    });

    test.each<[string, FaultMatch, ErrorClass, string]>([
      ["a times of 0", { times: 0 }, RangeError, "times must be a positive integer, got 0"],
      ["a times of 1.5", { times: 1.5 }, RangeError, "times must be a positive integer, got 1.5"],
      [
        "a method that is not a string",
        { method: 1 as unknown as string },
        TypeError,
        "match.method must be a string",
      ],
      [
        "a path that is neither a string nor a RegExp",
        { path: ["/credits"] as unknown as string },
        TypeError,
        "match.path must be a string or a RegExp",
      ],
    ])("%s", (_label, match, ErrorClass, message) => {
      const fault: Fault = { kind: "status", status: 503 };
      expect(() => {
        mock.server.inject(fault, match);
      }).toThrow(ErrorClass);
      expect(() => {
        mock.server.inject(fault, match);
      }).toThrow(message);
    });

    test("a refused fault is not armed: the next answer is a normal one", async () => {
      expect(() => {
        mock.server.inject({ kind: "status", status: 503 }, { times: 0 });
      }).toThrow(RangeError);
      expect(mock.server.pendingFaults()).toBe(0);
      expect((await mock.call("GET", "/credits")).status).toBe(200);
    });
  });

  describe("seed() refuses a count that is not a non-negative integer", () => {
    test.each([-1, 1.5, Number.NaN])("seed(%s): a RangeError naming the count", (count) => {
      expect(() => mock.server.seed(count)).toThrow(RangeError);
      expect(() => mock.server.seed(count)).toThrow(
        `seed: count must be a non-negative integer, got ${count}`,
      );
      expect(mock.server.store.size).toBe(0);
    });

    test("seed(0) inserts nothing", () => {
      expect(mock.server.seed(0)).toEqual([]);
    });

    test("fields that are neither an object nor a function: a TypeError", () => {
      expect(() => mock.server.seed(1, "ACC1" as never)).toThrow(
        new TypeError(
          "seed: fields must be an object of credit fields, or a function of the index",
        ),
      );
    });
  });

  describe("start refuses bad options", () => {
    test.each<[string, MockServerOptions, ErrorClass, string]>([
      [
        "latencyMs: -1",
        { latencyMs: -1 },
        RangeError,
        "mock: latencyMs must be a non-negative integer, got -1",
      ],
      [
        "latencyMs: 0.5",
        { latencyMs: 0.5 },
        RangeError,
        "mock: latencyMs must be a non-negative integer, got 0.5",
      ],
      [
        "a token with a space",
        { token: "two words" },
        TypeError,
        "mock: token must be a non-empty string without spaces",
      ],
      [
        "a now that is not a function",
        { now: new Date() as unknown as () => Date },
        TypeError,
        "mock: now must be a function that returns a Date",
      ],
      [
        "a checkAnswers that is neither a boolean nor a function",
        { checkAnswers: "yes" as unknown as boolean },
        TypeError,
        "mock: checkAnswers must be a boolean or a function",
      ],
    ])("%s", async (_label, options, ErrorClass, message) => {
      const starting = driver.start(options);
      await expect(starting).rejects.toThrow(ErrorClass);
      await expect(starting).rejects.toThrow(message);
    });
  });

  test("a now() that returns no Date: the request fails, and close() rejects naming it", async () => {
    let date: unknown = new Date("2030-01-01T00:00:00.000Z");
    const broken = await driver.start({ now: () => date as Date });
    date = "tomorrow";
    const headers = { authorization: `Bearer ${broken.token}`, "content-type": "application/json" };
    const body = JSON.stringify({ creditRequests: [] });
    // Over HTTP the request fails as a 500, in process as a rejected fetch.
    await broken.send("/credits", { method: "POST", headers, body }).catch(() => undefined);
    await broken.whenIdle();
    const problem = "now() must return a valid Date, got tomorrow";
    expect(broken.specViolations).toEqual([expect.stringContaining(problem)]);
    await expect(broken.close()).rejects.toThrow(problem);
  });
});

describe("in process", () => {
  test("createMockFetch({ port }): a TypeError, since it has no socket", () => {
    expect(() => createMockFetch({ port: 1 } as MockServerOptions)).toThrow(
      new TypeError(
        "createMockFetch: port is an option of startMockServer; this mock has no socket",
      ),
    );
  });

  test("createMockFetch({ latencyMs: -1 }) throws at once", () => {
    expect(() => createMockFetch({ latencyMs: -1 })).toThrow(
      new RangeError("mock: latencyMs must be a non-negative integer, got -1"),
    );
  });

  test("a request to another origin: a TypeError naming both origins", async () => {
    const mock = createMockFetch();
    const sending = mock.fetch("https://api.togai.com/credits");
    await expect(sending).rejects.toThrow(TypeError);
    await expect(sending).rejects.toThrow(
      "mock fetch: https://api.togai.com/credits is on origin https://api.togai.com, but this mock answers only its baseUrl's origin, https://mock.togai.test",
    );
    expect(mock.requests).toHaveLength(0);
    await mock.close();
  });

  test("a relative URL: the TypeError of Request, naming it", async () => {
    const mock = createMockFetch();
    await expect(mock.fetch("/credits")).rejects.toThrow(TypeError);
    await expect(mock.fetch("/credits")).rejects.toThrow("/credits");
    await mock.close();
  });
});

describe("over HTTP", () => {
  test.each([70_000, -1, 1.5, "8080"])(
    "startMockServer({ port: %j }) rejects with a RangeError naming the port",
    async (port) => {
      const starting = startMockServer({ port: port as number });
      await expect(starting).rejects.toThrow(RangeError);
      await expect(starting).rejects.toThrow(
        `startMockServer: port must be an integer from 0 to 65535, got ${JSON.stringify(port)}`,
      );
    },
  );

  test("a port in use: rejects with EADDRINUSE", async () => {
    const first = await startMockServer();
    try {
      const { port } = new URL(first.url);
      await expect(startMockServer({ port: Number(port) })).rejects.toMatchObject({
        code: "EADDRINUSE",
      });
    } finally {
      await first.close();
    }
  });
});

import { describe, expect, test } from "vitest";
import { TogaiValidationError } from "../../src/index.ts";
import { createCreditsClient } from "../helpers/transport.ts";
import { delay } from "../../src/delay.ts";
import { causeCode } from "../../src/retry.ts";

const togai = createCreditsClient({
  token: "t",
  fetch: () => Promise.resolve(Response.json({ data: [] })),
});

describe("input edges", () => {
  test("list params that are not an object are refused, naming params", async () => {
    await expect(togai.credits.list("ACTIVE" as never)).rejects.toThrow(
      new TogaiValidationError("params", 'must be an object; got "ACTIVE"'),
    );
  });

  test("list params set to undefined are left out, as if absent", async () => {
    await expect(togai.credits.list({ status: undefined as never })).resolves.toEqual({ data: [] });
  });

  test("the raw client writes arrays and objects as form with explode, OpenAPI's default", async () => {
    const urls: string[] = [];
    const raw = createCreditsClient({
      token: "t",
      fetch: (input) => {
        urls.push(input instanceof Request ? input.url : String(input));
        return Promise.resolve(Response.json({ data: [] }));
      },
    }).raw;
    await raw.GET("/credits", { params: { query: { status: ["ACTIVE", "VOIDED"] as never } } });
    await raw.GET("/credits", { params: { query: { status: { a: "1", "b&c": "2" } as never } } });
    expect(urls.map((url) => new URL(url).search)).toEqual([
      "?status=ACTIVE&status=VOIDED",
      "?a=1&b%26c=2",
    ]);
  });

  test("the raw client refuses a query value it cannot write, naming it", async () => {
    await expect(
      togai.raw.GET("/credits", { params: { query: { status: [{}] as never } } }),
    ).rejects.toThrow("query parameter status[0]: must be a string, a finite number or a boolean");
  });
});

describe("delay", () => {
  test("rejects at once with the reason of a signal already aborted", async () => {
    const reason = new Error("gone");
    await expect(delay(10_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });
});

describe("causeCode", () => {
  test("finds a code along the chain of causes, or none", () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }),
    });
    expect(causeCode(refused)).toBe("ECONNREFUSED");
    expect(causeCode(new Error("plain"))).toBeUndefined();
  });
});

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

  test("the raw client refuses a query value that is an object", async () => {
    await expect(
      togai.raw.GET("/credits", { params: { query: { status: {} as never } } }),
    ).rejects.toThrow("query parameter status: must be a string or a number");
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

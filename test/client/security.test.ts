import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { TogaiApiError, TogaiError } from "../../src/index.ts";
import { createCreditsClient } from "../helpers/transport.ts";
import { clientFor, sampleCreditRequest, useMockServer } from "../helpers/mock-client.ts";

const server = useMockServer();
const TOKEN_MARK = "test-token";

function expectNoToken(text: string, token: string): void {
  expect(text).not.toContain(token);
}

describe("the token", () => {
  test("never appears in an error's message, stack, JSON or inspection", async () => {
    const togai = clientFor(server());
    const errors: unknown[] = [];
    server().inject({ kind: "status", status: 400, body: { message: "no" } });
    errors.push(await togai.credits.list().catch((e: unknown) => e));
    errors.push(await togai.credits.get("missing").catch((e: unknown) => e));
    errors.push(await togai.credits.list({ pageSize: 0 }).catch((e: unknown) => e));
    server().inject({ kind: "resetBeforeHeaders" }, { times: 3 });
    errors.push(await togai.credits.list().catch((e: unknown) => e));
    for (const error of errors) {
      expect(error).toBeInstanceOf(TogaiError);
      const e = error as Error;
      expectNoToken(e.message, server().token);
      expectNoToken(e.stack ?? "", server().token);
      expectNoToken(JSON.stringify(e), server().token);
      expectNoToken(inspect(e, { depth: 10, showHidden: true }), server().token);
    }
  });

  test("never appears in util.inspect of the client", () => {
    const togai = createCreditsClient({ token: "sk-secret-inspect", baseUrl: server().url });
    expectNoToken(inspect(togai, { depth: 10, showHidden: true }), "sk-secret-inspect");
    expectNoToken(inspect(togai.credits, { depth: 10, showHidden: true }), "sk-secret-inspect");
  });

  test("never appears in a log line", async () => {
    const lines: string[] = [];
    const togai = clientFor(server(), {
      logger: { debug: (message, fields) => lines.push(message + JSON.stringify(fields)) },
    });
    server().inject({ kind: "status", status: 503 });
    await togai.credits.create({ creditRequests: [sampleCreditRequest()] });
    await togai.credits.get("missing").catch(() => undefined);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/"attempt":1.*"outcome":"retry"/u);
    for (const line of lines) expectNoToken(line, TOKEN_MARK);
  });

  test("is never sent across a redirect, which raises TogaiApiError naming the Location", async () => {
    server().inject({ kind: "redirect", location: "https://evil.example/steal", status: 307 });
    const error = await clientFor(server())
      .credits.create({ creditRequests: [sampleCreditRequest()] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TogaiApiError);
    expect((error as TogaiApiError).status).toBe(307);
    expect((error as Error).message).toBe(
      "POST /credits 307: redirect to https://evil.example/steal not followed",
    );
    expect(server().requests).toHaveLength(1);
  });
});

describe("path parameters", () => {
  test("any id string reaches the server as exactly one path segment, decoded back to itself", async () => {
    const togai = clientFor(server(), { maxRetries: 0 });
    const ids = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 20 })
      .filter((id) => id !== "." && id !== "..");
    const tricky = fc.constantFrom(
      "a/b",
      "../x",
      "?q=1",
      "#frag",
      "%2e%2e",
      "%2F",
      "a%00b",
      "\\",
      " ",
      "..%2f",
      ";x",
      "\n",
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(ids, tricky), async (id) => {
        server().reset();
        await togai.credits.get(id).catch(() => undefined);
        const request = server().requests[0]!;
        const segments = request.path.split("/");
        expect(segments).toHaveLength(3);
        expect(segments[1]).toBe("credits");
        expect(decodeURIComponent(segments[2]!)).toBe(id);
        expect(request.url).toBe(request.path);
      }),
      { numRuns: 150 },
    );
  });

  test("the void and balance routes keep their shape for hostile ids", async () => {
    const togai = clientFor(server(), { maxRetries: 0 });
    await togai.credits.void("x/../../accounts").catch(() => undefined);
    await togai.accounts.creditBalance("ACC/../../credits?").catch(() => undefined);
    expect(server().requests.map((r) => r.url)).toEqual([
      "/credits/x%2F..%2F..%2Faccounts/void",
      "/accounts/ACC%2F..%2F..%2Fcredits%3F/credit_balance",
    ]);
  });

  test("the raw client refuses ids that URL parsers resolve as navigation", async () => {
    const togai = clientFor(server());
    await expect(
      togai.raw.GET("/credits/{credit_id}", { params: { path: { credit_id: ".." } } }),
    ).rejects.toThrow('path parameter credit_id: must not be "." or ".."');
  });
});

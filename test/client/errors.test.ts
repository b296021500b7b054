import { describe, expect, test } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TogaiApiError,
  TogaiConfigError,
  TogaiConnectionError,
  TogaiError,
  TogaiValidationError,
  UnexpectedResponseError,
} from "../../src/index.ts";
import { createCreditsClient } from "../helpers/transport.ts";
import {
  clientFor,
  closedPort,
  rejectionOf,
  sampleCreditRequest,
  useMockServer,
} from "../helpers/mock-client.ts";

const server = useMockServer();

function rejection(promise: Promise<unknown>): Promise<TogaiError> {
  return rejectionOf(promise, TogaiError);
}

describe("TogaiApiError", () => {
  test.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [409, TogaiApiError],
  ])("a %i answer raises %o", async (status, ErrorClass) => {
    server().inject({ kind: "status", status, body: { message: "it went wrong" } }, { times: 3 });
    const error = await rejection(clientFor(server()).credits.list());
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.name).toBe(ErrorClass.name);
    expect(error).toMatchObject({
      status,
      method: "GET",
      path: "/credits",
      body: { message: "it went wrong" },
    });
    expect(error.message).toBe(`GET /credits ${String(status)}: it went wrong`);
  });

  test("a 404 from the API names the method, path and the body's message", async () => {
    const error = await rejection(clientFor(server()).credits.get("creds.missing"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toMatch(/^GET \/credits\/creds\.missing 404: .+/u);
  });

  test("voiding twice raises BadRequestError with the API's message", async () => {
    const [credit] = server().seed(1);
    const togai = clientFor(server());
    await togai.credits.void(credit!.id);
    const error = await rejectionOf(togai.credits.void(credit!.id), BadRequestError);
    expect(error.body).toEqual({ message: expect.any(String) as string });
  });

  test("a wrong token raises AuthenticationError", async () => {
    const togai = createCreditsClient({ token: "wrong", baseUrl: server().url });
    expect(await rejection(togai.credits.list())).toBeInstanceOf(AuthenticationError);
  });

  test("a non-JSON error body is kept as text and described by its status", async () => {
    server().inject({ kind: "html", status: 502 }, { times: 3 });
    const error = await rejectionOf(clientFor(server()).credits.list(), InternalServerError);
    expect(error.body).toEqual(expect.stringContaining("<html"));
    expect(error.message).toBe("GET /credits 502: Bad Gateway");
  });

  test("carries the request id and the headers of the answer", async () => {
    server().inject({ kind: "status", status: 403, headers: { "x-request-id": "req-123" } });
    const error = await rejectionOf(clientFor(server()).credits.list(), TogaiApiError);
    expect(error.requestId).toBe("req-123");
    expect(error.headers.get("x-request-id")).toBe("req-123");
  });
});

describe("UnexpectedResponseError", () => {
  test.each([
    ["an empty body", { kind: "emptyBody" } as const, "the body is empty"],
    ["a truncated JSON body", { kind: "truncatedJson" } as const, "the body is not valid JSON"],
    [
      "a body that is not JSON",
      { kind: "body", body: "OK", contentType: "text/plain" } as const,
      "the body is not valid JSON",
    ],
    ["a JSON array", { kind: "body", body: [] } as const, "the body is not a JSON object"],
    [
      "a page without data",
      { kind: "body", body: { items: [] } } as const,
      "the page has no `data` array",
    ],
  ])("is raised for a 2xx with %s, and not retried", async (_, fault, description) => {
    server().inject(fault);
    const error = await rejectionOf(clientFor(server()).credits.list(), UnexpectedResponseError);
    expect(error.status).toBe(200);
    expect(error.message).toBe(`GET /credits 200: ${description}`);
    expect(server().requests).toHaveLength(1);
  });

  test("a JSON body is parsed whatever its content type", async () => {
    server().inject({ kind: "contentType", contentType: "text/plain" });
    const page = await clientFor(server()).credits.list();
    expect(page.data).toEqual([]);
  });
});

describe("TogaiConnectionError", () => {
  test("is raised with its cause when the connection is refused", async () => {
    const togai = createCreditsClient({
      token: "t",
      baseUrl: `http://127.0.0.1:${String(await closedPort())}`,
      maxRetries: 0,
    });
    const error = await rejection(togai.credits.list());
    expect(error).toBeInstanceOf(TogaiConnectionError);
    expect(error.message).toBe("GET /credits: connection failed (ECONNREFUSED)");
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe("TogaiValidationError", () => {
  const togai = createCreditsClient({ token: "t", fetch: () => Promise.reject(new Error("sent")) });

  test.each([
    ["a pageSize above 50", () => togai.credits.list({ pageSize: 51 }), "params.pageSize"],
    ["a pageSize of 0", () => togai.credits.list({ pageSize: 0 }), "params.pageSize"],
    ["a fractional pageSize", () => togai.credits.list({ pageSize: 2.5 }), "params.pageSize"],
    ["a string pageSize", () => togai.credits.list({ pageSize: "10" as never }), "params.pageSize"],
    [
      "an unknown status",
      () => togai.credits.list({ status: "PROCESSED" as never }),
      "params.status",
    ],
    [
      "an unknown parameter",
      () => togai.credits.list({ page_size: 5 } as never),
      "params.page_size",
    ],
    [
      "a non-string account_id",
      () => togai.credits.list({ account_id: 7 as never }),
      "params.account_id",
    ],
    ["an empty credit id", () => togai.credits.get(""), "creditId"],
    ["a non-string credit id", () => togai.credits.void(42 as never), "creditId"],
    ['a credit id of ".."', () => togai.credits.get(".."), "creditId"],
    ["a lone surrogate", () => togai.credits.get("\ud800"), "creditId"],
    ["an empty account id", () => togai.accounts.creditBalance(""), "accountId"],
    ["a missing creditRequests", () => togai.credits.create({} as never), "body.creditRequests"],
    ["a body that is not an object", () => togai.credits.create(null as never), "body"],
    [
      "a credit request that is not an object",
      () => togai.credits.create({ creditRequests: ["x"] } as never),
      "body.creditRequests[0]",
    ],
    ["a negative timeout", () => togai.credits.list({}, { timeoutMs: -1 }), "options.timeoutMs"],
    [
      "a fractional maxRetries",
      () => togai.credits.list({}, { maxRetries: 1.5 }),
      "options.maxRetries",
    ],
    [
      "a signal that is not an AbortSignal",
      () => togai.credits.list({}, { signal: {} as never }),
      "options.signal",
    ],
  ])("is raised before any request for %s, naming the argument", async (_, call, argument) => {
    const error = await rejectionOf(call(), TogaiValidationError);
    expect(error.argument).toBe(argument);
    expect(error.message.startsWith(`${argument}: `)).toBe(true);
  });

  test("is not raised for an empty creditRequests: the spec sets no minimum", async () => {
    const error = await rejectionOf(
      togai.credits.create({ creditRequests: [] }, { maxRetries: 0 }),
      TogaiConnectionError,
    );
    expect(error.message).toContain("POST /credits");
  });

  test("pages and listAll check their parameters when called, before iterating", () => {
    expect(() => togai.credits.pages({ pageSize: 99 })).toThrow(TogaiValidationError);
    expect(() => togai.credits.listAll({ pageSize: 99 })).toThrow(TogaiValidationError);
  });
});

describe("TogaiConfigError", () => {
  test.each([
    ["no token", {}, "No API token"],
    ["an empty token", { token: "" }, "token must be a non-empty string"],
    [
      "a token with a newline",
      { token: "abc\r\nx-evil: 1" },
      "token must be a non-empty string of printable ASCII",
    ],
    [
      "a malformed baseUrl",
      { token: "t", baseUrl: "not a url" },
      "baseUrl is not a valid absolute URL",
    ],
    ["plain http off loopback", { token: "t", baseUrl: "http://api.togai.com" }, "plain http:"],
    ["credentials in baseUrl", { token: "t", baseUrl: "https://u:p@api.togai.com" }, "credentials"],
    ["a query in baseUrl", { token: "t", baseUrl: "https://api.togai.com/?a=1" }, "query"],
    ["an ftp baseUrl", { token: "t", baseUrl: "ftp://api.togai.com" }, "must use https:"],
    [
      "an unknown environment",
      { token: "t", environment: "staging" as never },
      "environment must be one of",
    ],
    ["a negative maxRetries", { token: "t", maxRetries: -1 }, "maxRetries"],
    ["a zero timeout", { token: "t", timeoutMs: 0 }, "timeoutMs"],
    [
      "a negative backoff",
      { token: "t", backoff: { initialDelayMs: -5 } },
      "backoff.initialDelayMs",
    ],
    [
      "a fetch that is not a function",
      { token: "t", fetch: "x" as never },
      "fetch must be a function",
    ],
  ])("is raised at creation for %s", (_, options, message) => {
    const saved = process.env.TOGAI_API_TOKEN;
    delete process.env.TOGAI_API_TOKEN;
    try {
      expect(() => createCreditsClient(options)).toThrow(TogaiConfigError);
      expect(() => createCreditsClient(options)).toThrow(message);
    } finally {
      if (saved !== undefined) process.env.TOGAI_API_TOKEN = saved;
    }
  });

  test("accepts http to loopback hosts", () => {
    for (const baseUrl of ["http://127.0.0.1:1", "http://localhost:8080", "http://[::1]:9"]) {
      expect(() => createCreditsClient({ token: "t", baseUrl })).not.toThrow();
    }
  });
});

describe("credits.create errors", () => {
  test("carry the idempotency keys that were sent", async () => {
    server().inject({ kind: "status", status: 400, body: { message: "bad" } });
    const error = await rejection(
      clientFor(server()).credits.create({
        creditRequests: [sampleCreditRequest({ idempotencyKey: "mine" }), sampleCreditRequest()],
      }),
    );
    expect(error.idempotencyKeys).toEqual(["mine", expect.stringMatching(/^[0-9a-f-]{36}$/u)]);
  });
});

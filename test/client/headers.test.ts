/**
 * Header parameters and header values, on both transports: a declared header parameter goes in
 * the last argument's `header`, is checked with its schema and written with `style: simple`;
 * every header value (a parameter's, a per-call or a client-wide `headers` entry) is trimmed,
 * and one holding CR, LF or NUL is refused before anything is sent, never retried.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { TogaiConfigError, TogaiValidationError } from "../../src/index.ts";
import type { OperationEntry } from "../../src/operation-table.ts";
import { clientOf, TRANSPORT, type TestMethod } from "../helpers/transport.ts";
import { answerJson, startTestServer, type TestServer } from "../transport/server.ts";

const GET_WIDGET: OperationEntry = {
  operationId: "getWidget",
  group: "widgets",
  name: "get",
  method: "GET",
  path: "/widgets",
  pathParams: [],
  header: {
    type: "object",
    properties: {
      "X-Account-Scope": { type: "string", enum: ["eu", "us"] },
      "X-Tags": { type: "array", items: { type: "string" } },
      "X-Limit": { type: "integer", minimum: 1 },
      "X-Window": {
        type: "object",
        properties: { from: { type: "integer" }, to: { type: "integer" } },
      },
      "X-Pair": { type: "object", properties: { k: { type: "string" } } },
      "X-Ref": { type: "string" },
    },
  },
  headerParams: [
    { name: "X-Account-Scope", explode: false },
    { name: "X-Tags", explode: false },
    { name: "X-Limit", explode: false },
    { name: "X-Window", explode: true },
    { name: "X-Pair", explode: false },
    { name: "X-Ref", explode: false },
  ],
  answers: [{ status: "200", kind: "json" }],
  accept: "application/json",
  retry: { class: "idempotent", statusCodes: [503], connectionErrors: true },
};

const REQUIRED_HEADER: OperationEntry = {
  ...GET_WIDGET,
  operationId: "createWidget",
  name: "create",
  method: "POST",
  header: {
    type: "object",
    properties: { "X-Source": { type: "string" } },
    required: ["X-Source"],
  },
  headerParams: [{ name: "X-Source", explode: false }],
};

let server: TestServer;
let widgets: Record<string, TestMethod>;

beforeAll(async () => {
  server = await startTestServer(answerJson({ ok: true }));
  widgets = clientOf([GET_WIDGET, REQUIRED_HEADER], {
    token: "t",
    baseUrl: server.url,
    backoff: { initialDelayMs: 1, maxDelayMs: 2 },
  }).widgets!;
});

afterAll(async () => {
  await server.close();
});

let before = 0;
beforeEach(() => {
  before = server.requests.length;
});

/** The headers of the one request the call sent. */
function sentHeaders(): Record<string, unknown> {
  const sent = server.requests.slice(before);
  expect(sent).toHaveLength(1);
  return sent[0]!.headers;
}

/** The widgets of a client with `validateRequests: false`. */
function uncheckedWidgets(): Record<string, TestMethod> {
  return clientOf([GET_WIDGET], { token: "t", baseUrl: server.url, validateRequests: false })
    .widgets!;
}

/** Awaits a call that must be refused before sending, naming `argument`. */
async function refused(call: Promise<unknown>, argument: string, rule: RegExp): Promise<void> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TogaiValidationError);
  expect((error as TogaiValidationError).argument).toBe(argument);
  expect((error as Error).message).toMatch(rule);
  expect(server.requests.length - before, "nothing was sent").toBe(0);
}

describe(`header parameters, on the ${TRANSPORT} transport`, () => {
  test("are sent from options.header, written with style simple", async () => {
    await widgets.get!({ header: { "X-Account-Scope": "eu", "X-Tags": ["a", "b"], "X-Limit": 5 } });
    expect(sentHeaders()).toMatchObject({
      "x-account-scope": "eu",
      "x-tags": "a,b",
      "x-limit": "5",
    });
  });

  test("write an object's members as k=v with explode, as k,v without", async () => {
    await widgets.get!({
      header: { "X-Window": { from: 1, to: 2 }, "X-Pair": { k: "v", gone: undefined } },
    });
    expect(sentHeaders()).toMatchObject({ "x-window": "from=1,to=2", "x-pair": "k,v" });
  });

  test("refuse a member or an item that is not a primitive, naming it, even without validation", async () => {
    const unchecked = uncheckedWidgets();
    await refused(
      unchecked.get!({ header: { "X-Tags": [{}] } }),
      "header.X-Tags[0]",
      /must be a string, a finite number or a boolean/u,
    );
  });

  test("compare names case-insensitively, and header wins over headers", async () => {
    await widgets.get!({
      header: { "x-account-scope": "us" },
      headers: { "X-ACCOUNT-SCOPE": "eu" },
    });
    expect(sentHeaders()["x-account-scope"]).toBe("us");
  });

  test("are still taken from options.headers", async () => {
    await widgets.get!({ headers: { "X-Account-Scope": "eu", "X-Limit": "3" } });
    expect(sentHeaders()).toMatchObject({ "x-account-scope": "eu", "x-limit": "3" });
  });

  test("taken from options.headers, are read by their schema to be checked, and sent as they are", async () => {
    const texts = { "X-Ref": "007", "X-Limit": "0010", "X-Tags": "a,b", "X-Window": "from=1,to=2" };
    await widgets.get!({ headers: texts });
    expect(sentHeaders()).toMatchObject({
      "x-ref": "007",
      "x-limit": "0010",
      "x-tags": "a,b",
      "x-window": "from=1,to=2",
    });
    for (const text of ["123", "true", "-0", "12345678901234567890"]) {
      before = server.requests.length;
      await widgets.get!({ headers: { "X-Ref": text } });
      expect(sentHeaders()["x-ref"], text).toBe(text);
    }
    before = server.requests.length;
    await refused(
      widgets.get!({ headers: { "X-Limit": "ten" } }),
      "header.X-Limit",
      /must be an integer; got "ten"/u,
    );
    before = server.requests.length;
    await uncheckedWidgets().get!({ headers: { "X-Limit": "007" } });
    expect(sentHeaders()["x-limit"]).toBe("007");
  });

  test("taken from options.headers, are checked with the parameter's schema", async () => {
    await refused(
      widgets.get!({ headers: { "X-Account-Scope": "mars" } }),
      "header.X-Account-Scope",
      /must be one of eu, us/u,
    );
  });

  test("are checked with their schemas, naming the header", async () => {
    await refused(
      widgets.get!({ header: { "X-Limit": 0 } }),
      "header.X-Limit",
      /must be at least 1/u,
    );
    await refused(
      widgets.get!({ header: { "X-Other": "x" } }),
      "header.X-Other",
      /is not defined in the spec/u,
    );
    await refused(widgets.create!({}), "header.X-Source", /is required/u);
  });
});

describe(`header values, on the ${TRANSPORT} transport`, () => {
  test("a trailing newline (a value read from a file) is trimmed and sent", async () => {
    await widgets.get!({
      headers: { "X-Trace": "abc\n" },
      header: { "X-Account-Scope": "eu\r\n" },
    });
    expect(sentHeaders()).toMatchObject({ "x-trace": "abc", "x-account-scope": "eu" });
  });

  test.each([
    ["CR", "a\rb"],
    ["LF", "a\nInjected: 1"],
    ["NUL", "a\u0000b"],
  ])("an interior %s in a per-call header is refused, never sent", async (_name, value) => {
    await refused(
      widgets.get!({ headers: { "X-Trace": value } }),
      "options.headers.X-Trace",
      /must not contain CR, LF or NUL/u,
    );
  });

  test("an interior CR LF in a header parameter is refused even without validation", async () => {
    const unchecked = uncheckedWidgets();
    await refused(
      unchecked.get!({ header: { "X-Account-Scope": "eu\r\nX-Evil: 1" } }),
      "header.X-Account-Scope",
      /must not contain CR, LF or NUL/u,
    );
  });

  test("a character HTTP cannot carry is refused", async () => {
    await refused(
      widgets.get!({ headers: { "X-Name": "zoë ☃" } }),
      "options.headers.X-Name",
      /printable Latin-1/u,
    );
  });

  test("a header name that is no token is refused before sending, never retried, and at creation", async () => {
    for (const name of ["x a", "x-a:", 'x"a']) {
      await refused(
        widgets.get!({ headers: { [name]: "v" } }),
        `options.headers.${name}`,
        /is not a valid header name/u,
      );
    }
    expect(() => clientOf([GET_WIDGET], { token: "t", headers: { "x a": "v" } })).toThrow(
      new TogaiConfigError("headers.x a: is not a valid header name"),
    );
  });

  test("an interior CR or LF in a client-wide header is a TogaiConfigError at creation", () => {
    expect(() => clientOf([GET_WIDGET], { token: "t", headers: { "X-Team": "a\nb" } })).toThrow(
      new TogaiConfigError("headers.X-Team: must not contain CR, LF or NUL"),
    );
  });
});

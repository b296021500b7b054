/**
 * How path and query parameters travel: each query parameter written by its own `style` and
 * `explode` (OpenAPI's defaults: `form`, exploded), every name, key and value percent-encoded,
 * `null` left out; a typed path parameter sent as one segment of its text. On both transports.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { TogaiValidationError } from "../../src/index.ts";
import type { OperationEntry } from "../../src/operation-table.ts";
import { styledQuery as serializeQuery } from "../../src/query-styles.ts";
import { clientOf, TRANSPORT, type TestMethod } from "../helpers/transport.ts";
import { answerJson, startTestServer, type TestServer } from "../transport/server.ts";

describe("styledQuery", () => {
  test.each([
    ["form, exploded", { style: "form", explode: true }, ["ACTIVE", "VOIDED"], "s=ACTIVE&s=VOIDED"],
    ["form, not exploded", { style: "form", explode: false }, ["promo", "q1"], "s=promo,q1"],
    ["spaceDelimited", { style: "spaceDelimited", explode: false }, [1, 2], "s=1%202"],
    ["pipeDelimited", { style: "pipeDelimited", explode: false }, ["a", "b"], "s=a|b"],
    ["an empty array", { style: "form", explode: false }, [], ""],
    ["a comma inside a value", { style: "form", explode: false }, ["a,b", "c"], "s=a%2Cb,c"],
  ] as const)("writes an array %s", (_title, rule, value, written) => {
    expect(serializeQuery({ s: value }, [{ name: "s", ...rule }])).toBe(written);
  });

  test.each([
    ["deepObject", { style: "deepObject", explode: true }, "f%5Bstatus%5D=ACTIVE&f%5Bmin%26x%5D=2"],
    ["form, exploded", { style: "form", explode: true }, "status=ACTIVE&min%26x=2"],
    ["form, not exploded", { style: "form", explode: false }, "f=status,ACTIVE,min%26x,2"],
  ] as const)("writes an object %s, every key encoded", (_title, rule, written) => {
    expect(serializeQuery({ f: { status: "ACTIVE", "min&x": 2 } }, [{ name: "f", ...rule }])).toBe(
      written,
    );
  });

  test("leaves null and undefined out, and encodes names and values", () => {
    expect(serializeQuery({ owner: null, x: undefined, "a b": "c&d", n: 1.5, ok: false })).toBe(
      "a%20b=c%26d&n=1.5&ok=false",
    );
  });

  test.each([
    [{ s: [{}] }, "query parameter s[0]", "must be a string, a finite number or a boolean"],
    [{ s: [Number.NaN] }, "query parameter s[0]", "must be a finite number"],
    [{ s: Infinity }, "query parameter s", "must be a finite number"],
    [{ s: "\uD800" }, "query parameter s", "must be a well-formed string (no lone surrogate)"],
  ])("refuses what it cannot write with a TogaiValidationError: %j", (query, argument, rule) => {
    expect(() => serializeQuery(query)).toThrow(new TogaiValidationError(argument, rule));
  });
});

const LIST: OperationEntry = {
  operationId: "listWidgets",
  group: "widgets",
  name: "list",
  method: "GET",
  path: "/widgets",
  pathParams: [],
  query: {
    type: "object",
    properties: {
      statuses: { type: "array", items: { type: "string", enum: ["ACTIVE", "RETIRED"] } },
      tags: { type: "array", items: { type: "string" } },
      filter: {
        type: "object",
        properties: { status: { type: "string" } },
        additionalProperties: false,
      },
      owner: { type: ["string", "null"] },
    },
  },
  queryParams: [
    { name: "statuses", style: "form", explode: true },
    { name: "tags", style: "form", explode: false },
    { name: "filter", style: "deepObject", explode: true },
    { name: "owner", style: "form", explode: true },
  ],
  answers: [{ status: "200", kind: "json" }],
  accept: "application/json",
  retry: { class: "idempotent", statusCodes: [503], connectionErrors: true },
};

const VERSION: OperationEntry = {
  ...LIST,
  operationId: "getVersion",
  name: "version",
  path: "/widgets/{widget_id}/versions/{version}",
  pathParams: [
    { name: "widget_id", argument: "widgetId", schema: { type: "string" } },
    {
      name: "version",
      argument: "version",
      schema: { type: "integer", minimum: 1 },
      types: ["integer"],
    },
  ],
};

let server: TestServer;
let widgets: Record<string, TestMethod>;
let before = 0;

beforeAll(async () => {
  server = await startTestServer(answerJson({}));
  widgets = clientOf(
    [LIST, { ...VERSION, query: undefined, queryParams: undefined }] as OperationEntry[],
    {
      token: "t",
      baseUrl: server.url,
    },
  ).widgets!;
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  before = server.requests.length;
});

function sentUrl(): string {
  const sent = server.requests.slice(before);
  expect(sent).toHaveLength(1);
  return sent[0]!.url;
}

describe(`parameters of a call, on the ${TRANSPORT} transport`, () => {
  test("each query parameter goes by its own style; null is left out", async () => {
    await widgets.list!({
      statuses: ["ACTIVE", "RETIRED"],
      tags: ["promo", "q1"],
      filter: { status: "ACTIVE" },
      owner: null,
    });
    expect(sentUrl()).toBe(
      "/widgets?statuses=ACTIVE&statuses=RETIRED&tags=promo,q1&filter%5Bstatus%5D=ACTIVE",
    );
  });

  test("array items are checked with their schema, naming the item", async () => {
    const error = await widgets.list!({ statuses: ["ACTIVE", "LOST"] }).catch(
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(TogaiValidationError);
    expect((error as TogaiValidationError).argument).toBe("params.statuses[1]");
    expect(server.requests.length - before).toBe(0);
  });

  test("an integer path parameter is sent as one segment of its text", async () => {
    await widgets.version!("w 1", 2);
    expect(sentUrl()).toBe("/widgets/w%201/versions/2");
  });

  test("an integer path parameter refuses what is not an integer, before any request", async () => {
    await expect(widgets.version!("w1", 1.5)).rejects.toThrow(
      new TogaiValidationError("version", "must be an integer; got 1.5"),
    );
    await expect(widgets.version!("w1", "2")).rejects.toThrow(
      new TogaiValidationError("version", 'must be an integer; got "2"'),
    );
    await expect(widgets.version!("w1", 0)).rejects.toThrow("version: must be at least 1; got 0");
  });
});

/**
 * How the testing kit reads what a request sends, with the operation table's rules: each
 * query parameter by its style and explode, header parameters with `style: simple`, path
 * parameters and items coerced as their schemas say, a body sent with the media type its
 * operation declares. The entries here are the test's own: they use constructs today's spec
 * does not (test/regeneration/constructs.test.ts drives the same through a generated spec).
 */
import { describe, expect, test } from "vitest";
import type { OperationEntry } from "../../src/operation-table.ts";
import { readHeaderParameters, readStyledQuery } from "../../src/testing/parameter-readers.ts";
import { checkRequestTo, type RawRequest } from "../../src/testing/validate-request.ts";

const WIDGETS: OperationEntry = {
  operationId: "listWidgets",
  group: "widgets",
  name: "list",
  method: "GET",
  path: "/widgets/{version}",
  pathParams: [
    {
      name: "version",
      argument: "version",
      schema: { type: "integer", minimum: 1 },
      types: ["integer"],
    },
  ],
  query: {
    type: "object",
    properties: {
      statuses: { type: "array", items: { type: "string", enum: ["ACTIVE", "RETIRED"] } },
      tags: { type: "array", items: { type: "string" } },
      sizes: { type: "array", items: { type: "integer", minimum: 1 } },
      colors: { type: "array", items: { type: "string" } },
      filter: {
        type: "object",
        additionalProperties: false,
        properties: { status: { type: "string" }, minSize: { type: "integer" } },
      },
      range: {
        type: "object",
        additionalProperties: false,
        properties: { from: { type: "integer" }, to: { type: "integer" } },
      },
      pair: { type: "object", properties: { k: { type: "string" } } },
      owner: { type: ["string", "null"] },
      active: { type: "boolean" },
    },
  },
  queryParams: [
    { name: "statuses", style: "form", explode: true },
    { name: "tags", style: "form", explode: false },
    { name: "sizes", style: "spaceDelimited", explode: false },
    { name: "colors", style: "pipeDelimited", explode: false },
    { name: "filter", style: "deepObject", explode: false },
    { name: "range", style: "form", explode: true },
    { name: "pair", style: "form", explode: false },
  ],
  header: {
    type: "object",
    required: ["X-Source"],
    properties: {
      "X-Source": { type: "string" },
      "X-Tags": { type: "array", items: { type: "integer" } },
      "X-Window": { type: "object", properties: { from: { type: "integer" } } },
      "X-Pair": { type: "object", properties: { k: { type: "string" } } },
      "X-Flag": { type: "boolean" },
    },
  },
  headerParams: [
    { name: "X-Source", explode: false },
    { name: "X-Tags", explode: false },
    { name: "X-Window", explode: true },
    { name: "X-Pair", explode: false },
    { name: "X-Flag", explode: false },
  ],
  body: {
    schema: { type: "object", properties: { name: { type: "string" } } },
    required: true,
    contentType: "application/merge-patch+json",
  },
  answers: [{ status: "200", kind: "json" }],
  retry: { class: "idempotent", statusCodes: [503], connectionErrors: true },
};

const REQUEST: RawRequest = {
  query: "",
  params: { version: "2" },
  headers: { "x-source": "billing" },
  contentType: "application/merge-patch+json",
  body: '{"name":"Nut"}',
};

function check(request: Partial<RawRequest>) {
  return checkRequestTo(
    WIDGETS,
    { ...REQUEST, ...request },
    { query: readStyledQuery, header: readHeaderParameters },
  );
}

describe("the testing kit reads a request with the operation table's rules", () => {
  test("each query parameter by its style and explode, items coerced by their schema", () => {
    const checked = check({
      query:
        "statuses=ACTIVE&statuses=RETIRED&tags=promo,q1&sizes=1%202&colors=red|blue" +
        "&filter%5Bstatus%5D=ACTIVE&filter%5BminSize%5D=2&from=1&to=5&pair=k,v&active=true",
    });
    expect(checked).toEqual({
      ok: true,
      value: {
        params: { version: 2 },
        query: {
          statuses: ["ACTIVE", "RETIRED"],
          tags: ["promo", "q1"],
          sizes: [1, 2],
          colors: ["red", "blue"],
          filter: { status: "ACTIVE", minSize: 2 },
          range: { from: 1, to: 5 },
          pair: { k: "v" },
          active: true,
        },
        header: { "X-Source": "billing" },
        body: { name: "Nut" },
      },
    });
  });

  test("an item that breaks its schema is refused, naming it", () => {
    expect(check({ query: "sizes=1%200" })).toEqual({
      ok: false,
      status: 400,
      message: "sizes[1]: must be at least 1",
    });
    expect(check({ query: "statuses=LOST" })).toMatchObject({
      ok: false,
      message: /^statuses\[0\]: must be one of/u,
    });
    expect(check({ query: "filter%5Bother%5D=1" })).toMatchObject({
      ok: false,
      message: "filter.other: is not defined in the spec",
    });
    expect(check({ query: "unknown=1" })).toMatchObject({
      ok: false,
      message: "unknown: is not defined in the spec",
    });
  });

  test("header parameters are read case-insensitively with style simple, checked by their schema", () => {
    const checked = check({
      headers: {
        "x-source": "billing",
        "x-tags": "1,2",
        "x-window": "from=3",
        "x-pair": "k,v",
        "x-flag": "false",
      },
    });
    expect(checked).toMatchObject({
      ok: true,
      value: {
        header: {
          "X-Source": "billing",
          "X-Tags": [1, 2],
          "X-Window": { from: 3 },
          "X-Pair": { k: "v" },
          "X-Flag": false,
        },
      },
    });
    expect(check({ headers: {} })).toEqual({
      ok: false,
      status: 400,
      message: "header.X-Source: is required",
    });
    expect(check({ headers: { "x-source": "b", "x-tags": "1,x" } })).toMatchObject({
      ok: false,
      message: /^header\.X-Tags\[1\]: must be an integer/u,
    });
  });

  test("a path parameter is coerced and checked by its schema", () => {
    expect(check({ params: { version: "0" } })).toMatchObject({
      ok: false,
      message: /^version: must be at least 1/u,
    });
    expect(check({ params: { version: "v2" } })).toMatchObject({
      ok: false,
      message: /^version: must be an integer/u,
    });
  });

  test("a body must come with the media type its operation declares, and is required when it says so", () => {
    expect(check({ contentType: "application/json" })).toEqual({
      ok: false,
      status: 415,
      message: "Content-Type: must be application/merge-patch+json",
    });
    expect(check({ body: "" })).toEqual({ ok: false, status: 400, message: "body: is required" });
  });
});

/**
 * What `npm run generate` reads from an operation besides its types: method names, retry
 * classes, pagination and idempotency, and the loud failures when the spec lacks what the
 * client needs. Each case is a small spec of its own.
 */
import { describe, expect, test } from "vitest";
import { exampleCall } from "../../scripts/generate/example-call.ts";
import { readOperations } from "../../scripts/generate/operations.ts";
import type { SpecDocument } from "../../scripts/generate/operations.ts";

const answer = {
  "200": {
    description: "ok",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
  },
};

/** A spec with one operation, `method path`, carrying `extra`. */
function specWith(method: string, extra: Record<string, unknown>, path = "/things"): SpecDocument {
  return {
    info: { version: "1" },
    servers: [],
    paths: {
      [path]: {
        [method]: {
          operationId: "doThing",
          "x-speakeasy-group": "things",
          "x-speakeasy-name-override": "doIt",
          responses: answer,
          ...extra,
        },
      },
    },
    components: {
      schemas: {
        Thing: { type: "object", properties: { id: { type: "string" } } },
      },
    },
  };
}

const entryOf = (spec: SpecDocument) => readOperations(spec).operations[0]!.entry;

describe("npm run generate, reading operations", () => {
  test("names the method with x-speakeasy-group and x-speakeasy-name-override", () => {
    expect(entryOf(specWith("get", {}))).toMatchObject({ group: "things", name: "doIt" });
  });

  test.each(["get", "put", "delete", "head"])("retries a %s as idempotent", (method) => {
    expect(entryOf(specWith(method, {})).retry).toEqual({
      class: "idempotent",
      statusCodes: [408, 429, 500, 502, 503, 504],
      connectionErrors: true,
    });
  });

  test.each(["post", "patch"])("retries a %s only where it is safe", (method) => {
    expect(entryOf(specWith(method, {})).retry).toEqual({
      class: "safe-only",
      statusCodes: [429],
      connectionErrors: false,
    });
  });

  test("makes a POST idempotent when it declares its idempotency keys", () => {
    const entry = entryOf(specWith("post", { "x-togai-idempotency-key": "items[].key" }));
    expect(entry.retry.class).toBe("idempotent");
    expect(entry.idempotency).toEqual({ array: "items", key: "key" });
  });

  test("reads x-speakeasy-retries for statusCodes and retryConnectionErrors only", () => {
    const retries = {
      strategy: "backoff",
      backoff: { initialInterval: 1, maxInterval: 2, maxElapsedTime: 3, exponent: 2 },
      statusCodes: ["5XX", 429],
      retryConnectionErrors: true,
    };
    expect(entryOf(specWith("post", { "x-speakeasy-retries": retries })).retry).toEqual({
      class: "safe-only",
      statusCodes: ["5XX", 429],
      connectionErrors: true,
    });
  });

  test("fails naming an operation without its method name", () => {
    const spec = specWith("get", { "x-speakeasy-name-override": undefined });
    expect(() => readOperations(spec)).toThrow(
      /operation doThing needs x-speakeasy-group and x-speakeasy-name-override/u,
    );
  });

  test("fails naming a schema keyword the validators do not know", () => {
    const spec = specWith("get", {
      parameters: [{ name: "q", in: "query", schema: { type: "string", nullable: true } }],
    });
    expect(() => readOperations(spec)).toThrow(/doThing query parameter q: the keyword nullable/u);
  });

  test("fails naming a format the validators do not know", () => {
    const spec = specWith("get", {
      parameters: [{ name: "q", in: "query", schema: { type: "string", format: "iri" } }],
    });
    expect(() => readOperations(spec)).toThrow(/format iri is not supported/u);
  });

  test("fails naming a paginated operation without its iterators", () => {
    const spec = specWith("get", {
      parameters: [{ name: "cursor", in: "query", schema: { type: "string" } }],
      "x-speakeasy-pagination": {
        type: "cursor",
        inputs: [{ name: "cursor", in: "parameters", type: "cursor" }],
        outputs: { nextCursor: "$.next", results: "$.data" },
      },
    });
    expect(() => readOperations(spec)).toThrow(
      /doThing: a paginated operation needs x-togai-iterators/u,
    );
  });

  test("fails naming two operations with the same method", () => {
    const spec = specWith("get", {});
    spec.paths["/other"] = { get: { ...spec.paths["/things"]!.get!, operationId: "doOther" } };
    expect(() => readOperations(spec)).toThrow("doOther and doThing are both togai.things.doIt");
  });

  test("fails naming a path parameter that is not one primitive", () => {
    const spec = specWith(
      "get",
      { parameters: [{ name: "n", in: "path", required: true, schema: { type: "array" } }] },
      "/things/{n}",
    );
    expect(() => readOperations(spec)).toThrow(
      "doThing path parameter n: type array is not supported (only string, integer, number, boolean)",
    );
  });

  test("fails naming a query parameter the query cannot carry", () => {
    const spec = specWith("get", {
      parameters: [
        { name: "tags", in: "query", schema: { type: "array", items: { type: "array" } } },
      ],
    });
    expect(() => readOperations(spec)).toThrow(
      "doThing query parameter tags: items of type array are not supported (only primitives)",
    );
  });

  test("fails naming an iterator that takes another method's name, or the group raw", () => {
    const paginated = {
      parameters: [{ name: "cursor", in: "query", schema: { type: "string" } }],
      "x-speakeasy-pagination": {
        type: "cursor",
        inputs: [{ name: "cursor", in: "parameters", type: "cursor" }],
        outputs: { nextCursor: "$.next", results: "$.data" },
      },
      "x-togai-iterators": { items: "doIt", pages: "pages" },
    };
    expect(() => readOperations(specWith("get", paginated))).toThrow(
      "doThing and doThing are both togai.things.doIt",
    );
    expect(() => readOperations(specWith("get", { "x-speakeasy-group": "raw" }))).toThrow(
      /the group name raw is taken/u,
    );
  });

  test("fails naming a paginated operation that declares idempotency keys", () => {
    const spec = specWith("post", {
      parameters: [{ name: "cursor", in: "query", schema: { type: "string" } }],
      "x-speakeasy-pagination": {
        type: "cursor",
        inputs: [{ name: "cursor", in: "parameters", type: "cursor" }],
        outputs: { nextCursor: "$.next", results: "$.data" },
      },
      "x-togai-iterators": { items: "all", pages: "pages" },
      "x-togai-idempotency-key": "items[].key",
    });
    expect(() => readOperations(spec)).toThrow(
      /doThing: a paginated operation with idempotency keys is not supported/u,
    );
  });

  test("gives a path parameter without an example a placeholder in the example call", () => {
    const spec = specWith(
      "get",
      {
        parameters: [{ name: "thing_id", in: "path", required: true, schema: { type: "string" } }],
      },
      "/things/{thing_id}",
    );
    const [operation] = readOperations(spec).operations;
    expect(exampleCall(operation!)).toBe('togai.things.doIt("THING_ID")');
  });
});

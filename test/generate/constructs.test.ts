/**
 * What `npm run generate` makes of OpenAPI's constructs, read in memory: how parameters, bodies
 * and answers land in the operation table, and each construct the client cannot send or read as
 * the spec means it, refused naming the operation and the parameter. Then the bundle: a spec in
 * several files, and the references and names it refuses.
 */
import { describe, expect, test } from "vitest";
import { bundleSpec } from "../../scripts/generate/bundle.ts";
import { readOperations } from "../../scripts/generate/operations.ts";
import type { SpecDocument } from "../../scripts/generate/operations.ts";
import { repoRoot } from "../../scripts/lib/exec.ts";
import { fileReader } from "../../scripts/lib/file-reader.ts";

const ok = {
  "200": {
    description: "ok",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
  },
};

/** A spec with the path item `item` at `path`, its operations named in the things group. */
function specWithPath(path: string, item: Record<string, unknown>): SpecDocument {
  const named = Object.fromEntries(
    Object.entries(item).map(([method, operation]) =>
      method === "parameters"
        ? [method, operation]
        : [
            method,
            {
              operationId: `${method}Thing`,
              "x-speakeasy-group": "things",
              "x-speakeasy-name-override": method,
              responses: ok,
              ...(operation as object),
            },
          ],
    ),
  );
  return {
    info: { version: "1" },
    servers: [],
    paths: { [path]: named },
    components: { schemas: { Thing: { type: "object", properties: { id: { type: "string" } } } } },
  };
}

const query = (name: string, schema: unknown, extra: object = {}) => ({
  name,
  in: "query",
  schema,
  ...extra,
});

describe("npm run generate, reading parameters", () => {
  test("path-level parameters apply to every operation; an operation's own one overrides", () => {
    const spec = specWithPath("/things/{id}", {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      get: {},
      delete: {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
      },
    });
    const [get, del] = readOperations(spec).operations;
    expect(get?.entry.pathParams).toEqual([
      { name: "id", argument: "id", schema: { type: "string" } },
    ]);
    expect(del?.entry.pathParams[0]).toMatchObject({ types: ["integer"] });
    expect(del?.types.path).toEqual(["number"]);
  });

  test("array and object query parameters carry their style and explode, with OpenAPI's defaults", () => {
    const spec = specWithPath("/things", {
      get: {
        parameters: [
          query("a", { type: "array", items: { type: "string" } }),
          query("b", { type: "array", items: { type: "string" } }, { explode: false }),
          query("c", { type: "array", items: { type: "integer" } }, { style: "pipeDelimited" }),
          query(
            "d",
            { type: "object", properties: { x: { type: "string" } } },
            { style: "deepObject" },
          ),
          query("e", { type: ["string", "null"] }),
        ],
      },
    });
    expect(readOperations(spec).operations[0]?.entry.queryParams).toEqual([
      { name: "a", style: "form", explode: true },
      { name: "b", style: "form", explode: false },
      { name: "c", style: "pipeDelimited", explode: false },
      { name: "d", style: "deepObject", explode: false },
    ]);
  });

  test("header parameters become the header schema; Accept, Content-Type and Authorization are ignored, with a note", () => {
    const spec = specWithPath("/things", {
      get: {
        parameters: [
          { name: "X-Scope", in: "header", required: true, schema: { type: "string" } },
          { name: "Accept", in: "header", schema: { type: "string" } },
        ],
      },
    });
    const model = readOperations(spec);
    expect(model.operations[0]?.entry).toMatchObject({
      header: {
        type: "object",
        properties: { "X-Scope": { type: "string" } },
        required: ["X-Scope"],
      },
      headerParams: [{ name: "X-Scope", explode: false }],
    });
    expect(model.operations[0]?.types.headerRequired).toBe(true);
    expect(model.notes).toEqual([
      "getThing header parameter Accept: ignored, as OpenAPI says (the client sets Accept itself)",
    ]);
  });

  test.each([
    [
      { name: "c", in: "cookie", schema: { type: "string" } },
      "getThing cookie parameter c: cookie parameters are not supported",
    ],
    [
      { name: "Host", in: "header", schema: { type: "string" } },
      "getThing header parameter Host: the client sets Host itself",
    ],
    [
      { name: "x-togai-retry-count", in: "header", schema: { type: "string" } },
      "the client sets x-togai-retry-count itself",
    ],
    [
      { name: "X Scope", in: "header", schema: { type: "string" } },
      "getThing header parameter X Scope: not a valid header name",
    ],
    [
      query(
        "f",
        { type: "object", properties: { nested: { type: "object" } } },
        { style: "deepObject" },
      ),
      "getThing query parameter f: a member of type object is not supported (a nested deepObject object cannot be written)",
    ],
    [
      query("f", { type: "string" }, { style: "deepObject" }),
      "getThing query parameter f: deepObject is for objects only",
    ],
    [
      query("f", { type: "string" }, { style: "pipeDelimited" }),
      "pipeDelimited is for arrays and objects only",
    ],
    [query("f", { type: "string" }, { style: "matrix" }), "style matrix is not supported"],
    [query("f", { type: "string" }, { allowReserved: true }), "allowReserved is not supported"],
    [
      { name: "f", in: "query", content: { "application/json": {} } },
      "getThing query parameter f: needs a schema",
    ],
  ])("refuses %j, naming it", (parameter, message) => {
    const spec = specWithPath("/things", { get: { parameters: [parameter] } });
    expect(() => readOperations(spec)).toThrow(message);
  });

  test("refuses a header parameter named like a query parameter, or twice in other cases", () => {
    const same = specWithPath("/things", {
      get: {
        parameters: [
          query("scope", { type: "string" }),
          { name: "Scope", in: "header", schema: { type: "string" } },
        ],
      },
    });
    expect(() => readOperations(same)).toThrow(
      "getThing header parameter Scope: a query parameter has the same name",
    );
    const twice = specWithPath("/things", {
      get: {
        parameters: [
          { name: "X-A", in: "header", schema: { type: "string" } },
          { name: "x-a", in: "header", schema: { type: "string" } },
        ],
      },
    });
    expect(() => readOperations(twice)).toThrow("another header parameter has the same name");
  });

  test("refuses a path parameter that is nullable, or that the path does not hold", () => {
    const nullable = specWithPath("/things/{id}", {
      get: {
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: ["string", "null"] } },
        ],
      },
    });
    expect(() => readOperations(nullable)).toThrow(
      "getThing path parameter id: type null is not supported",
    );
    const stray = specWithPath("/things", {
      get: { parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }] },
    });
    expect(() => readOperations(stray)).toThrow(
      "getThing: path parameter id is not in the path /things",
    );
  });

  test("follows chained references into components, by their whole pointer", () => {
    const spec = specWithPath("/things/{id}", {
      get: { parameters: [{ $ref: "#/components/parameters/Alias" }] },
    });
    spec.components = {
      ...spec.components,
      parameters: {
        Alias: { $ref: "#/components/parameters/Id" },
        Id: { name: "id", in: "path", required: true, schema: { type: "string", maxLength: 5 } },
      },
    };
    expect(readOperations(spec).operations[0]?.entry.pathParams[0]?.schema).toEqual({
      type: "string",
      maxLength: 5,
    });
    spec.paths["/things/{id}"] = {
      get: {
        ...(spec.paths["/things/{id}"]?.get as object),
        parameters: [{ $ref: "#/components/parameters/Missing" }],
      },
    };
    expect(() => readOperations(spec)).toThrow(
      "$ref #/components/parameters/Missing does not resolve in the spec",
    );
  });
});

describe("npm run generate, reading bodies and answers", () => {
  test("an inline body and answer sit under internal keys, typed through operations", () => {
    const spec = specWithPath("/things", {
      patch: {
        requestBody: {
          required: true,
          content: {
            "application/merge-patch+json": {
              schema: { type: "object", properties: { a: { type: "string" } } },
            },
          },
        },
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": { schema: { type: "array", items: { type: "string" } } },
            },
          },
          "204": { description: "none" },
        },
      },
    });
    const model = readOperations(spec);
    const [op] = model.operations;
    expect(op?.entry).toMatchObject({
      body: {
        schema: { $ref: "patchThing.requestBody" },
        required: true,
        contentType: "application/merge-patch+json",
      },
      answers: [
        { status: "200", kind: "json", schema: "patchThing.200", types: ["array"] },
        { status: "204", kind: "none" },
      ],
    });
    expect(op?.entry.accept, "application/json is the default, left out").toBeUndefined();
    expect(op?.types.response).toBe(
      'operations["patchThing"]["responses"]["200"]["content"]["application/json"] | undefined',
    );
    expect(Object.keys(model.requestSchemas)).toContain("patchThing.requestBody");
    expect(Object.keys(model.responseSchemas)).toContain("patchThing.200");
  });

  test.each([
    [{ "text/csv": { schema: { type: "string" } } }, "text", "string", "text/csv"],
    [{ "application/pdf": {} }, "binary", "Blob", "application/pdf"],
    [
      { "*/*": { schema: { type: "object" } } },
      "json",
      'operations["getThing"]["responses"]["200"]["content"]["*/*"]',
      "*/*",
    ],
    [
      { "text/plain": {}, "application/problem+json": { schema: { type: "object" } } },
      "json",
      'operations["getThing"]["responses"]["200"]["content"]["application/problem+json"]',
      "application/problem+json",
    ],
  ])("a %j answer is read as %s", (content, kind, type, accept) => {
    const spec = specWithPath("/things", {
      get: { responses: { "200": { description: "ok", content } } },
    });
    const [op] = readOperations(spec).operations;
    expect(op?.entry.answers[0]?.kind).toBe(kind);
    expect(op?.types.response).toBe(type);
    expect(op?.entry.accept).toBe(accept);
  });

  test("an answer without content resolves to void, asking for */*", () => {
    const spec = specWithPath("/things", {
      post: { responses: { "202": { description: "accepted" } } },
    });
    const [op] = readOperations(spec).operations;
    expect([op?.types.response, op?.entry.accept]).toEqual(["void", "*/*"]);
  });

  test.each(["multipart/form-data", "application/x-www-form-urlencoded"])(
    "refuses a %s request body, naming the operation and the type",
    (type) => {
      const spec = specWithPath("/things", { post: { requestBody: { content: { [type]: {} } } } });
      expect(() => readOperations(spec)).toThrow(
        `postThing requestBody: ${type} is not supported (only application/json and +json types)`,
      );
    },
  );
});

describe("npm run generate, bundling the spec", () => {
  const spec = (refs: string) => `openapi: 3.1.0
info: { title: T, version: "1" }
servers: [{ url: "https://api.example.test", description: Production }]
paths:
  /things:
    get:
      operationId: getThing
      x-speakeasy-group: things
      x-speakeasy-name-override: get
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "${refs}" }
`;

  const bundled = (files: Record<string, string>) => bundleSpec(fileReader(repoRoot, files));

  test("a schema in a file next to the spec becomes a component named after the file", async () => {
    const { document, files } = await bundled({
      "openapi/credits.yaml": spec("./schemas/Thing.yaml"),
      "openapi/schemas/Thing.yaml": "type: object\nproperties:\n  id: { type: string }\n",
    });
    expect(document.components).toEqual({
      schemas: { Thing: { type: "object", properties: { id: { type: "string" } } } },
    });
    expect(files).toEqual(["openapi/credits.yaml", "openapi/schemas/Thing.yaml"]);
  });

  test.each([
    [
      "https://example.com/thing.yaml",
      "openapi/credits.yaml#/paths/~1things/get/responses/200/content/application~1json/schema: Can't resolve $ref: https://example.com/thing.yaml is a URL",
    ],
    ["../outside.yaml", "outside.yaml is outside openapi/"],
    [
      "./schemas/Missing.yaml",
      "openapi/credits.yaml#/paths/~1things/get/responses/200/content/application~1json/schema: Can't resolve $ref",
    ],
  ])("refuses a $ref to %s, naming where it stands", async (ref, message) => {
    await expect(bundled({ "openapi/credits.yaml": spec(ref) })).rejects.toThrow(message);
  });

  test("refuses a file name that is not a TypeScript identifier, suggesting one", async () => {
    await expect(
      bundled({
        "openapi/credits.yaml": spec("./credit-request.yaml"),
        "openapi/credit-request.yaml": "type: object\n",
      }),
    ).rejects.toThrow(
      "openapi/credit-request.yaml: the component schemas/credit-request is not a TypeScript identifier, so it cannot name a type; rename it (the file, or the component) to CreditRequest",
    );
  });

  test("refuses two files that would be the same component, never renaming silently", async () => {
    const twoThings = spec("./a/Thing.yaml").replace(
      'schema: { $ref: "./a/Thing.yaml" }',
      'schema: { type: object, properties: { a: { $ref: "./a/Thing.yaml" }, b: { $ref: "./b/Thing.yaml" } } }',
    );
    await expect(
      bundled({
        "openapi/credits.yaml": twoThings,
        "openapi/a/Thing.yaml": "type: string\n",
        "openapi/b/Thing.yaml": "type: integer\n",
      }),
    ).rejects.toThrow(
      /the spec does not bundle:\nopenapi\/credits.yaml#.*Two schemas are referenced with the same name but different content/u,
    );
  });
});

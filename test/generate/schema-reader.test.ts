/**
 * The schema reader (scripts/generate/schemas.ts), called in memory: what it makes of a
 * document's schemas, and its loud failures, each naming the schema's location. A fuzz of random
 * schemas holds it to "a table, or an Error naming a location", and type-checks every table it
 * gives in one shared TypeScript program.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { readSchemaTable, SchemaReader } from "../../scripts/generate/schemas.ts";
import { repoRoot } from "../../scripts/lib/exec.ts";

/** A document whose components/schemas are `schemas`, plus whatever `extra` holds. */
function documentWith(schemas: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const components = (extra.components ?? {}) as { schemas?: object };
  return {
    openapi: "3.1.0",
    ...extra,
    components: { ...components, schemas: { ...components.schemas, ...schemas } },
  };
}

/** The table of Subject, or the error's message. */
function read(subject: unknown, extra: Record<string, unknown> = {}) {
  const result = readSchemaTable(documentWith({ Subject: subject }, extra), [
    { pointer: "#/components/schemas/Subject" },
  ]);
  return result instanceof Error ? result.message : result.table;
}

describe("the schema reader", () => {
  test("keys #/components/schemas/<Name> as <Name>, and any other pointer as the pointer", () => {
    const table = read(
      {
        type: "object",
        properties: {
          a: { $ref: "#/components/schemas/Other" },
          b: { $ref: "#/components/schemas/Other/properties/x" },
          c: { $ref: "#/$defs/shared" },
          d: { $ref: "#/components/parameters/p/schema" },
        },
      },
      {
        $defs: { shared: { type: "integer" } },
        components: {
          schemas: { Other: { properties: { x: { type: "string" } } } },
          parameters: { p: { name: "p", in: "query", schema: { enum: [1] } } },
        },
      },
    );
    expect(table).toMatchObject({
      Subject: {
        properties: {
          a: { $ref: "Other" },
          b: { $ref: "#/components/schemas/Other/properties/x" },
          c: { $ref: "#/$defs/shared" },
          d: { $ref: "#/components/parameters/p/schema" },
        },
      },
      "#/components/schemas/Other/properties/x": { type: "string" },
      "#/$defs/shared": { type: "integer" },
      "#/components/parameters/p/schema": { enum: [1] },
    });
  });

  test("registers an inline schema under the caller's key, never a taken one", () => {
    const reader = new SchemaReader(documentWith({ A: { type: "string" } }));
    expect(
      reader.register("createCredit.201", { $ref: "#/components/schemas/A" }, "createCredit 201"),
    ).toEqual({
      $ref: "createCredit.201",
    });
    expect(reader.table()).toEqual({ A: { type: "string" }, "createCredit.201": { $ref: "A" } });
    expect(() => reader.register("A", true, "here")).toThrow("here: the table key A is taken");
    expect(readSchemaTable(documentWith({}), [{ pointer: "#/paths/x", key: "k" }])).toBeInstanceOf(
      Error,
    );
  });

  test("keeps boolean schemas, drops annotations and annotation formats", () => {
    expect(
      read({
        title: "t",
        description: "d",
        $comment: "c",
        $schema: "https://json-schema.org/draft/2020-12/schema",
        examples: [1],
        example: 1,
        deprecated: true,
        readOnly: true,
        writeOnly: false,
        contentMediaType: "text/plain",
        contentEncoding: "base64",
        contentSchema: { type: "string" },
        xml: { name: "x" },
        "x-vendor": 1,
        default: "kept",
        properties: {
          a: false,
          b: true,
          c: { type: "string", format: "byte" },
          d: { format: "password" },
        },
        items: false,
      }),
    ).toEqual({
      Subject: {
        default: "kept",
        properties: { a: false, b: true, c: { type: "string" }, d: {} },
        items: false,
      },
    });
  });

  test("completes a discriminator's mapping, explicit entries first", () => {
    expect(
      read(
        {
          oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
          discriminator: { propertyName: "kind", mapping: { dog: "Dog" } },
        },
        { components: { schemas: { Cat: { type: "object" }, Dog: { type: "object" } } } },
      ),
    ).toMatchObject({
      Subject: { discriminator: { propertyName: "kind", mapping: { dog: "Dog", Cat: "Cat" } } },
    });
  });

  test.each([
    [
      { $ref: "https://example.com/schema.json" },
      "Subject: $ref https://example.com/schema.json is not supported: only a JSON pointer inside the document",
    ],
    [
      { $ref: "other.yaml#/components/schemas/A" },
      "Subject: $ref other.yaml#/components/schemas/A is not supported",
    ],
    [
      { $ref: "#/components/schemas/Missing" },
      "Subject: $ref #/components/schemas/Missing does not resolve in the document",
    ],
    [{ $ref: "#anchor" }, "Subject: $ref #anchor is not supported"],
    [{ $dynamicRef: "#meta" }, "Subject: $dynamicRef is not supported"],
    [{ $id: "https://example.com/s" }, "Subject: $id changes the base $refs resolve against"],
    [{ $anchor: "a" }, "Subject: $anchor is not supported"],
    [
      { nullable: true },
      "Subject: the keyword nullable is not supported by the client's validators",
    ],
    [
      { properties: { a: { format: "iri" } } },
      "Subject.a: format iri is not supported by the client's validators",
    ],
    [{ type: "text" }, "Subject: type must be a type name or a list of them"],
    [{ type: [] }, "Subject: type must be a type name"],
    [{ minLength: -1 }, "Subject: minLength must be an integer from 0"],
    [{ maxItems: 1.5 }, "Subject: maxItems must be an integer from 0"],
    [{ minimum: "1" }, "Subject: minimum must be a finite number"],
    [{ multipleOf: 0 }, "Subject: multipleOf must be a number above 0"],
    [{ enum: 5 }, "Subject: enum must be a list of at least one value"],
    [{ enum: [] }, "Subject: enum must be a list of at least one value"],
    [{ required: "a" }, "Subject: required must be a list of distinct property names"],
    [{ required: ["a", "a"] }, "Subject: required must be a list of distinct property names"],
    [{ required: [1] }, "Subject: required must be a list of distinct property names"],
    [{ dependentRequired: { a: "b" } }, "Subject: dependentRequired must be an object of lists"],
    [{ pattern: "(" }, "Subject: pattern must be a regular expression valid with the u flag"],
    [{ pattern: "\\d{" }, "Subject: pattern must be a regular expression valid with the u flag"],
    [
      { patternProperties: { "[": {} } },
      "Subject: patternProperties must be keyed by regular expressions",
    ],
    [{ uniqueItems: "yes" }, "Subject: uniqueItems must be true or false"],
    [{ items: [{}] }, "Subject: items must be one schema (a list of schemas is prefixItems"],
    [{ allOf: [] }, "Subject: allOf must be a non-empty list of schemas"],
    [{ anyOf: {} }, "Subject: anyOf must be a non-empty list of schemas"],
    [{ properties: [] }, "Subject: properties must be an object of schemas"],
    [{ properties: { a: 5 } }, "Subject.a: must be a schema (an object, true or false)"],
    [{ not: null }, "Subject.not: must be a schema"],
    [{ format: 5 }, "Subject: format must be a string"],
    [
      { discriminator: { mapping: {} } },
      "Subject.discriminator: must be an object with a propertyName",
    ],
    [{ discriminator: { propertyName: "k" } }, "Subject.discriminator: maps no value to a schema"],
    [
      { allOf: [true, { oneOf: [{ contains: { minContains: -2 } }] }] },
      "Subject.allOf[1].oneOf[0].contains: minContains must be an integer from 0",
    ],
  ])("refuses %j, naming where it stands", (subject, message) => {
    expect(read(subject)).toEqual(expect.stringContaining(message));
  });

  test("checks every component schema, reached or not", () => {
    const reader = new SchemaReader(
      documentWith({ Used: { type: "string" }, Unused: { type: "text" } }),
    );
    expect(() => {
      reader.checkComponents();
    }).toThrow("Unused: type must be a type name");
  });
});

/** Random schemas, valid and malformed: every keyword, with values of every kind. */
const anyValue = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    1,
    1.5,
    "x",
    "^a+$",
    "(",
    true,
    false,
    null,
    [],
    {},
    ["a"],
    ["a", "a"],
    [1],
  ),
  fc.constantFrom("string", "integer", "text", ["string", "null"], "date-time", "int32", "iri"),
);
const KEYWORDS = [
  "type",
  "enum",
  "const",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "minItems",
  "uniqueItems",
  "required",
  "dependentRequired",
  "minProperties",
  "minContains",
  "discriminator",
  "$ref",
  "$id",
  "nullable",
  "default",
  "title",
];
const SCHEMA_KEYS = [
  "items",
  "contains",
  "not",
  "if",
  "then",
  "else",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "propertyNames",
];
const LIST_KEYS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const MAP_KEYS = ["properties", "patternProperties", "dependentSchemas"];

const randomSchema: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  schema: fc.oneof(
    { weight: 1, arbitrary: fc.boolean() },
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.dictionary(fc.constantFrom(...KEYWORDS), anyValue, { maxKeys: 3 }),
          fc.dictionary(fc.constantFrom(...SCHEMA_KEYS), tie("schema"), { maxKeys: 2 }),
          fc.dictionary(fc.constantFrom(...LIST_KEYS), fc.array(tie("schema"), { maxLength: 2 }), {
            maxKeys: 1,
          }),
          fc.dictionary(
            fc.constantFrom(...MAP_KEYS),
            fc.dictionary(fc.constantFrom("a", "b", "^x"), tie("schema"), { maxKeys: 2 }),
            { maxKeys: 1 },
          ),
          fc.constantFrom(
            undefined,
            "#/components/schemas/Other",
            "#/components/schemas/Subject",
            "#/nowhere",
            "https://x",
          ),
        )
        .map(([plain, one, lists, maps, ref]) => ({
          ...plain,
          ...one,
          ...lists,
          ...maps,
          ...(ref && { $ref: ref }),
        })),
    },
  ),
})).schema;

describe("a fuzz of the schema reader", () => {
  test("random schemas give a table, or an Error naming a location; every table type-checks", () => {
    const tables: string[] = [];
    fc.assert(
      fc.property(randomSchema, randomSchema, (subject, other) => {
        const result = readSchemaTable(documentWith({ Subject: subject, Other: other }), [
          { pointer: "#/components/schemas/Subject" },
        ]);
        if (result instanceof Error) {
          expect(result.message).toMatch(/^(Subject|Other|#\/[^:]*)[^:]*: \S/);
        } else {
          tables.push(JSON.stringify(result.table));
        }
      }),
      { numRuns: 400 },
    );
    expect(tables.length).toBeGreaterThan(20);
    const folder = join(repoRoot, ".tmp", "schema-fuzz");
    mkdirSync(folder, { recursive: true });
    const file = join(folder, "tables.ts");
    writeFileSync(
      file,
      `import type { SchemaTable } from "../../src/schema/types.ts";\n${tables
        .map((table, index) => `export const T${index}: SchemaTable = ${table};`)
        .join("\n")}\n`,
    );
    try {
      const program = ts.createProgram([file], {
        strict: true,
        exactOptionalPropertyTypes: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022,
        skipLibCheck: true,
      });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      expect(problems).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

/**
 * An OpenAPI 3.0 document, as real APIs' specs often still are (the upstream Togai spec is
 * 3.0.3), is read as 3.1: `nullable` and the boolean `exclusiveMinimum`/`exclusiveMaximum`
 * become JSON Schema 2020-12's, wherever a schema stands, and data is left alone.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { SPEC, renderGeneratedFiles } from "../../scripts/generate/files.ts";
import { asOpenApi31 } from "../../scripts/generate/openapi-30.ts";
import { repoRoot } from "../../scripts/lib/exec.ts";
import { fileReader } from "../../scripts/lib/file-reader.ts";

/** A 3.0 document with `schema` as its one component. */
const with30 = (schema: unknown, version = "3.0.3") => ({
  openapi: version,
  components: { schemas: { Subject: schema } },
});

const subject = (document: Record<string, unknown>) =>
  (document.components as { schemas: { Subject: unknown } }).schemas.Subject;

describe("an OpenAPI 3.0 document, read as 3.1", () => {
  test("nullable: true adds null to the type, and to an enum", () => {
    const read = asOpenApi31(
      with30({ type: "string", enum: ["a", "b"], nullable: true, example: { nullable: true } }),
    );
    expect(read.openapi).toBe("3.1.0");
    expect(subject(read)).toEqual({
      type: ["string", "null"],
      enum: ["a", "b", null],
      example: { nullable: true },
    });
  });

  test("nullable without a type, and nullable: false, mean nothing", () => {
    expect(subject(asOpenApi31(with30({ $ref: "#/x", nullable: true })))).toEqual({ $ref: "#/x" });
    expect(subject(asOpenApi31(with30({ type: "integer", nullable: false })))).toEqual({
      type: "integer",
    });
  });

  test("boolean exclusive limits make the limit beside them exclusive", () => {
    expect(
      subject(
        asOpenApi31(
          with30({
            type: "number",
            minimum: 0,
            exclusiveMinimum: true,
            maximum: 10,
            exclusiveMaximum: false,
          }),
        ),
      ),
    ).toEqual({ type: "number", exclusiveMinimum: 0, maximum: 10 });
  });

  test("every place a schema stands is read, and data never is", () => {
    const document = {
      openapi: "3.0.3",
      paths: {
        "/things": {
          get: {
            parameters: [{ name: "q", in: "query", schema: { type: "string", nullable: true } }],
            responses: {
              "200": {
                description: "ok",
                content: {
                  "application/json": {
                    schema: {
                      type: "object",
                      properties: {
                        nullable: { type: "boolean" },
                        tags: { type: "array", items: { type: "string", nullable: true } },
                        either: { oneOf: [{ type: "integer", nullable: true }] },
                      },
                      default: { tags: [], nullable: true },
                    },
                    examples: { one: { value: { nullable: true, exclusiveMinimum: true } } },
                  },
                },
              },
              default: {
                description: "an error",
                content: {
                  "application/json": { schema: { type: "string", nullable: true } },
                },
              },
            },
          },
        },
      },
    };
    const read = asOpenApi31(document) as unknown as typeof document;
    const get = read.paths["/things"].get;
    expect(get.parameters[0]?.schema).toEqual({ type: ["string", "null"] });
    const { schema, examples } = get.responses["200"].content["application/json"];
    expect(schema.properties.nullable).toEqual({ type: "boolean" });
    expect(schema.properties.tags.items).toEqual({ type: ["string", "null"] });
    expect(schema.properties.either.oneOf[0]).toEqual({ type: ["integer", "null"] });
    expect(schema.default).toEqual({ tags: [], nullable: true });
    expect(examples.one.value).toEqual({ nullable: true, exclusiveMinimum: true });
    expect(get.responses.default.content["application/json"].schema).toEqual({
      type: ["string", "null"],
    });
  });

  test("a 3.1 document is read as it is", () => {
    const document = with30({ type: "string", nullable: true }, "3.1.0");
    expect(asOpenApi31(document)).toBe(document);
  });

  test("the spec written as 3.0 with nullable generates the same client as with 3.1's type arrays", async () => {
    const spec = await readFile(join(repoRoot, SPEC), "utf8");
    const as30 = spec
      .replace(/^openapi: 3\.1\.\d+$/mu, "openapi: 3.0.3")
      .replace(
        /\n( {8})grantorId:\n {10}type: string\n/u,
        "\n$1grantorId:\n          type: string\n          nullable: true\n",
      );
    const as31 = spec.replace(
      /\n( {8})grantorId:\n {10}type: string\n/u,
      '\n$1grantorId:\n          type: [string, "null"]\n',
    );
    expect(as30).not.toBe(spec);
    expect(as31).not.toBe(spec);
    const [from30, from31] = await Promise.all([
      renderGeneratedFiles(fileReader(repoRoot, { [SPEC]: as30 })),
      renderGeneratedFiles(fileReader(repoRoot, { [SPEC]: as31 })),
    ]);
    expect(from30["generated/operations.ts"]).toBe(from31["generated/operations.ts"]);
    expect(from30["generated/credits.ts"]).toBe(from31["generated/credits.ts"]);
    expect(from30["generated/operations.ts"]).toContain('"null"');
  });
});

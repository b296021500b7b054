/**
 * Each keyword's TypeScript type against what the validator accepts: for generated schemas that
 * use every keyword and format (test/helpers/keyword-cases.ts), the type openapi-typescript
 * writes from the spec as `npm run generate` hands it over (scripts/generate/types-input.ts)
 * takes every value a request may send. All cases are type-checked in one TypeScript program.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { typesInput } from "../../scripts/generate/types-input.ts";
import { repoRoot } from "../../scripts/lib/exec.ts";
import { CASE_TABLE, keywordCase, type Case } from "../helpers/keyword-cases.ts";

/** A table-form schema as the spec writes it: `$ref`s to `#/components/schemas/<Name>`. */
function specForm(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
    key === "$ref" && typeof value === "string" ? `#/components/schemas/${value}` : value,
  ) as unknown;
}

async function typesOf(schema: unknown): Promise<string> {
  const document = {
    openapi: "3.1.0",
    info: { title: "cases", version: "1" },
    paths: {},
    components: { schemas: { Subject: specForm(schema), ...(specForm(CASE_TABLE) as object) } },
  };
  const ast = await openapiTS(typesInput(document) as Parameters<typeof openapiTS>[0], {
    silent: true,
  });
  return astToString(ast);
}

describe("the types of every keyword", () => {
  test("take every value the validator accepts", async () => {
    const cases = fc.sample<Case>(keywordCase(2), { numRuns: 120, seed: 18 });
    const folder = join(repoRoot, ".tmp", "keyword-types");
    mkdirSync(folder, { recursive: true });
    const files: string[] = [];
    try {
      for (const [index, c] of cases.entries()) {
        const values = fc.sample(c.valid, { numRuns: 4, seed: index });
        const file = join(folder, `case${index}.ts`);
        writeFileSync(
          file,
          `// ${JSON.stringify(c.schema)}\n${await typesOf(c.schema)}\n${values
            .map(
              (value, n) =>
                `export const v${n}: components["schemas"]["Subject"] = ${JSON.stringify(value)};`,
            )
            .join("\n")}\n`,
        );
        files.push(file);
      }
      const program = ts.createProgram(files, {
        strict: true,
        exactOptionalPropertyTypes: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        skipLibCheck: true,
        module: ts.ModuleKind.ESNext,
      });
      const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
        const where = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        const header = diagnostic.file?.text.split("\n")[0] ?? "";
        return `${diagnostic.file?.fileName ?? ""}:${(where?.line ?? 0) + 1} ${header} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
      });
      expect(problems).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("what openapi-typescript reads wrong on its own", () => {
  test("allOf: [true] types, instead of crashing", async () => {
    expect(
      await typesOf({ allOf: [true, { type: "object", properties: { a: { type: "string" } } }] }),
    ).toContain("a?: string");
  });

  test("unevaluatedProperties with a schema types the extra properties, not Record<string, never>", async () => {
    const types = await typesOf({ type: "object", unevaluatedProperties: { type: "string" } });
    expect(types).toMatch(/Subject: \{\s*\[key: string\]: string;\s*\}/);
  });

  test("a $ref into $defs types the schema it names, and $defs is no property", async () => {
    const types = await typesOf({
      type: "object",
      required: ["note"],
      properties: {
        note: { $ref: "Subject/$defs/short" },
        self: { $ref: "Subject/$defs/node" },
      },
      $defs: {
        short: { type: "string", maxLength: 3 },
        node: {
          type: "object",
          properties: { next: { $ref: "Subject/$defs/node" } },
        },
      },
    });
    const subject = /Subject: \{[^]*?\n {8}\};/u.exec(types)?.[0] ?? "";
    expect(subject).toContain("note: string;");
    expect(subject).toMatch(/self\?: \{\s*next\?: unknown;\s*\};/u);
    expect(subject).not.toContain("$defs");
  });
});

/**
 * Which of the spec's named schemas the package exports by name: every one, so that a schema
 * added to the spec is a model type of the package without a hand edit, but for those whose
 * name the package's own API takes, which are left out with a note. A schema a signature names
 * with such a name fails generate, naming it.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { entryNames, exportedSchemas } from "../../scripts/generate/exports.ts";
import { SPEC, renderGeneratedFiles } from "../../scripts/generate/files.ts";
import { readOperations } from "../../scripts/generate/operations.ts";
import type { SpecDocument } from "../../scripts/generate/operations.ts";
import { renderResources, surfaceNames } from "../../scripts/generate/render.ts";
import { repoRoot } from "../../scripts/lib/exec.ts";
import { fileReader } from "../../scripts/lib/file-reader.ts";

/** A spec whose one operation answers the schema `name`. */
function specAnswering(name: string): SpecDocument {
  return {
    info: { version: "1" },
    paths: {
      "/things": {
        get: {
          operationId: "getThing",
          "x-speakeasy-group": "things",
          "x-speakeasy-name-override": "get",
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } },
            },
          },
        },
      },
    },
    components: { schemas: { [name]: { type: "object" } } },
  };
}

describe("npm run generate, the model types the package exports", () => {
  test("src/index.ts's own names are read from its export lists", async () => {
    const names = await entryNames(fileReader(repoRoot));
    for (const name of ["createCreditsClient", "PaginationOptions", "RequestOptions", "paths"]) {
      expect(names, name).toContain(name);
    }
    expect(names).not.toContain("Credit");
  });

  test("every schema whose name is free is exported; a taken one is left out with a note", () => {
    const { names, notes } = exportedSchemas(
      ["Widget", "PaginationOptions", "Credit"],
      new Set(["PaginationOptions", "RequestOptions"]),
    );
    expect(names).toEqual(["Credit", "Widget"]);
    expect(notes).toEqual([
      `schema PaginationOptions is not exported by name: the client's own PaginationOptions takes it; use components["schemas"]["PaginationOptions"]`,
    ]);
  });

  test("a group's interface and query types count as taken", () => {
    const model = readOperations(specAnswering("Thing"));
    expect(surfaceNames(model)).toContain("ThingsResource");
    expect(renderResources(model, ["Thing"])).toContain(
      'export type { Thing } from "./credits.js";',
    );
  });

  test.each(["RequestOptions", "ThingsResource", "CreditsClient"])(
    "a signature naming a schema %s fails, naming it",
    (name) => {
      expect(() => renderResources(readOperations(specAnswering(name)), [])).toThrow(
        `schema ${name}: a method's signature names it, and the client's surface has a type of that name (generated/resources.ts); rename the schema`,
      );
    },
  );

  test("a spec schema named PaginationOptions generates, left out of the exports with a note", async () => {
    const spec = await readFile(join(repoRoot, SPEC), "utf8");
    const edited = spec.replace(
      /\n {2}schemas:\n/u,
      "\n  schemas:\n    PaginationOptions:\n      type: object\n      properties:\n        pageSize: { type: integer }\n",
    );
    expect(edited).not.toBe(spec);
    const notes: string[] = [];
    const files = await renderGeneratedFiles(fileReader(repoRoot, { [SPEC]: edited }), (line) => {
      notes.push(line);
    });
    expect(notes).toContain(
      `schema PaginationOptions is not exported by name: the client's own PaginationOptions takes it; use components["schemas"]["PaginationOptions"]`,
    );
    const surface = files["generated/resources.ts"];
    expect(surface).toMatch(/export type \{[^}]*\bCreditRequest\b[^}]*\} from "\.\/credits\.js";/u);
    expect(surface).not.toMatch(/export type \{[^}]*\bPaginationOptions\b[^}]*\} from/u);
  });
});

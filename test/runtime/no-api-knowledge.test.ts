/**
 * src/ is a generic runtime: everything that differs between operations comes from the
 * generated operation table. No string in the client's files (src/*.ts) may name a path, an
 * operationId or a parameter of the API (src/index.ts, which only re-exports, is excepted).
 *
 * The testing kit (src/testing/) is left out on purpose: it is a fake of the API, so its
 * stateful handlers know the operations they fake (src/testing/handlers.ts). Its routing and
 * request validation still come from the operation table, and an operation without a handler
 * answers its spec example.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { repoRoot } from "../../scripts/lib/exec.ts";
import { loadSpec, operations, parametersOf } from "../spec/openapi-document.ts";

/** Every string literal and template text of a TypeScript source. */
function stringsOf(file: string, source: string): string[] {
  const strings: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) strings.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true));
  return strings;
}

const spec = loadSpec();

/** The API's paths (and their segments), operationIds and parameter names. */
function apiNames(): Set<string> {
  const names = new Set<string>();
  for (const located of operations(spec)) {
    names.add(located.path);
    for (const segment of located.path.split("/")) {
      if (segment) names.add(segment.replace(/[{}]/gu, ""));
    }
    if (located.operation.operationId) names.add(located.operation.operationId);
    for (const parameter of parametersOf(spec, located)) names.add(parameter.name);
  }
  return names;
}

describe("src/", () => {
  test("names no path, operationId or parameter of the API (the testing kit aside)", async () => {
    const names = apiNames();
    const files = (await readdir(join(repoRoot, "src"), { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && entry.name !== "index.ts")
      .map((entry) => entry.name);
    const found: string[] = [];
    for (const file of files) {
      const source = await readFile(join(repoRoot, "src", file), "utf8");
      for (const text of stringsOf(file, source)) {
        const segments = text.startsWith("/") ? text.split("/") : [];
        const parts = [text, ...segments.map((segment) => segment.replace(/[{}]/gu, ""))];
        for (const name of parts.filter((part) => names.has(part))) {
          found.push(`src/${file}: "${text}" names ${name}`);
        }
      }
    }
    expect(found, "API knowledge belongs in the spec and generated/").toEqual([]);
  });

  test("the check sees a literal that names the API", () => {
    const names = apiNames();
    const strings = stringsOf("probe.ts", 'const template = "/credits/{credit_id}";');
    expect(strings.some((text) => names.has(text))).toBe(true);
  });
});

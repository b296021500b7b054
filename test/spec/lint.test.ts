/**
 * Spec lint: `npm run lint:spec` (Redocly, rules in redocly.yaml) finds no problem in the spec,
 * and fails on a copy with a broken `$ref`, naming the reference.
 */
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { bin, run, withoutNodeBanner } from "../../scripts/lib/exec.ts";
import { SPEC_PATH } from "./openapi-document.ts";
import { editYaml, makeScratch, removeScratch } from "./repo-copy.ts";

const BROKEN_REF = "#/components/schemas/NoSuchSchema";

/** Redocly takes a few seconds; allow for a busy 2-core machine. */
const LINT_TIMEOUT_MS = 60_000;

let scratch: string;

beforeAll(async () => {
  scratch = await makeScratch();
});

afterAll(async () => {
  await removeScratch(scratch);
});

async function lintSpec(...args: string[]) {
  const result = await run(bin("tsx"), ["scripts/lint-spec.ts", ...args]);
  return { code: result.code, output: withoutNodeBanner(result.stdout + result.stderr) };
}

test(
  "reports zero problems on openapi/credits.yaml",
  async () => {
    const { code, output } = await lintSpec();
    expect(code, `lint:spec exit code; output:\n${output}`).toBe(0);
    expect(output, "lint:spec output").not.toMatch(/\b[1-9]\d* (?:errors?|warnings?)\b/u);
  },
  LINT_TIMEOUT_MS,
);

test(
  "fails on a copy with a broken $ref, naming the reference",
  async () => {
    const copy = join(scratch, "credits.yaml");
    await copyFile(SPEC_PATH, copy);
    await editYaml(copy, (document) => {
      const path = ["components", "responses", "NotFound", "content", "application/json", "schema"];
      document.setIn([...path, "$ref"], BROKEN_REF);
    });

    const { code, output } = await lintSpec(copy);

    expect(code, `lint:spec exit code; output:\n${output}`).not.toBe(0);
    expect(output, "names the broken reference").toContain(BROKEN_REF);
    expect(output, "says it cannot be resolved").toMatch(/can't resolve \$ref/iu);
  },
  LINT_TIMEOUT_MS,
);

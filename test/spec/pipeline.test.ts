/**
 * Determinism and drift: `npm run generate` gives the same bytes on every run and reproduces
 * the committed files, and `npm run check:generated` fails, naming the stale file, when the
 * spec changes without regenerating.
 */
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bin, repoRoot, run, withoutNodeBanner } from "../../scripts/lib/exec.ts";
import { GENERATED_FILES, generate } from "../../scripts/generate.ts";
import { copyRepository, editYaml, makeScratch, removeScratch } from "./repo-copy.ts";

/** Generation compiles src/ for the API report: allow for a busy 2-core machine. */
const SLOW_STEP_MS = 120_000;

let scratch: string;

beforeAll(async () => {
  scratch = await makeScratch();
});

afterAll(async () => {
  await removeScratch(scratch);
});

async function freshCopy(name: string, options: { without?: readonly string[] } = {}) {
  const target = join(scratch, name);
  await mkdir(target);
  return copyRepository(target, options);
}

describe("npm run generate", () => {
  let first: string;
  let second: string;

  beforeAll(async () => {
    // Two copies without the committed outputs, so that each run writes every file from nothing:
    // one generated in this process, the other by the npm script's command in its own process.
    first = await freshCopy("first", { without: GENERATED_FILES });
    second = await freshCopy("second", { without: GENERATED_FILES });
    const [, cli] = await Promise.all([
      generate(first),
      run(bin("tsx", second), ["scripts/generate.ts"], { cwd: second }),
    ]);
    expect(cli.code, `tsx scripts/generate.ts failed:\n${cli.stdout}${cli.stderr}`).toBe(0);
  }, SLOW_STEP_MS);

  test.each(GENERATED_FILES)("gives identical bytes for %s on two runs", async (file) => {
    const [a, b] = await Promise.all([readFile(join(first, file)), readFile(join(second, file))]);
    expect(a.equals(b), `${file} differs between two generate runs`).toBe(true);
  });

  test.each(GENERATED_FILES)("reproduces the committed %s", async (file) => {
    const fresh = await readFile(join(first, file), "utf8");
    const committed = await readFile(join(repoRoot, file), "utf8").catch(() => undefined);
    expect(committed, `${file} is not committed: run npm run generate`).toBeDefined();
    expect(fresh, `${file} is stale: run npm run generate`).toBe(committed);
  });
});

describe("npm run check:generated", () => {
  test(
    "fails naming generated/credits.ts and showing its diff when the spec changed",
    async () => {
      const copy = await freshCopy("drifted");
      await editYaml(join(copy, "openapi/credits.yaml"), (document) => {
        document.setIn(["components", "schemas", "ErrorResponse", "properties", "driftCode"], {
          type: "string",
          description: "A property added by the drift test.",
          examples: ["E42"],
        });
      });

      const result = await run(bin("tsx", copy), ["scripts/check-generated.ts"], { cwd: copy });
      const output = withoutNodeBanner(result.stdout + result.stderr);

      expect(result.code, `check:generated exit code; output:\n${output}`).not.toBe(0);
      const staleLines = output.split("\n").filter((line) => /\bstale\b/iu.test(line));
      expect(staleLines.join("\n"), "names the stale file").toContain("generated/credits.ts");
      expect(output, "shows the diff").toContain("driftCode?: string;");
      expect(output, "does not call client.ts stale").not.toContain("generated/client.ts");
      expect(output, "does not call spec-info.ts stale").not.toContain("generated/spec-info.ts");
    },
    SLOW_STEP_MS,
  );
});

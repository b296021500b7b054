/**
 * Determinism and drift: `npm run generate` gives the same bytes on every run, reproduces the
 * committed files and writes nothing but generated/; `npm run check:generated` renders in
 * memory and fails, naming the stale file and showing its diff, when the spec changed without
 * regenerating, leaving no file behind.
 */
import { mkdir, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findStaleFiles } from "../../scripts/check-generated.ts";
import { GENERATED_FILES, SPEC, renderGeneratedFiles } from "../../scripts/generate/files.ts";
import { repoRoot, run, toolEnv, tsxScript, withoutNodeBanner } from "../../scripts/lib/exec.ts";
import { fileReader } from "../../scripts/lib/file-reader.ts";
import { changedFiles, fingerprint } from "../regeneration/scratch-files.ts";
import { copyRepository, makeScratch, removeScratch } from "./repo-copy.ts";

/** A generate run in its own process, on a busy 2-core machine. */
const SLOW_STEP_MS = 60_000;

/** The spec with a property added to ErrorResponse: generated/credits.ts is then stale. */
async function driftedSpec(): Promise<string> {
  const document = parseDocument(await readFile(join(repoRoot, SPEC), "utf8"));
  document.setIn(["components", "schemas", "ErrorResponse", "properties", "driftCode"], {
    type: "string",
    description: "A property added by the drift test.",
    examples: ["E42"],
  });
  return document.toString();
}

let scratch: string;

beforeAll(async () => {
  scratch = await makeScratch();
});

afterAll(async () => {
  await removeScratch(scratch);
});

describe("npm run generate", () => {
  let copy: string;
  let before: Map<string, string>;
  let after: Map<string, string>;

  beforeAll(async () => {
    // A copy without the committed outputs, so that the npm script's command, in its own
    // process, writes every file from nothing.
    copy = join(scratch, "generated-from-nothing");
    await mkdir(copy);
    await copyRepository(copy, { without: GENERATED_FILES });
    before = await fingerprint(copy);
    const { command, args } = tsxScript("scripts/generate.ts");
    const cli = await run(command, args, { cwd: copy });
    expect(cli.code, `scripts/generate.ts failed:\n${cli.stdout}${cli.stderr}`).toBe(0);
    after = await fingerprint(copy);
  }, SLOW_STEP_MS);

  test("renders identical bytes on two runs", async () => {
    const reader = fileReader(repoRoot);
    const [first, second] = await Promise.all([
      renderGeneratedFiles(reader),
      renderGeneratedFiles(reader),
    ]);
    expect(second).toEqual(first);
  });

  test.each(GENERATED_FILES)("reproduces the committed %s", async (file) => {
    const fresh = await readFile(join(copy, file), "utf8");
    const committed = await readFile(join(repoRoot, file), "utf8").catch(() => undefined);
    expect(committed, `${file} is not committed: run npm run generate`).toBeDefined();
    expect(fresh, `${file} is stale: run npm run generate`).toBe(committed);
  });

  test("writes generated/ only, and never touches etc/", () => {
    expect(changedFiles(before, after)).toEqual([...GENERATED_FILES].sort());
  });
});

describe("npm run check:generated", () => {
  test("fails naming generated/credits.ts and showing its diff when the spec changed", async () => {
    const stale = await findStaleFiles(fileReader(repoRoot, { [SPEC]: await driftedSpec() }));

    expect(stale.map(({ file }) => file)).toEqual(["generated/credits.ts"]);
    expect(stale[0]?.diff, "shows the diff").toContain("+      driftCode?: string;");
    expect(stale[0]?.diff).toContain("--- committed/generated/credits.ts");
  });

  test("passes on the committed files", async () => {
    expect(await findStaleFiles()).toEqual([]);
  });

  test(
    "copies nothing and writes nothing",
    async () => {
      const temp = await mkdtemp(join(tmpdir(), "togai-check-generated-temp-"));
      try {
        const generatedBefore = await Promise.all(
          GENERATED_FILES.map((file) => readFile(join(repoRoot, file), "utf8")),
        );
        const { command, args } = tsxScript("scripts/check-generated.ts");
        const result = await run(command, args, {
          env: { ...toolEnv, TMPDIR: temp, TMP: temp, TEMP: temp },
        });
        const output = withoutNodeBanner(result.stdout + result.stderr);

        expect(result.code, output).toBe(0);
        expect(output).toContain(`${String(GENERATED_FILES.length)} generated files match`);
        const left = (await readdir(temp)).filter((name) => !/^tsx-\d+$/u.test(name));
        expect(left, "nothing in the temporary folder but tsx's transform cache").toEqual([]);
        const generatedAfter = await Promise.all(
          GENERATED_FILES.map((file) => readFile(join(repoRoot, file), "utf8")),
        );
        expect(generatedAfter, "the committed files are left as they were").toEqual(
          generatedBefore,
        );
      } finally {
        await rm(temp, { recursive: true, force: true });
      }
    },
    SLOW_STEP_MS,
  );
});

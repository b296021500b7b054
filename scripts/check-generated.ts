/**
 * `npm run check:generated`: regenerates every generated file into a temporary copy of the
 * repository and fails, naming each stale file and showing its diff, when a committed file
 * differs from what the spec produces now. The copy holds everything the API report needs
 * (src/, the tsconfig files, api-extractor.json, package.json), so a change of the exported
 * surface that was not followed by `npm run generate` fails here too.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GENERATED_FILES, generate } from "./generate.ts";
import { repoRoot, run } from "./lib/exec.ts";
import { copyRepository } from "./lib/repo-copy.ts";

async function readOrEmpty(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Returns the generated files (relative paths) whose committed content is stale. */
export async function findStaleFiles(root: string = repoRoot): Promise<string[]> {
  const scratch = await mkdtemp(join(tmpdir(), "togai-check-generated-"));
  try {
    await copyRepository(root, scratch);
    await generate(scratch);
    const stale: string[] = [];
    for (const file of GENERATED_FILES) {
      const committed = await readOrEmpty(join(root, file));
      const fresh = await readOrEmpty(join(scratch, file));
      if (committed === fresh) continue;
      stale.push(file);
      const diff = await run("git", [
        "diff",
        "--no-index",
        "--no-color",
        `--src-prefix=committed/`,
        `--dst-prefix=regenerated/`,
        join(root, file),
        join(scratch, file),
      ]);
      console.error(`stale: ${file} does not match openapi/credits.yaml and src/`);
      console.error(diff.stdout.split("\n").slice(0, 80).join("\n"));
    }
    return stale;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const stale = await findStaleFiles().catch((error: unknown) => {
  console.error(
    `check:generated failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
if (stale.length > 0) {
  console.error(
    `check:generated failed: ${stale.join(", ")} ${stale.length === 1 ? "is" : "are"} stale. Run \`npm run generate\` and commit the result.`,
  );
  process.exit(1);
}
console.log(`check:generated: ${GENERATED_FILES.length} generated files match the spec and src/`);

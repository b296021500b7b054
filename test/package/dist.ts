/**
 * The package's compiled output, for the tests that check what consumers install. `npm run
 * build` writes dist/ before `npm test` runs; when it is missing (a test run on its own), it is
 * compiled here, into a scratch folder first and then renamed into place, so that test files
 * running in parallel never see half a dist/.
 */
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { compilePackage } from "../../scripts/lib/compile-package.ts";
import { repoRoot } from "../../scripts/lib/exec.ts";

/** The compiled entry point the package's `exports` name. */
export const DIST_ENTRY = join(repoRoot, "dist", "src", "index.js");

/** The compiled `togai-credits-mock` bin, relative to dist/. */
const DIST_BIN = join("src", "testing", "node", "cli.js");

/**
 * Makes sure dist/ holds the compiled package; compiles it (tsconfig.build.json and
 * tsconfig.build.node.json, as `npm run compile`) if not.
 */
export async function ensureDist(): Promise<void> {
  if (existsSync(DIST_ENTRY)) return;
  await mkdir(join(repoRoot, ".tmp"), { recursive: true });
  const scratch = await mkdtemp(join(repoRoot, ".tmp", "dist-"));
  try {
    const outDir = join(scratch, "dist");
    await compilePackage(outDir);
    await chmod(join(outDir, DIST_BIN), 0o755);
    if (existsSync(DIST_ENTRY)) return;
    await rename(outDir, join(repoRoot, "dist")).catch((error: unknown) => {
      if (!existsSync(DIST_ENTRY)) throw error;
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

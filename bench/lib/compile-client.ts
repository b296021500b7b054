/**
 * Compiles our client the way it ships (`tsc -b tsconfig.build.node.json`: both builds, as
 * `npm run compile` does into dist/) into
 * bench/results/client-dist/, so the benchmarks measure the JavaScript users run (not tsx's
 * on-the-fly transform) and profiles point at real lines. Recompiles only when a file under
 * src/ or generated/ is newer than the last compile.
 */
import { readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { compilePackage } from "../../scripts/lib/compile-package.ts";
import { repoRoot } from "../../scripts/lib/exec.ts";
import { resultsDir } from "./report.ts";

/** Where the compiled client goes; its entry is `src/index.js` under it. */
export const CLIENT_DIST = join(resultsDir, "client-dist");
const STAMP = join(CLIENT_DIST, ".compiled");

async function newestSource(): Promise<number> {
  let newest = 0;
  for (const folder of ["src", "generated"]) {
    const entries = await readdir(join(repoRoot, folder), { recursive: true });
    for (const entry of entries) {
      newest = Math.max(newest, (await stat(join(repoRoot, folder, entry))).mtimeMs);
    }
  }
  return newest;
}

async function stampTime(): Promise<number> {
  try {
    return (await stat(STAMP)).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Which build of the client: `node` (the package's `node` export condition, the `node:http`
 * transport) or `fetch` (every other condition: browsers, Deno, Bun, workers).
 */
export type ClientBuild = "node" | "fetch";

/**
 * Compiles if needed; resolves with the path of the compiled entry of `build`, or rejects with
 * tsc's output.
 */
export async function compiledClientEntry(build: ClientBuild = "fetch"): Promise<string> {
  if ((await stampTime()) <= (await newestSource())) {
    await compilePackage(CLIENT_DIST);
    await writeFile(STAMP, new Date().toISOString());
  }
  return join(CLIENT_DIST, "src", build === "node" ? "node.js" : "index.js");
}

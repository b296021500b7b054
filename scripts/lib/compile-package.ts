import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { bin, repoRoot, run } from "./exec.ts";

/**
 * Compiles the package as `npm run compile` does (tsconfig.build.json, then
 * tsconfig.build.node.json, which references it) into `outDir` instead of dist/. `tsc -b`
 * takes no `--outDir`, so the two configs are extended by scratch ones that only move the
 * outputs and build info. Rejects with tsc's output when the package does not compile.
 */
export async function compilePackage(outDir: string, root: string = repoRoot): Promise<void> {
  await mkdir(join(root, ".tmp"), { recursive: true });
  const scratch = await mkdtemp(join(root, ".tmp", "compile-"));
  try {
    const config = (name: string, extra: object) =>
      writeFile(
        join(scratch, name),
        JSON.stringify({
          extends: join(root, name),
          compilerOptions: {
            outDir,
            rootDir: root,
            tsBuildInfoFile: join(scratch, `${name}.info`),
          },
          ...extra,
        }),
      );
    await config("tsconfig.build.json", {});
    await config("tsconfig.build.node.json", {
      references: [{ path: join(scratch, "tsconfig.build.json") }],
    });
    const tsc = await run(bin("tsc", root), ["-b", join(scratch, "tsconfig.build.node.json")], {
      cwd: root,
    });
    if (tsc.code !== 0) throw new Error(`tsc -b failed:\n${tsc.stdout}${tsc.stderr}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

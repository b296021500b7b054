/**
 * The client as compiled from an earlier commit: the commit is checked out in a temporary git
 * worktree (removed afterwards), its node_modules linked to this repository's, and compiled
 * there with its own tsconfig. For comparisons of before and after (before-after.ts, scale.ts).
 */
import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bin, repoRoot, run } from "../../scripts/lib/exec.ts";

/** A compiled earlier commit: its compiled folder, and how to remove the worktree. */
export interface CompiledCommit {
  /** The worktree's root: `dist/src/index.js` (and `dist/src/node.js`, if built) are under it. */
  folder: string;
  remove(): Promise<void>;
}

/** Checks out `commit` in a temporary worktree and compiles it with each of `configs`. */
export async function compileCommit(
  commit: string,
  configs: readonly string[] = ["tsconfig.build.json"],
): Promise<CompiledCommit> {
  const folder = await mkdtemp(join(tmpdir(), "togai-before-"));
  const added = await run("git", ["worktree", "add", "--detach", folder, commit], {
    cwd: repoRoot,
  });
  if (added.code !== 0) throw new Error(`git worktree add ${commit} failed:\n${added.stderr}`);
  const remove = async () => {
    await run("git", ["worktree", "remove", "--force", folder], { cwd: repoRoot });
    await rm(folder, { recursive: true, force: true });
  };
  await symlink(join(repoRoot, "node_modules"), join(folder, "node_modules"), "dir");
  for (const config of configs) {
    const compiled = await run(bin("tsc"), ["-p", config], { cwd: folder });
    if (compiled.code !== 0) {
      await remove();
      throw new Error(`${commit} does not compile with ${config}:\n${compiled.stdout}`);
    }
  }
  return { folder, remove };
}

/** The commit before `path` was first added: the code as it was before that change. */
export async function commitBefore(path: string): Promise<string> {
  const log = await run("git", ["log", "--diff-filter=A", "--format=%H", "--", path], {
    cwd: repoRoot,
  });
  const added = log.stdout.trim().split("\n").at(-1);
  if (!added) throw new Error(`no commit adds ${path}`);
  const parent = await run("git", ["rev-parse", "--short", `${added}^`], { cwd: repoRoot });
  return parent.stdout.trim();
}

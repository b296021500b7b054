import { cp, symlink } from "node:fs/promises";
import { join, relative, sep } from "node:path";

/** What a scratch copy of the repository leaves out: dependencies, history and build outputs. */
const NOT_COPIED = new Set([
  "node_modules",
  ".git",
  ".tmp",
  "dist",
  "site",
  "coverage",
  "test-results",
]);

/**
 * Copies the repository at `root` into `target` (sources and configs; the `without` paths left
 * out) and links its node_modules, so that scripts run in the copy as in the repository.
 */
export async function copyRepository(
  root: string,
  target: string,
  without: readonly string[] = [],
): Promise<string> {
  const skipped = new Set(without);
  await cp(root, target, {
    recursive: true,
    filter: (source) => {
      const path = relative(root, source);
      return !NOT_COPIED.has(path.split(sep)[0] ?? "") && !skipped.has(path);
    },
  });
  await symlink(join(root, "node_modules"), join(target, "node_modules"), "dir");
  return target;
}

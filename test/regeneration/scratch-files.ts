/**
 * Fingerprints of a scratch copy's files, to tell which files a step changed.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";

/** The folders of a copy that hold build outputs or scratch files, not sources. */
export const BUILD_OUTPUTS = ["dist", "site", ".tmp"] as const;

/** Every file under `root` (node_modules, a link, left out) with the SHA-256 of its bytes. */
export async function fingerprint(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const name = relative(root, path).split(sep).join("/");
    if (name.startsWith("node_modules/")) continue;
    files.set(
      name,
      createHash("sha256")
        .update(await readFile(path))
        .digest("hex"),
    );
  }
  return files;
}

/** The files added, removed or changed from `before` to `after`, sorted. */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

/** Whether `file` is in one of the build outputs' folders. */
export function isBuildOutput(file: string): boolean {
  return BUILD_OUTPUTS.some((folder) => file.startsWith(`${folder}/`));
}

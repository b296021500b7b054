import { readFile } from "node:fs/promises";
import { isAbsolute, join, normalize, sep } from "node:path";

/**
 * How the generator reads the spec's files: relative paths under one root, where any file's
 * content may be overridden. `npm run generate` reads the repository as it is; the drift check
 * and the tests read it with an edited spec in `overrides`, so nothing is copied or written.
 */
export interface FileReader {
  /** The folder that paths are relative to (the repository's root). */
  readonly root: string;
  /** The text of `path` (relative to `root`, `/`-separated): its override, else the file. */
  read(path: string): Promise<string>;
}

/**
 * A {@link FileReader} of the files under `root`, with `overrides` (by relative path) read
 * instead of the files on disk.
 *
 * @example
 * const reader = fileReader(repoRoot, { "openapi/credits.yaml": editedSpec });
 */
export function fileReader(
  root: string,
  overrides: Readonly<Record<string, string>> = {},
): FileReader {
  const byPath = new Map(
    Object.entries(overrides).map(([path, text]) => [relativeKey(path), text]),
  );
  return {
    root,
    read(path) {
      const key = relativeKey(path);
      const override = byPath.get(key);
      return override === undefined ? readFile(join(root, key), "utf8") : Promise.resolve(override);
    },
  };
}

/** `path` normalised to a `/`-separated path inside the root, or an error naming it. */
function relativeKey(path: string): string {
  const normal = normalize(path).split(sep).join("/");
  if (isAbsolute(path) || normal === ".." || normal.startsWith("../")) {
    throw new Error(`${path}: not a path inside the repository`);
  }
  return normal;
}

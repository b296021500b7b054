/**
 * Scratch copies of the repository for the pipeline tests (sources and configs copied,
 * node_modules linked), and helpers to edit them.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDocument, type ToStringOptions } from "yaml";
import { repoRoot } from "../../scripts/lib/exec.ts";
import { copyRepository as copyFrom } from "../../scripts/lib/repo-copy.ts";

/** Creates an empty scratch folder under the system's temporary folder. */
export function makeScratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), "togai-spec-test-"));
}

/** Removes a scratch folder and everything in it. */
export function removeScratch(scratch: string): Promise<void> {
  return rm(scratch, { recursive: true, force: true });
}

/**
 * Copies the repository into `target` (everything but dependencies, history and build
 * outputs), leaving out the `without` paths, and links node_modules. Returns `target`.
 */
export function copyRepository(
  target: string,
  options: { without?: readonly string[] } = {},
): Promise<string> {
  return copyFrom(repoRoot, target, options.without);
}

/**
 * Edits a YAML file in place, keeping its comments and formatting; `format` is passed to
 * `toString` (e.g. `{ lineWidth: 0 }` so that untouched long lines are not folded).
 */
export async function editYaml(
  path: string,
  edit: (document: ReturnType<typeof parseDocument>) => void,
  format?: ToStringOptions,
): Promise<void> {
  const document = parseDocument(await readFile(path, "utf8"));
  edit(document);
  await writeFile(path, document.toString(format));
}

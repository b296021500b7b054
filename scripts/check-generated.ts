/**
 * `npm run check:generated`: renders generated/ from the spec in memory, with the same code as
 * `npm run generate`, and fails, naming each stale file and showing its diff, when a committed
 * file differs from what the spec produces now. It copies nothing and writes nothing.
 *
 * (The API reports, etc/*.api.md, are checked by `npm run build`: see scripts/api-reports.ts.)
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { GENERATED_FILES, SPEC, renderGeneratedFiles } from "./generate/files.ts";
import { unifiedDiff } from "./lib/diff.ts";
import { repoRoot } from "./lib/exec.ts";
import { fileReader, type FileReader } from "./lib/file-reader.ts";

/** A generated file whose committed text is not what the spec renders now. */
export interface StaleFile {
  file: string;
  /** The unified diff from the committed text to the rendered one. */
  diff: string;
}

async function readOrEmpty(path: string): Promise<string> {
  return readFile(path, "utf8").catch(() => "");
}

/**
 * The committed generated files (under `reader.root`) that differ from what the spec read by
 * `reader` renders, with their diffs.
 */
export async function findStaleFiles(
  reader: FileReader = fileReader(repoRoot),
): Promise<StaleFile[]> {
  const rendered = await renderGeneratedFiles(reader);
  const stale: StaleFile[] = [];
  for (const file of GENERATED_FILES) {
    const committed = await readOrEmpty(join(reader.root, file));
    if (committed === rendered[file]) continue;
    stale.push({ file, diff: await unifiedDiff(join(reader.root, file), rendered[file], file) });
  }
  return stale;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const stale = await findStaleFiles().catch((error: unknown) => {
    console.error(
      `check:generated failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
  for (const { file, diff } of stale) {
    console.error(`stale: ${file} does not match ${SPEC}`);
    console.error(diff.split("\n").slice(0, 80).join("\n"));
  }
  if (stale.length > 0) {
    const files = stale.map(({ file }) => file);
    console.error(
      `check:generated failed: ${files.join(", ")} ${files.length === 1 ? "is" : "are"} stale. Run \`npm run generate\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log(`check:generated: ${String(GENERATED_FILES.length)} generated files match ${SPEC}`);
}

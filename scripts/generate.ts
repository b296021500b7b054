/**
 * `npm run generate`: turns openapi/credits.yaml into the files of generated/, and writes
 * nothing else.
 *
 *   generated/credits.ts   types of every path, operation and schema (openapi-typescript)
 *   generated/client.ts    the typed openapi-fetch client factory
 *   generated/spec-info.ts the API version and servers, as constants
 *   generated/operations.ts the operation table and the request schemas the client validates with
 *   generated/response-schemas.ts the schemas of 2xx answers (for `validateResponses`)
 *   generated/examples.ts  each operation's examples (docs samples, the mock server)
 *   generated/mock-readers.ts the mock server's readers of styled query and header parameters
 *   generated/resources.ts the client's typed surface: one interface per group, JSDoc from the spec
 *
 * The files are rendered in memory by scripts/generate/files.ts (which the drift check,
 * `npm run check:generated`, runs too), formatted with the project's prettier config, and
 * byte-for-byte deterministic.
 *
 * The public API reports (etc/*.api.md) are not written here: `npm run build` writes them from
 * the declarations it compiles (scripts/api-reports.ts). At a terminal it updates a stale
 * report; in CI (`CI` set) or with `npm run build -- --check` a stale report fails the build.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { renderGeneratedFiles } from "./generate/files.ts";
import { fileReader } from "./lib/file-reader.ts";
import { repoRoot } from "./lib/exec.ts";

/** Writes every generated file under `root` (the repository, or a copy of it); returns their paths. */
export async function generate(root: string = repoRoot): Promise<string[]> {
  const files = await renderGeneratedFiles(fileReader(root), (line) => {
    console.log(line);
  });
  await Promise.all(
    Object.entries(files).map(async ([file, text]) => {
      const path = join(root, file);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    }),
  );
  return Object.keys(files);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    const written = await generate();
    for (const file of written) console.log(`generated ${file}`);
  } catch (error) {
    console.error(`generate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

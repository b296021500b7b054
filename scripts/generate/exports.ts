/**
 * Which of the spec's named schemas the package exports by name. `generated/resources.ts`
 * re-exports them and `src/index.ts` exports that file whole, so a schema added to the spec is a
 * model type of the package with no hand edit. A schema whose name the package's own API already
 * takes (`PaginationOptions`, `RequestOptions`, a group's `…Resource`) is left out, with a note: it
 * stays reachable as `components["schemas"]["…"]`.
 */
import type { FileReader } from "../lib/file-reader.ts";

/** The package's main entry, whose own exports a schema's name must not shadow. */
export const ENTRY = "src/index.ts";

/** The names `src/index.ts` exports in `export { … }` and `export type { … }` lists. */
export async function entryNames(reader: FileReader): Promise<Set<string>> {
  const text = await reader.read(ENTRY);
  const names = new Set<string>();
  for (const [, list = ""] of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/gu)) {
    for (const item of list.split(",")) {
      const name = item
        .trim()
        .split(/\s+as\s+/u)
        .at(-1)
        ?.replace(/^type\s+/u, "");
      if (name) names.add(name);
    }
  }
  return names;
}

/** The schemas exported by name, and a note for each left out because its name is taken. */
export function exportedSchemas(
  schemaNames: readonly string[],
  taken: ReadonlySet<string>,
): { names: string[]; notes: string[] } {
  const names = schemaNames.filter((name) => !taken.has(name)).sort();
  const notes = schemaNames
    .filter((name) => taken.has(name))
    .map(
      (name) =>
        `schema ${name} is not exported by name: the client's own ${name} takes it; use components["schemas"][${JSON.stringify(name)}]`,
    );
  return { names, notes };
}

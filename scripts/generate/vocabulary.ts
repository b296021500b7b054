/**
 * Which keywords and formats a table's schemas use, so that the generated module imports those
 * checks and no other: a bundle of the client ships only what its spec needs.
 */
import { keywordsFor, FORMAT_EXPORTS } from "../../src/schema/catalogue.ts";
import type { SubSchema } from "../../src/schema/types.ts";
import { ONE_SCHEMA, SCHEMA_LISTS, SCHEMA_MAPS } from "./schema-positions.ts";

function collect(schema: SubSchema, keywords: Set<string>, formats: Set<string>): void {
  if (typeof schema === "boolean") return;
  const record = schema as Record<string, unknown>;
  for (const keyword of Object.keys(schema)) keywords.add(keyword);
  if (typeof schema.format === "string") formats.add(schema.format);
  for (const keyword of ONE_SCHEMA) {
    if (record[keyword] !== undefined) collect(record[keyword] as SubSchema, keywords, formats);
  }
  for (const keyword of SCHEMA_LISTS) {
    for (const branch of (record[keyword] as SubSchema[] | undefined) ?? []) {
      collect(branch, keywords, formats);
    }
  }
  for (const keyword of SCHEMA_MAPS) {
    for (const branch of Object.values(
      (record[keyword] as Record<string, SubSchema> | undefined) ?? {},
    )) {
      collect(branch, keywords, formats);
    }
  }
}

/** The keyword and format exports the schemas need: `{ keywords: ["jsonType", …], formats: { date: "date" } }`. */
export function vocabularyOf(schemas: readonly SubSchema[]): {
  keywords: string[];
  formats: Record<string, string>;
} {
  const keywords = new Set<string>();
  const formats = new Set<string>();
  for (const schema of schemas) collect(schema, keywords, formats);
  const exports = FORMAT_EXPORTS as Readonly<Record<string, string>>;
  return {
    keywords: keywordsFor(keywords),
    formats: Object.fromEntries(
      [...formats].sort().map((name) => {
        const exported = exports[name];
        if (exported === undefined)
          throw new Error(`format ${name} has no check in src/schema/formats/`);
        return [name, exported];
      }),
    ),
  };
}

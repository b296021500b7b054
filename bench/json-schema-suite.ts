/**
 * The official JSON Schema Test Suite (draft 2020-12) run through the pipeline: each test's schema
 * becomes `components/schemas/Subject` of an OpenAPI document, its `$ref`s rewritten to point
 * inside it; the schema reader (scripts/generate/schemas.ts) turns it into a table, or refuses it
 * naming the location; the interpreter judges each test's data as JSON Schema does (objects
 * open, nothing tolerated: `findSchemaViolation`). Reports, per file, how many cases agree with
 * the suite, disagree, or cannot be generated (a remote `$ref`, `$id`, `$anchor`, …).
 *
 * The suite comes from Debian's libtest-json-schema-acceptance-perl (`apt-get install
 * libtest-json-schema-acceptance-perl`), or from the folder JSON_SCHEMA_TEST_SUITE names (its
 * `tests/draft2020-12`). Nothing of it is committed here.
 *
 *   npx tsx bench/json-schema-suite.ts [--verbose]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readSchemaTable } from "../scripts/generate/schemas.ts";
import { fullValidators } from "../src/schema/catalogue.ts";
import { findSchemaViolation } from "../src/schema/walk.ts";
import { printTable, writeResult } from "./lib/report.ts";

const DEBIAN = "/usr/share/perl5/auto/share/dist/Test-JSON-Schema-Acceptance/tests/draft2020-12";
const root = process.env.JSON_SCHEMA_TEST_SUITE
  ? join(process.env.JSON_SCHEMA_TEST_SUITE, "tests", "draft2020-12")
  : DEBIAN;

/** Keyword files left out: remote references, and `format.json`, which tests format as an annotation. */
const LEFT_OUT = new Set(["refRemote.json", "format.json"]);
/** The optional format files of the formats the client enforces. */
const FORMAT_FILES = [
  "date-time",
  "date",
  "time",
  "duration",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "uri",
  "uri-reference",
  "uuid",
].map((name) => `optional/format/${name}.json`);

interface SuiteCase {
  description: string;
  schema: unknown;
  tests: { description: string; data: unknown; valid: boolean }[];
}

const SUBJECT = "#/components/schemas/Subject";

/** Keywords whose values are data, not schemas: their `$ref` keys are left as they are. */
const DATA = new Set(["enum", "const", "default", "examples"]);

/**
 * The schema with each JSON-pointer `$ref` (`#`, `#/…`) made to point inside
 * `components/schemas/Subject`. Anchors (`#foo`) and other URLs are left for the reader to refuse.
 */
function rebased(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebased);
  if (typeof schema !== "object" || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => {
      if (DATA.has(key)) return [key, value];
      if (key === "$ref" && typeof value === "string" && /^#(\/|$)/.test(value)) {
        return [key, `${SUBJECT}${value.slice(1)}`];
      }
      return [key, rebased(value)];
    }),
  );
}

if (!existsSync(root)) {
  console.error(
    `The JSON Schema Test Suite is not at ${root}: apt-get install libtest-json-schema-acceptance-perl, or set JSON_SCHEMA_TEST_SUITE.`,
  );
  process.exit(1);
}
const verbose = process.argv.includes("--verbose");
const files = [
  ...readdirSync(root).filter((file) => file.endsWith(".json") && !LEFT_OUT.has(file)),
  ...FORMAT_FILES,
];
const rows: string[][] = [];
const totals = { cases: 0, agree: 0, disagree: 0, refused: 0 };
const disagreements: string[] = [];
const refusals = new Map<string, number>();
for (const file of files) {
  const groups = JSON.parse(readFileSync(join(root, file), "utf8")) as SuiteCase[];
  const counts = { cases: 0, agree: 0, disagree: 0, refused: 0 };
  for (const group of groups) {
    const document = {
      openapi: "3.1.0",
      components: { schemas: { Subject: rebased(group.schema) } },
    };
    const read = readSchemaTable(document, [{ pointer: SUBJECT }]);
    for (const test of group.tests) {
      counts.cases++;
      if (read instanceof Error) {
        counts.refused++;
        const reason = read.message.replace(/^[^:]*: /, "");
        refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
        continue;
      }
      let valid: boolean;
      try {
        valid =
          findSchemaViolation(fullValidators(read.table), { $ref: "Subject" }, test.data, "") ===
          undefined;
      } catch (error) {
        valid = !test.valid;
        disagreements.push(
          `${file} / ${group.description} / ${test.description}: threw ${String(error)}`,
        );
      }
      if (valid === test.valid) counts.agree++;
      else {
        counts.disagree++;
        disagreements.push(
          `${file} / ${group.description} / ${test.description}: suite says ${test.valid ? "valid" : "invalid"}`,
        );
      }
    }
  }
  for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += counts[key];
  rows.push([
    file,
    String(counts.cases),
    String(counts.agree),
    String(counts.disagree),
    String(counts.refused),
  ]);
}
rows.push([
  "all",
  String(totals.cases),
  String(totals.agree),
  String(totals.disagree),
  String(totals.refused),
]);
printTable(
  "JSON Schema Test Suite, draft 2020-12, through the schema reader and the interpreter",
  ["file", "cases", "agree", "disagree", "not generated"],
  rows,
  [`Suite: ${root}. Objects open, nothing tolerated (findSchemaViolation).`],
);
console.log("\nNot generated, by reason:");
for (const [reason, count] of [...refusals].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${String(count).padStart(4)}  ${reason.slice(0, 150)}`);
}
console.log(`\nDisagreements (${disagreements.length}):`);
for (const line of verbose ? disagreements : disagreements.slice(0, 40)) console.log(`  ${line}`);
const path = await writeResult("json-schema-suite", {
  root,
  totals,
  disagreements,
  refusals: Object.fromEntries(refusals),
});
console.log(`\nwrote ${path}`);

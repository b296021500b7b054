/**
 * Bundle size: our client (compiled like dist/, entry importing `createCreditsClient`) vs
 * openapi-fetch alone vs axios vs ky, each bundled by esbuild the same way (bundle, minify,
 * platform browser, format esm, a one-line entry that re-exports the library's main export so
 * tree-shaking keeps it) and gzipped with node:zlib at level 9. Sizes are deterministic, so one
 * build each is enough; ratios are to openapi-fetch.
 */
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../scripts/lib/exec.ts";
import { CLIENT_DIST, compiledClientEntry } from "./lib/compile-client.ts";
import { printTable, writeResult } from "./lib/report.ts";

interface Entry {
  name: string;
  contents?: string;
  note?: string;
}

/** The entry of our client, compiled by tsc as dist/ is (see lib/compile-client.ts). */
async function clientEntry(): Promise<Entry> {
  let entry: string;
  try {
    entry = await compiledClientEntry();
  } catch (error) {
    return { name: "togai-credits", note: `skipped: ${String(error).slice(0, 200)}` };
  }
  const module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  if (typeof module.createCreditsClient !== "function") {
    return { name: "togai-credits", note: "skipped: createCreditsClient is not exported yet" };
  }
  return {
    name: "togai-credits",
    contents: `export { createCreditsClient as default } from ${JSON.stringify(entry)};`,
  };
}

interface Size {
  minified: number;
  gzip: number;
  /** Minified bytes each input file contributes, largest first. */
  byFile: { file: string; bytes: number }[];
}

async function gzipSize(contents: string): Promise<Size> {
  const result = await build({
    stdin: { contents, resolveDir: repoRoot, loader: "js", sourcefile: "entry.js" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  const byFile = Object.entries(inputs)
    .map(([file, { bytesInOutput }]) => ({
      file: file.replace(`${relative(repoRoot, CLIENT_DIST)}/`, ""),
      bytes: bytesInOutput,
    }))
    .filter(({ bytes }) => bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, byFile };
}

/**
 * The same client with the checks of every keyword and format bundled in, as a client whose spec
 * used them all would import them: the validators' whole vocabulary (src/schema/catalogue.ts),
 * bundled from the TypeScript sources (esbuild strips the types).
 */
const EVERY_KEYWORD: Entry = {
  name: "togai-credits, every keyword and format",
  contents: [
    `export { createCreditsClient as default } from ${JSON.stringify(join(repoRoot, "src", "index.ts"))};`,
    `export { KEYWORDS, FORMATS } from ${JSON.stringify(join(repoRoot, "src", "schema", "catalogue.ts"))};`,
  ].join("\n"),
};

const client = await clientEntry();
const entries: Entry[] = [
  client,
  EVERY_KEYWORD,
  { name: "openapi-fetch", contents: `export { default } from "openapi-fetch";` },
  { name: "axios", contents: `export { default } from "axios";` },
  { name: "ky", contents: `export { default } from "ky";` },
];
const sizes = new Map<string, Size>();
for (const entry of entries) {
  if (entry.contents !== undefined) sizes.set(entry.name, await gzipSize(entry.contents));
}
const base = sizes.get("openapi-fetch")!.gzip;
const kB = (bytes: number): string => `${(bytes / 1000).toFixed(2)} kB`;
printTable(
  "Bundle size (esbuild bundle + minify, platform browser, esm; gzip level 9)",
  ["bundle", "minified", "gzip", "gzip ratio to openapi-fetch"],
  entries.map((entry) => {
    const size = sizes.get(entry.name);
    if (size === undefined) return [entry.name, "—", "—", entry.note ?? "skipped"];
    return [entry.name, kB(size.minified), kB(size.gzip), `${(size.gzip / base).toFixed(2)}×`];
  }),
  [
    "togai-credits is compiled by tsc -p tsconfig.build.json (as dist/ is) and includes " +
      "openapi-fetch; sizes are deterministic (one build each). 1 kB = 1,000 bytes.",
  ],
);
const ours = sizes.get("togai-credits");
if (ours) {
  console.log("\ntogai-credits, minified bytes by file:");
  for (const { file, bytes } of ours.byFile) console.log(`  ${String(bytes).padStart(6)}  ${file}`);
}
const path = await writeResult("bundle", {
  bundler: "esbuild (bundle, minify, platform browser, format esm, target es2022)",
  gzip: "node:zlib level 9",
  entries: entries.map((entry) => ({ ...entry, ...sizes.get(entry.name) })),
});
console.log(`\nwrote ${path}`);

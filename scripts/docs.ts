/**
 * `npm run docs`: builds the API reference into site/, a folder any static host can serve or a
 * reader can open from disk:
 * - site/openapi.json and site/openapi.yaml: openapi/credits.yaml bundled by Redocly, with the
 *   TypeScript and curl samples of scripts/docs/samples.ts as every operation's `x-codeSamples`;
 * - site/index.html: that document rendered by `redocly build-docs --inlineBundle` (options and
 *   page template in redocly.yaml), made self-contained, and checked to load nothing from
 *   another origin: the build fails, naming each reference, when something would be.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { bundleSpec, toYaml, withCodeSamples } from "./docs/bundle.ts";
import { describeReferences, findExternalLoads } from "./docs/check-offline.ts";
import { REPLACED, makeSelfContained } from "./docs/self-contained.ts";
import { bin, repoRoot, run, withoutNodeBanner } from "./lib/exec.ts";

const site = join(repoRoot, "site");

/** Renders the bundled spec with `redocly build-docs` and returns the page's HTML. */
async function renderPage(specFile: string): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), "togai-docs-"));
  try {
    const output = join(scratch, "index.html");
    const result = await run(bin("redocly"), [
      "build-docs",
      specFile,
      "--config",
      "redocly.yaml",
      "--inlineBundle",
      "--output",
      output,
    ]);
    if (result.code !== 0) {
      const log = withoutNodeBanner(result.stdout + result.stderr).trim();
      throw new Error(`redocly build-docs failed:\n${log}`);
    }
    return await readFile(output, "utf8");
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function buildDocs(): Promise<void> {
  const started = performance.now();
  const spec = withCodeSamples(await bundleSpec());
  await rm(site, { recursive: true, force: true });
  await mkdir(site, { recursive: true });
  await writeFile(join(site, "openapi.json"), `${JSON.stringify(spec, null, 2)}\n`);
  await writeFile(join(site, "openapi.yaml"), toYaml(spec));

  const html = makeSelfContained(await renderPage("site/openapi.json"));
  const external = findExternalLoads(html);
  if (external.length > 0) {
    throw new Error(
      `the page would load ${String(external.length)} external resource(s), so it was not ` +
        `written; inline or remove them in scripts/docs/self-contained.ts:\n` +
        describeReferences(external),
    );
  }
  await writeFile(join(site, "index.html"), html);

  const kib = Math.round(Buffer.byteLength(html) / 1024);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`docs: inlined ${REPLACED.join(", ")}; no external resource is loaded`);
  console.log(`docs: site/index.html (${String(kib)} KiB), site/openapi.json, site/openapi.yaml`);
  console.log(`docs: built in ${seconds}s`);
}

try {
  await buildDocs();
} catch (error) {
  console.error(`docs: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

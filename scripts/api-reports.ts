/**
 * The public API reports (etc/*.api.md): a step of `npm run build`, after `compile`. API
 * Extractor reads the declarations that `compile` emitted into dist/ for each entry point of
 * {@link API_REPORTS}, and writes each report into a scratch folder; the report is then
 * compared byte for byte with the committed one.
 *
 * - update mode (a person at a terminal: `CI` unset, `""`, `"0"` or `"false"`): a stale
 *   report is rewritten, with one line naming it;
 * - check mode (`CI` set to anything else, or `--check`): a stale report fails the step,
 *   naming the file and showing its diff.
 *
 *   npx tsx scripts/api-reports.ts [--check]
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { unifiedDiff } from "./lib/diff.ts";
import { repoRoot } from "./lib/exec.ts";

/** Each public entry point, and the report of its exported surface. A new subpath adds a line. */
export const API_REPORTS = [
  { report: "etc/togai-credits.api.md", entryPoint: "dist/src/index.d.ts" },
  { report: "etc/togai-credits-testing.api.md", entryPoint: "dist/src/testing/node.d.ts" },
  { report: "etc/togai-credits-redis.api.md", entryPoint: "dist/src/redis/node.d.ts" },
] as const;

/** What the step does with a stale report. */
export type ReportMode = "update" | "check";

/** Check mode with `--check`, or when `CI` is set to anything but `""`, `"0"` or `"false"`. */
export function reportMode(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): ReportMode {
  if (argv.includes("--check")) return "check";
  const ci = env.CI;
  return ci === undefined || ci === "" || ci === "0" || ci === "false" ? "update" : "check";
}

type ApiExtractor = typeof import("@microsoft/api-extractor");

/**
 * Runs API Extractor (api-extractor.json) on one compiled entry point and returns the report's
 * text. It writes only into `scratch`; any error or warning fails, naming the report.
 */
async function renderReport(
  { Extractor, ExtractorConfig, ExtractorLogLevel, ExtractorMessageCategory }: ApiExtractor,
  root: string,
  { report, entryPoint }: (typeof API_REPORTS)[number],
  scratch: string,
): Promise<string> {
  const configPath = join(root, "api-extractor.json");
  const config = ExtractorConfig.loadFile(configPath);
  const name = basename(report, ".api.md");
  config.mainEntryPointFilePath = join(root, entryPoint);
  config.apiReport = {
    ...config.apiReport,
    enabled: true,
    reportFolder: scratch,
    reportTempFolder: join(scratch, "temp"),
    reportFileName: name,
  };
  const prepared = ExtractorConfig.prepare({
    configObject: config,
    configObjectFullPath: configPath,
    packageJsonFullPath: join(root, "package.json"),
  });
  // Any error fails, and so does any warning but the console's news that the (scratch)
  // report was created or changed.
  const problems: string[] = [];
  const result = Extractor.invoke(prepared, {
    localBuild: true,
    messageCallback: (message) => {
      const { logLevel, category } = message;
      const isWarning =
        logLevel === ExtractorLogLevel.Warning && category !== ExtractorMessageCategory.Console;
      if (logLevel === ExtractorLogLevel.Error || isWarning) {
        problems.push(message.formatMessageWithLocation(root));
      }
      message.handled = true;
    },
  });
  if (!result.succeeded || problems.length > 0) {
    throw new Error(`${report}: API Extractor failed.\n${problems.join("\n")}`);
  }
  return readFile(join(scratch, `${name}.api.md`), "utf8");
}

/** A report whose committed bytes differ from the declarations' surface. */
export interface StaleReport {
  report: string;
  diff: string;
}

/**
 * Renders every report from the declarations in dist/ under `root`; in update mode rewrites
 * the stale ones. Resolves with the stale reports (rewritten, or failing in check mode).
 */
export async function updateApiReports(
  root: string = repoRoot,
  mode: ReportMode = "update",
): Promise<StaleReport[]> {
  const extractor = await import("@microsoft/api-extractor");
  await mkdir(join(root, ".tmp"), { recursive: true });
  const scratch = await mkdtemp(join(root, ".tmp", "api-report-"));
  try {
    const stale: StaleReport[] = [];
    for (const entry of API_REPORTS) {
      const text = await renderReport(
        extractor,
        root,
        entry,
        join(scratch, basename(entry.report)),
      );
      const path = join(root, entry.report);
      const committed = await readFile(path, "utf8").catch(() => undefined);
      if (committed === text) continue;
      stale.push({ report: entry.report, diff: await unifiedDiff(path, text, entry.report) });
      if (mode === "update") {
        await mkdir(join(root, "etc"), { recursive: true });
        await writeFile(path, text);
      }
    }
    return stale;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const mode = reportMode();
  try {
    const stale = await updateApiReports(repoRoot, mode);
    if (mode === "update") {
      for (const { report } of stale) console.log(`api report: updated ${report}`);
    } else if (stale.length > 0) {
      for (const { report, diff } of stale) {
        console.error(`stale: ${report} does not match the compiled declarations`);
        console.error(diff.split("\n").slice(0, 80).join("\n"));
      }
      const reports = stale.map(({ report }) => report).join(", ");
      console.error(
        `api reports failed: ${reports} ${stale.length === 1 ? "is" : "are"} stale. ` +
          "Run `npm run build` at a terminal (update mode), review the diff and commit it.",
      );
      process.exit(1);
    }
    if (stale.length === 0) {
      console.log(`api reports: ${String(API_REPORTS.length)} reports match the declarations`);
    }
  } catch (error) {
    console.error(`api reports failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

/**
 * The two complete examples of the README's "Testing your own code", taken out by the tag of
 * their fenced block, and the runners a consumer runs them with: vitest and `node --test`.
 * test/testing-your-code.test.ts runs them in this repository, consumer.test.ts in a fresh
 * project that installed the packed tarball; both write them to a file exactly as written.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { repoRoot, run, toolEnv } from "../../scripts/lib/exec.ts";

/** The README's runnable test files: the tag of each block, and the file name it is run as. */
export const README_TEST_FILES = {
  /** TypeScript, vitest, `createMockFetch`. */
  vitest: { tag: "ts vitest-example", file: "credits.test.ts" },
  /** Plain JavaScript, `node --test`, `startMockServer`. */
  nodeTest: { tag: "js node-test-example", file: "credits.test.mjs" },
} as const;

/** The text of the README's one fenced block whose info string is `tag` (e.g. `ts vitest-example`). */
export async function readmeBlock(tag: string): Promise<string> {
  const readme = await readFile(join(repoRoot, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/^```(.*)\n([^]*?)^```$/gmu)].filter(
    (block) => block[1] === tag,
  );
  if (blocks.length !== 1 || blocks[0]?.[2] === undefined) {
    throw new Error(`README.md has ${blocks.length} \`\`\`${tag} blocks; expected exactly one`);
  }
  return blocks[0][2];
}

/** The titles of the top-level `test("…", …)` calls of a block, in order. */
export function testTitles(code: string): string[] {
  return [...code.matchAll(/^test\("([^"]+)"/gmu)].map((match) => match[1] ?? "");
}

/** What a test runner reported for one file. */
export interface TestRun {
  code: number;
  passed: string[];
  failed: string[];
  /** Everything it printed, for failure messages. */
  output: string;
}

/**
 * The environment of a test runner started from inside vitest: without vitest's own variables
 * (a nested vitest would take them for its parent's) and without the `npm_*` ones.
 */
export const runnerEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(toolEnv).filter(
    ([name]) => !name.startsWith("VITEST") && !name.startsWith("npm_") && name !== "NODE_ENV",
  ),
);

interface VitestReport {
  testResults: { assertionResults: { title: string; status: string }[] }[];
}

/**
 * Runs the test file `file` with vitest, started as `node <vitestEntry> run` in `cwd` (with
 * `configFile` when given), and returns the titles that passed and failed.
 */
export async function runVitest(
  vitestEntry: string,
  cwd: string,
  file: string,
  configFile?: string,
): Promise<TestRun> {
  const report = join(cwd, "vitest-report.json");
  const config = configFile === undefined ? [] : ["--config", configFile];
  const args = [vitestEntry, "run", ...config, "--reporter=json", `--outputFile=${report}`, file];
  const result = await run(process.execPath, args, { cwd, env: runnerEnv });
  const output = result.stdout + result.stderr;
  const parsed = JSON.parse(
    await readFile(report, "utf8").catch(() => "{}"),
  ) as Partial<VitestReport>;
  const results = (parsed.testResults ?? []).flatMap((file) => file.assertionResults);
  return {
    code: result.code,
    passed: results.filter((test) => test.status === "passed").map((test) => test.title),
    failed: results.filter((test) => test.status !== "passed").map((test) => test.title),
    output,
  };
}

/** Runs the test file `file` with `node --test` in `cwd`, and returns the titles that passed and failed. */
export async function runNodeTest(cwd: string, file: string): Promise<TestRun> {
  const args = ["--test", "--test-reporter=tap", file];
  const result = await run(process.execPath, args, { cwd, env: runnerEnv });
  const lines = result.stdout.split("\n");
  const titles = (pattern: RegExp) =>
    lines.flatMap((line) => pattern.exec(line)?.slice(1, 2) ?? []).map((title) => title.trim());
  return {
    code: result.code,
    passed: titles(/^ok \d+ - (.+)$/u),
    failed: titles(/^not ok \d+ - (.+)$/u),
    output: result.stdout + result.stderr,
  };
}

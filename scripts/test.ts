/**
 * `npm test`: code lint, format check, the type-check of the whole project (tests included),
 * the vitest suite with coverage (and test/types/ through vitest's typecheck), and the package
 * checks.
 * Finds (or installs) Chromium first, for the browser tests, and redis-server, for the tests of
 * the shared rate limit (vitest's global setup, test/setup/redis.ts, starts it).
 */
import { ensureChromium } from "./ensure-chromium.ts";
import { ensureRedisServer } from "./ensure-redis.ts";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { bin, repoRoot, toolEnv } from "./lib/exec.ts";
import { runSteps } from "./lib/steps.ts";

const VITEST_REPORT = "test-results/vitest.json";

const chromium = await ensureChromium();
console.log(`✓ chromium (${chromium})`);
const redisServer = await ensureRedisServer();
console.log(`✓ redis-server (${redisServer})`);
const env = { ...toolEnv, CHROMIUM_PATH: chromium, REDIS_SERVER_PATH: redisServer };

await runSteps(
  "test",
  [
    { name: "lint:code", command: bin("eslint"), args: ["--max-warnings", "0", "."] },
    { name: "format:check", command: bin("prettier"), args: ["--check", "."] },
    { name: "typecheck (tests)", command: bin("tsc"), args: ["--noEmit", "-p", "tsconfig.json"] },
    {
      name: "vitest (with coverage)",
      command: bin("vitest"),
      args: [
        "run",
        "--coverage",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${VITEST_REPORT}`,
      ],
      live: true,
    },
    { name: "publint", command: bin("publint"), args: ["--strict"], showOutput: true },
    {
      name: "attw",
      command: bin("attw"),
      args: ["--pack", ".", "--profile", "esm-only", "--format", "table"],
      showOutput: true,
    },
    { name: "size-limit", command: bin("size-limit"), args: [], showOutput: true },
  ],
  env,
);

const report = JSON.parse(await readFile(join(repoRoot, VITEST_REPORT), "utf8")) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
};
console.log(
  `tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`,
);

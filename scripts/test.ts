/**
 * `npm test`: code lint, format check, the vitest suite with coverage, and the package checks.
 * Finds (or installs) Chromium first, for the browser tests.
 */
import { ensureChromium } from "./ensure-chromium.ts";
import { bin, toolEnv } from "./lib/exec.ts";
import { runSteps } from "./lib/steps.ts";

const chromium = await ensureChromium();
console.log(`✓ chromium (${chromium})`);
const env = { ...toolEnv, CHROMIUM_PATH: chromium };

await runSteps(
  "test",
  [
    { name: "lint:code", command: bin("eslint"), args: ["--max-warnings", "0", "."] },
    { name: "format:check", command: bin("prettier"), args: ["--check", "."] },
    {
      name: "vitest (with coverage)",
      command: bin("vitest"),
      args: ["run", "--coverage"],
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

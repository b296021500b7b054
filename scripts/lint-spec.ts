/**
 * `npm run lint:spec`: lints openapi/credits.yaml with Redocly (rules in redocly.yaml).
 * Fails on any error and on any warning: the spec is kept at zero problems.
 */
import { bin, run, withoutNodeBanner } from "./lib/exec.ts";

const result = await run(bin("redocly"), ["lint", ...process.argv.slice(2)]);
const output = withoutNodeBanner(result.stdout + result.stderr).trim();
const warnings = /(\d+) warnings?\b/u.exec(output);
const warningCount = warnings ? Number(warnings[1]) : 0;

if (result.code !== 0 || warningCount > 0) {
  console.error(output);
  console.error(
    `lint:spec failed: ${result.code !== 0 ? "errors" : `${String(warningCount)} warning(s)`} in the spec`,
  );
  process.exit(1);
}
console.log(output.split("\n").filter(Boolean).at(-1) ?? "lint:spec: no problems");

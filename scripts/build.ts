/**
 * `npm run build`, the main job: lint the spec, check the generated code, type-check, compile
 * the package into dist/, write or check the API reports (etc/*.api.md) and build the docs into
 * site/. Steps run side by side as soon as what they need is there; one line per step, and a
 * failure names its step.
 *
 *   npm run build               at a terminal: a stale API report is rewritten (update mode)
 *   npm run build -- --check    in CI (or with `CI` set): a stale API report fails the build
 *
 * TypeScript builds three projects (project references, `tsc -b`), each file checked once:
 * - tsconfig.build.json, the fetch build (the client and the testing kit's web build) without
 *   Node's types, so that nothing of Node reaches it;
 * - tsconfig.build.node.json, the Node build on top of it (the `node` export condition: the
 *   node:http transport, the HTTP mock server, the `togai-credits-mock` bin);
 * - tsconfig.check.json: scripts/ and examples/ against the package's declarations (the tests,
 *   some of which pin the API's facts, are type-checked by `npm test`, so that an additive spec
 *   change builds and only the tests of those facts fail).
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { reportMode } from "./api-reports.ts";
import { bin, repoRoot, tsxScript } from "./lib/exec.ts";
import { runStepGraph } from "./lib/steps.ts";

const mode = reportMode();
const compile = "compile (the fetch build without Node's types, then the Node build)";
await rm(join(repoRoot, "dist"), { recursive: true, force: true });

await runStepGraph("build", [
  { name: "lint:spec", ...tsxScript("scripts/lint-spec.ts") },
  { name: "check:generated", ...tsxScript("scripts/check-generated.ts") },
  {
    name: compile,
    command: bin("tsc"),
    args: ["-b", "--force", "tsconfig.build.node.json"],
  },
  {
    name: "typecheck (scripts, examples)",
    command: bin("tsc"),
    args: ["-b", "tsconfig.check.json"],
    after: [compile],
  },
  {
    name: "bin: executable",
    command: "chmod",
    args: ["755", "dist/src/testing/node/cli.js"],
    after: [compile],
  },
  {
    name: `api reports (${mode} mode)`,
    ...tsxScript("scripts/api-reports.ts", ...(mode === "check" ? ["--check"] : [])),
    after: [compile],
    showOutput: mode === "update",
  },
  { name: "docs", ...tsxScript("scripts/docs.ts") },
]);

/**
 * `npm run build`, the main job: lint the spec, check the generated code, type-check,
 * compile the package into dist/ and build the docs into site/.
 *
 * The package compiles in two parts: tsconfig.build.json (no Node types: the client and the
 * testing kit's web build must run anywhere) and tsconfig.build.node.json (the kit's Node
 * build: the HTTP mock server and the `togai-credits-mock` bin).
 *
 * The type-check covers src/, generated/, scripts/ and examples/ (tsconfig.check.json): the
 * tests, some of which pin the API's facts, are type-checked by `npm test`, so that an additive
 * spec change builds and only the tests of those facts fail.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { bin, repoRoot } from "./lib/exec.ts";
import { runSteps } from "./lib/steps.ts";

await rm(join(repoRoot, "dist"), { recursive: true, force: true });

await runSteps("build", [
  { name: "lint:spec", command: bin("tsx"), args: ["scripts/lint-spec.ts"] },
  { name: "check:generated", command: bin("tsx"), args: ["scripts/check-generated.ts"] },
  { name: "typecheck", command: bin("tsc"), args: ["--noEmit", "-p", "tsconfig.check.json"] },
  { name: "compile", command: bin("tsc"), args: ["-p", "tsconfig.build.json"] },
  {
    name: "compile (the testing kit's Node build)",
    command: bin("tsc"),
    args: ["-p", "tsconfig.build.node.json"],
  },
  { name: "bin: executable", command: "chmod", args: ["755", "dist/src/testing/node/cli.js"] },
  { name: "docs", command: bin("tsx"), args: ["scripts/docs.ts"] },
]);

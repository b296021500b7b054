/**
 * Every TypeScript sample of the API reference type-checks against the client, as a user's
 * module importing "togai-credits", under strict settings. One `tsc` run checks them all.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SAMPLES } from "../../scripts/docs/samples.ts";
import { bin, repoRoot, run } from "../../scripts/lib/exec.ts";

/** A sample that must fail, proving that a wrong sample is caught and named. */
const BROKEN_SAMPLE = {
  name: "brokenOnPurpose",
  source: `import { createCreditsClient } from "togai-credits";\nconst togai = createCreditsClient();\nawait togai.credits.get(42);\n`,
};

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    noFallthroughCasesInSwitch: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
    typeRoots: [join(repoRoot, "node_modules", "@types")],
    paths: { "togai-credits": [join(repoRoot, "src", "index.ts")] },
  },
  include: ["*.ts"],
};

let folder: string;
/** The compiler's diagnostics, by sample name; `(client)` for those outside the samples. */
const diagnostics = new Map<string, string[]>();

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "togai-samples-"));
  await writeFile(join(folder, "package.json"), JSON.stringify({ type: "module" }));
  await writeFile(join(folder, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  const sources = [
    ...Object.entries(SAMPLES).map(([name, samples]) => ({ name, source: samples.typescript })),
    BROKEN_SAMPLE,
  ];
  for (const { name, source } of sources) await writeFile(join(folder, `${name}.ts`), source);

  const result = await run(bin("tsc"), ["-p", folder, "--pretty", "false"]);
  for (const line of (result.stdout + result.stderr).split("\n")) {
    if (!line.includes("error TS")) continue;
    const sample = /^(?:.*\/)?([\w-]+)\.ts\(/u.exec(line)?.[1];
    const key = sample && sources.some(({ name }) => name === sample) ? sample : "(client)";
    diagnostics.set(key, [...(diagnostics.get(key) ?? []), line]);
  }
}, 60_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("the TypeScript samples of the API reference", () => {
  test.each(Object.keys(SAMPLES))("the %s sample type-checks against the client", (name) => {
    expect(diagnostics.get(name) ?? [], `the ${name} sample does not type-check`).toEqual([]);
  });

  test("a sample that calls the client wrongly is reported by name", () => {
    expect(diagnostics.get(BROKEN_SAMPLE.name)?.join("\n")).toMatch(/error TS2345/u);
  });

  test("the client itself compiles under the samples' settings", () => {
    expect(diagnostics.get("(client)") ?? []).toEqual([]);
  });
});

/**
 * Pipeline: the regenerator's loop, side by side in one run.
 *
 *   npx tsx bench/pipeline.ts [<before>]   <before>: the commit to compare the loop with
 *                                           (default: the one before scripts/api-reports.ts)
 *
 * - `npm run generate` and `npm run check:generated` against the bare openapi-typescript
 *   binary on the same spec (run from a scratch folder: in the repository it would read
 *   redocly.yaml's `apis` and ask for an output per API);
 * - the loop, a one-line spec edit (`exclusiveMinimum` on `creditAmount`, a new value each
 *   round) then `npm run generate && npm run build` in update mode, here and on `<before>`
 *   (a temporary git worktree);
 * - growth: the rendering function in process on synthetic specs of 50, 500 and 2,000
 *   operations (the spec's five, copied under new paths and groups): the time per operation.
 *
 * Everything runs in scratch copies, so `build`'s `rm -rf dist` never touches the working tree.
 * Figures are medians of interleaved rounds; seconds are context.
 */
import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { GENERATED_FILES, SPEC, renderGeneratedFiles } from "../scripts/generate/files.ts";
import { bin, repoRoot, run, terminalEnv } from "../scripts/lib/exec.ts";
import { fileReader } from "../scripts/lib/file-reader.ts";
import { copyRepository } from "../scripts/lib/repo-copy.ts";
import { commitBefore } from "./lib/compile-commit.ts";
import { printTable, writeResult } from "./lib/report.ts";
import { formatRatio, interleavedRounds, ratiosTo, spread } from "./lib/stats.ts";
import type { Spread } from "./lib/stats.ts";

const ROUNDS = 5;
const GROWTH_SIZES = [50, 500, 2000] as const;

/** Runs `npm run <script>` in `cwd` with `CI` unset (the build in update mode); throws on failure. */
async function npmRun(cwd: string, script: string): Promise<void> {
  const result = await run("npm", ["run", "--silent", script], { cwd, env: terminalEnv() });
  if (result.code !== 0) {
    throw new Error(`npm run ${script} in ${cwd} failed:\n${result.stdout}${result.stderr}`);
  }
}

/** Writes the spec of `root` with `exclusiveMinimum: <value>` on CreditRequest.creditAmount. */
async function editSpec(root: string, original: string, value: number): Promise<void> {
  const line = /^( {8}creditAmount:\n( {10})type: number\n)/mu;
  if (!line.test(original)) throw new Error(`${root}: no creditAmount of type number to edit`);
  const edited = original.replace(line, `$1$2exclusiveMinimum: ${String(value)}\n`);
  await writeFile(join(root, SPEC), edited);
}

async function seconds(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await task();
  return (performance.now() - start) / 1000;
}

/** The spec with its operations copied under `/copyN` paths and `copyN` groups, to `count`. */
function syntheticSpec(spec: Record<string, unknown>, count: number): string {
  const paths = spec.paths as Record<string, Record<string, Record<string, unknown>>>;
  const operations = Object.values(paths).flatMap((item) => Object.keys(item)).length;
  const copies = Math.ceil(count / operations);
  const grown: Record<string, unknown> = {};
  for (let copy = 0; copy < copies; copy++) {
    for (const [path, item] of Object.entries(paths)) {
      const renamed = Object.fromEntries(
        Object.entries(item).map(([method, operation]) => [
          method,
          {
            ...operation,
            operationId: `${String(operation.operationId)}Copy${String(copy)}`,
            "x-speakeasy-group": `copy${String(copy)}`,
          },
        ]),
      );
      grown[`/copy${String(copy)}${path}`] = renamed;
    }
  }
  return stringify({ ...spec, paths: grown }, { aliasDuplicateObjects: false });
}

const before = process.argv[2] ?? (await commitBefore("scripts/api-reports.ts"));
const scratch = await mkdtemp(join(tmpdir(), "togai-bench-pipeline-"));
const worktree = join(scratch, "before");
try {
  const fresh = await copyRepository(repoRoot, join(scratch, "fresh"), ["bench/results"]);
  const after = await copyRepository(repoRoot, join(scratch, "after"), ["bench/results"]);
  const added = await run("git", ["worktree", "add", "--detach", worktree, before]);
  if (added.code !== 0) throw new Error(`git worktree add ${before} failed:\n${added.stderr}`);
  await symlink(join(repoRoot, "node_modules"), join(worktree, "node_modules"), "dir");
  const specs = {
    after: await readFile(join(after, SPEC), "utf8"),
    before: await readFile(join(worktree, SPEC), "utf8"),
  };
  const binaryOutput = join(scratch, "openapi-typescript.ts");

  const contenders = {
    "openapi-typescript binary": () =>
      run(bin("openapi-typescript"), [join(fresh, SPEC), "-o", binaryOutput], { cwd: scratch }),
    "npm run generate": () => npmRun(fresh, "generate"),
    "npm run check:generated": () => npmRun(fresh, "check:generated"),
    "loop, after": (round: number) =>
      editSpec(after, specs.after, round).then(async () => {
        await npmRun(after, "generate");
        await npmRun(after, "build");
      }),
    "loop, before": (round: number) =>
      editSpec(worktree, specs.before, round).then(async () => {
        await npmRun(worktree, "generate");
        await npmRun(worktree, "build");
      }),
  } as const;
  type Name = keyof typeof contenders;
  const names = Object.keys(contenders) as Name[];
  const times = await interleavedRounds(names, { rounds: ROUNDS }, (name, round) =>
    seconds(() => contenders[name](round)),
  );
  const toBinary = ratiosTo(times, "openapi-typescript binary");
  const loop = ratiosTo(times, "loop, before");

  const s = (value: Spread): string => `${value.median.toFixed(1)} s`;
  printTable(
    `The regenerator's loop, against the openapi-typescript binary and against ${before}`,
    ["command", "median", "ratio (min–max)", "budget"],
    [
      ["openapi-typescript binary", s(spread(times["openapi-typescript binary"])), "1.00×", ""],
      [
        "npm run generate",
        s(spread(times["npm run generate"])),
        formatRatio(toBinary["npm run generate"]),
        "≤ 3× the binary",
      ],
      [
        "npm run check:generated",
        s(spread(times["npm run check:generated"])),
        formatRatio(toBinary["npm run check:generated"]),
        "≤ 3× the binary",
      ],
      [`the loop, on ${before}`, s(spread(times["loop, before"])), "1.00×", ""],
      [
        "the loop, now",
        s(spread(times["loop, after"])),
        formatRatio(loop["loop, after"]),
        "≤ 0.6× before",
      ],
    ],
    [
      `${String(ROUNDS)} interleaved rounds; the loop is a one-line spec edit, then ` +
        "`npm run generate && npm run build` (update mode), in a scratch copy and a worktree.",
    ],
  );
  const spec = parse(await readFile(join(repoRoot, SPEC), "utf8")) as Record<string, unknown>;
  const sizes = GROWTH_SIZES.map(String);
  const grownSpecs = Object.fromEntries(
    GROWTH_SIZES.map((count) => [String(count), syntheticSpec(spec, count)]),
  );
  const perOperation = await interleavedRounds(sizes, { rounds: ROUNDS }, async (size) => {
    const reader = fileReader(repoRoot, { [SPEC]: grownSpecs[size]! });
    return (await seconds(() => renderGeneratedFiles(reader))) / Number(size);
  });
  const growth = ratiosTo(perOperation, "50");

  printTable(
    "Growth: rendering generated/ in process, time per operation",
    ["operations", "ms per operation (median)", "÷ at 50 (min–max)", "budget"],
    sizes.map((size) => [
      size,
      (spread(perOperation[size]!).median * 1000).toFixed(1),
      formatRatio(growth[size]!),
      size === "2000" ? "≤ 1.5×" : "",
    ]),
    [
      `${String(ROUNDS)} interleaved rounds of renderGeneratedFiles (scripts/generate/files.ts) ` +
        `on the spec's five operations copied under new paths and groups; ${String(GENERATED_FILES.length)} files each.`,
    ],
  );
  const path = await writeResult("pipeline", {
    before,
    rounds: ROUNDS,
    seconds: times,
    toBinary,
    loop,
    perOperationSeconds: perOperation,
    growth,
  });
  console.log(`\nwrote ${path}`);
} finally {
  await run("git", ["worktree", "remove", "--force", worktree]);
  await rm(scratch, { recursive: true, force: true });
}

/**
 * Pipeline: wall time of `npm run generate`, `npm run build` and a no-change
 * `npm run check:generated`, in a scratch copy of the repository (so that the build's
 * `rm -rf dist` and the regenerated files never touch the working tree others use).
 * Three interleaved rounds; absolute seconds are context, the figure is generate ÷ build.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot, run } from "../scripts/lib/exec.ts";
import { copyRepository } from "../scripts/lib/repo-copy.ts";
import { printTable, writeResult } from "./lib/report.ts";
import { formatRatio, interleavedRounds, spread } from "./lib/stats.ts";

const ROUNDS = 3;
const SCRIPTS = ["generate", "build", "check:generated"] as const;

const scratch = await mkdtemp(join(tmpdir(), "togai-bench-pipeline-"));
try {
  await copyRepository(repoRoot, scratch, ["bench/results"]);

  const failures: string[] = [];
  const seconds = await interleavedRounds(SCRIPTS, { rounds: ROUNDS }, async (script, round) => {
    const start = performance.now();
    const result = await run("npm", ["run", "--silent", script], { cwd: scratch });
    const elapsed = (performance.now() - start) / 1000;
    if (result.code !== 0) {
      failures.push(`round ${String(round + 1)}: npm run ${script} exited ${String(result.code)}`);
      console.error(`${script} failed:\n${result.stdout}\n${result.stderr}`.slice(0, 2000));
    }
    return elapsed;
  });
  const perScript = Object.fromEntries(SCRIPTS.map((s) => [s, spread(seconds[s])]));
  const generateToBuild = spread(seconds.generate.map((g, round) => g / seconds.build[round]!));
  const checkToBuild = spread(
    seconds["check:generated"].map((c, round) => c / seconds.build[round]!),
  );
  const s = (value: number): string => `${value.toFixed(1)} s`;
  printTable(
    "Pipeline wall time (seconds are context; ratios to npm run build)",
    ["command", "median", "min–max", "ratio to build (min–max)"],
    [
      ...SCRIPTS.map((script) => {
        const t = perScript[script]!;
        const ratio =
          script === "build"
            ? "1.00×"
            : formatRatio(script === "generate" ? generateToBuild : checkToBuild);
        return [`npm run ${script}`, s(t.median), `${s(t.min)}–${s(t.max)}`, ratio];
      }),
    ],
    [
      `${String(ROUNDS)} interleaved rounds in a scratch copy of the repository; build = ` +
        "lint:spec, check:generated, typecheck, compile, docs." +
        (failures.length > 0 ? ` FAILURES: ${failures.join("; ")}` : ""),
    ],
  );
  const path = await writeResult("pipeline", {
    rounds: ROUNDS,
    seconds,
    perScript,
    generateToBuild,
    checkToBuild,
    failures,
  });
  console.log(`\nwrote ${path}`);
  if (failures.length > 0) process.exitCode = 1;
} finally {
  await rm(scratch, { recursive: true, force: true });
}

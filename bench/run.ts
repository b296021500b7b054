/**
 * `npm run bench`: runs every benchmark in sequence, each in its own process (a fresh heap and
 * JIT each), prints their tables and writes bench/results/<name>.json, plus
 * bench/results/latest.md with every table of the run (ready to paste into bench/README.md).
 *
 * Run some only: `npm run bench -- overhead pagination`.
 */
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { bin, repoRoot } from "../scripts/lib/exec.ts";
import { machineLine, resultsDir, writeResult } from "./lib/report.ts";

const BENCHMARKS = [
  "overhead",
  "validation",
  "profile",
  "pagination",
  "bundle",
  "pipeline",
  "load",
  "scale",
] as const;

function runBenchmark(name: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin("tsx"), [`bench/${name}.ts`], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ code: code ?? 1, output });
    });
  });
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(BENCHMARKS as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; known: ${BENCHMARKS.join(", ")}`);
  process.exit(2);
}
const selected = wanted.length > 0 ? wanted : [...BENCHMARKS];
await mkdir(resultsDir, { recursive: true });

const started = performance.now();
const outcomes: { name: string; code: number; seconds: number }[] = [];
const sections: string[] = [`# Benchmark run\n\n_${machineLine()}_`];
for (const name of selected) {
  console.log(`\n## bench/${name}.ts\n`);
  const start = performance.now();
  const { code, output } = await runBenchmark(name);
  const seconds = (performance.now() - start) / 1000;
  outcomes.push({ name, code, seconds });
  sections.push(`## ${name}\n${output.replace(/^\nwrote .*$/gmu, "").trim()}`);
}
const totalSeconds = (performance.now() - started) / 1000;

console.log("\n## Summary\n");
for (const { name, code, seconds } of outcomes) {
  console.log(`${code === 0 ? "✓" : "✗"} ${name.padEnd(10)} ${seconds.toFixed(1).padStart(6)} s`);
}
console.log(`total ${totalSeconds.toFixed(1)} s (budget 900 s)`);
await writeFile(join(resultsDir, "latest.md"), `${sections.join("\n\n")}\n`);
await writeResult("run", { totalSeconds, outcomes });
if (outcomes.some((o) => o.code !== 0)) process.exitCode = 1;

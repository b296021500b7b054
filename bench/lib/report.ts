/** Printing tables and writing bench/results/<name>.json, with the machine they ran on. */
import { cpus, totalmem } from "node:os";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/exec.ts";

/** Where every benchmark writes its JSON result (gitignored build output). */
export const resultsDir = join(repoRoot, "bench", "results");

/** The machine a run happened on, as printed under every table. */
export interface Machine {
  date: string;
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  platform: string;
}

/** Describes this machine and the current time. */
export function machine(): Machine {
  const list = cpus();
  return {
    date: new Date().toISOString(),
    cores: list.length,
    cpu: list[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** One line naming the machine, for under a table. */
export function machineLine(m: Machine = machine()): string {
  return `${m.date.slice(0, 10)} · ${m.cores} cores · ${m.cpu} · ${m.memoryGb} GB · Node ${m.node} · ${m.platform}`;
}

/** Renders rows as a Markdown table (so it can be pasted into a README as is). */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** Prints a titled table, its notes and the machine line. */
export function printTable(
  title: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  notes: readonly string[] = [],
): void {
  console.log(`\n### ${title}\n`);
  console.log(markdownTable(header, rows));
  for (const note of notes) console.log(`\n${note}`);
  console.log(`\n_${machineLine()}_`);
}

/** Writes `bench/results/<name>.json` with the machine added; returns its path. */
export async function writeResult(name: string, data: Record<string, unknown>): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name}.json`);
  await writeFile(path, `${JSON.stringify({ name, machine: machine(), ...data }, null, 2)}\n`);
  return path;
}

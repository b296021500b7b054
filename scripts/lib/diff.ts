import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * The unified diff (`diff -u`) from the file at `path` (missing counts as empty) to `text`,
 * labelled `committed/<label>` and `regenerated/<label>`. The text goes through a pipe, so
 * nothing is written to disk.
 */
export function unifiedDiff(path: string, text: string, label: string): Promise<string> {
  const from = existsSync(path) ? path : "/dev/null";
  const args = [
    "-u",
    "--label",
    `committed/${label}`,
    "--label",
    `regenerated/${label}`,
    from,
    "-",
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("diff", args, { stdio: ["pipe", "pipe", "inherit"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", reject);
    child.on("close", () => {
      resolve(output);
    });
    child.stdin.end(text);
  });
}

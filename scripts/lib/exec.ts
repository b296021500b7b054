import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Environment every tool runs with: no telemetry, no update checks, no colours in logs. */
export const toolEnv: NodeJS.ProcessEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  NO_UPDATE_NOTIFIER: "1",
  NPM_CONFIG_UPDATE_NOTIFIER: "false",
  NPM_CONFIG_FUND: "false",
  NPM_CONFIG_AUDIT: "false",
};

/**
 * Redocly CLI 2.x prints a boxed Node 20 end-of-life banner that no setting hides.
 * This drops that box (and only that box) from a tool's output.
 */
export function withoutNodeBanner(text: string): string {
  return text.replace(/\n?\s*╔[^]*?╚═+╝\n?/gu, "\n").replace(/^\n+/u, "");
}

/** Where a command runs, with what environment; `onSpawn` receives the child process. */
export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  onSpawn?: (child: ChildProcess) => void;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion and captures its output; never throws on a non-zero exit. */
export function run(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? repoRoot,
      env: options.env ?? toolEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    options.onSpawn?.(child);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** Runs a command with its output going straight to this process's output. */
export function runInherited(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? repoRoot,
      env: options.env ?? toolEnv,
      stdio: "inherit",
    });
    options.onSpawn?.(child);
    child.on("error", reject);
    child.on("close", (code) => {
      resolve(code ?? 1);
    });
  });
}

/** The path of a locally installed package binary. */
export function bin(name: string, cwd: string = repoRoot): string {
  return `${cwd.replace(/\/$/u, "")}/node_modules/.bin/${name}`;
}

/**
 * The command that runs a TypeScript script under Node with tsx's loader: one process, where
 * the `tsx` command starts two.
 */
export function tsxScript(script: string, ...args: string[]): { command: string; args: string[] } {
  return { command: process.execPath, args: ["--import", "tsx", script, ...args] };
}

/**
 * {@link toolEnv} without `CI`: what a person at a terminal has, so that `npm run build` runs
 * in update mode whatever the calling process has set.
 */
export function terminalEnv(): NodeJS.ProcessEnv {
  const env = { ...toolEnv };
  delete env.CI;
  return env;
}

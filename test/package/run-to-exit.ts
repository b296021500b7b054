/**
 * Runs a program the way a consumer runs one, and tells whether it exited by itself: a client
 * that leaves a timer or a socket armed keeps a script alive long after its last call.
 */
import { execFile } from "node:child_process";
import { repoRoot } from "../../scripts/lib/exec.ts";

/** What a program printed, its exit code, and whether it had to be killed at the deadline. */
export interface ExitResult {
  code: number;
  stdout: string;
  stderr: string;
  /** True when the program was still running at the deadline and was killed. */
  hung: boolean;
}

/** Runs `command` with `args`, killing it if it has not exited after `deadlineMs`. */
export function runToExit(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; deadlineMs?: number } = {},
): Promise<ExitResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: options.cwd ?? repoRoot, env: options.env, timeout: options.deadlineMs ?? 20_000 },
      (error, stdout, stderr) => {
        const code = typeof error?.code === "number" ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr, hung: error?.killed === true });
      },
    );
  });
}

/**
 * Starts the `togai-credits-mock` bin as a user does, and reads the two lines it prints for the
 * client (`TOGAI_BASE_URL=…`, `TOGAI_API_TOKEN=…`). Used by test/mock-server/cli.test.ts (the
 * compiled bin in dist/) and consumer.test.ts (the bin a fresh project installed).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { toolEnv } from "../../scripts/lib/exec.ts";

/** A running mock: where it listens, the token it accepts, and everything it printed so far. */
export interface RunningMockCli {
  child: ChildProcess;
  baseUrl: string;
  token: string;
  /** Its stdout, line by line, still growing (one line per answer). */
  lines: string[];
  /** Sends `signal` and resolves with the exit code and the signal it died of, if any. */
  stop: (signal: NodeJS.Signals) => Promise<[number | null, NodeJS.Signals | null]>;
}

/**
 * The environment of the bin: this process's, without a `PORT` or `MOCK_API_TOKEN` of its own,
 * with `env` over it.
 */
export function mockCliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(toolEnv).filter(
    ([name]) => name !== "PORT" && name !== "MOCK_API_TOKEN",
  );
  return { ...Object.fromEntries(inherited), ...env };
}

/**
 * Starts `command` with `args` and resolves once it has printed both variables; rejects,
 * with what it printed, if it exits first.
 */
export function startMockCli(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<RunningMockCli> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env });
  const lines: string[] = [];
  let pending = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  const stop = (signal: NodeJS.Signals) => {
    child.kill(signal);
    return exited;
  };
  return new Promise((resolve, reject) => {
    const variables = new Map<string, string>();
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      const parts = (pending + chunk).split("\n");
      pending = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        const match = /^(TOGAI_BASE_URL|TOGAI_API_TOKEN)=(.*)$/u.exec(line);
        if (match?.[1] !== undefined && match[2] !== undefined) variables.set(match[1], match[2]);
      }
      const baseUrl = variables.get("TOGAI_BASE_URL");
      const token = variables.get("TOGAI_API_TOKEN");
      if (baseUrl !== undefined && token !== undefined) {
        resolve({ child, baseUrl, token, lines, stop });
      }
    });
    child.on("error", reject);
    exited.then(([code, signal]) => {
      reject(
        new Error(
          `${command} exited (${code ?? signal}) before printing both variables:\n` +
            `${lines.join("\n")}\n${pending}${stderr}`,
        ),
      );
    }, reject);
  });
}

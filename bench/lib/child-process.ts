/** A TypeScript module run in a child process (through tsx) that talks over IPC, typed loosely. */
import { fork } from "node:child_process";
import { repoRoot } from "../../scripts/lib/exec.ts";

/** A message between the benchmark and its child: a `type` and any JSON fields. */
export interface Message {
  type: string;
  [field: string]: unknown;
}

/** A running child process. */
export interface Child {
  /** Resolves with the next message of `type` the child sends. */
  next(type: string): Promise<Message>;
  /** Sends `message` and resolves with the child's next message of the same type. */
  ask(message: Message): Promise<Message>;
  /** Asks the child to close (`{ type: "close" }`) and waits for it to exit. */
  close(): Promise<void>;
}

/** Forks `modulePath` under tsx with `env` added to this process's environment. */
export function forkChild(modulePath: string, env: Record<string, string> = {}): Child {
  const child = fork(modulePath, [], {
    cwd: repoRoot,
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      resolve();
    }),
  );
  const next = (type: string): Promise<Message> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: Message): void => {
        if (message.type !== type) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(message);
      };
      const onExit = (code: number | null): void => {
        reject(new Error(`${modulePath} exited with code ${String(code)}`));
      };
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  return {
    next,
    async ask(message) {
      const reply = next(message.type);
      child.send(message);
      return reply;
    },
    async close() {
      if (child.exitCode === null && child.connected) child.send({ type: "close" });
      await exited;
    },
  };
}

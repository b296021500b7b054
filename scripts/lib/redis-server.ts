/**
 * A `redis-server` of the tests' (or a benchmark's) own: Debian's binary, on 127.0.0.1 and a
 * free port, with no persistence (no RDB, no AOF), its working folder a temporary one removed
 * when it stops.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A port on 127.0.0.1 that was free a moment ago. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A running server. */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Stops it and removes its folder; resolves once it has exited. */
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL), as a crash would; its folder is removed too. */
  kill(): Promise<void>;
}

/** Resolves once something accepts a TCP connection on `port` and answers PING, or rejects. */
async function whenAnswering(
  port: number,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) {
      throw new Error(`redis-server exited with ${child.exitCode}:\n${output()}`);
    }
    const answered = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port }, () => socket.write("PING\r\n"));
      socket.setEncoding("utf8");
      socket.once("data", (data: string) => {
        socket.destroy();
        resolve(data.startsWith("+PONG"));
      });
      socket.once("error", () => {
        resolve(false);
      });
    });
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server did not answer on port ${port}:\n${output()}`);
}

/**
 * Starts `redis-server` (at `path`) on `port`, or on a free port (tried again on another one if
 * it was taken meanwhile), with `extraArgs` after its own.
 */
export async function startRedisServer(
  path: string,
  port?: number,
  extraArgs: readonly string[] = [],
): Promise<RedisServer> {
  for (let attempt = 0; ; attempt++) {
    const chosen = port ?? (await freePort());
    const dir = await mkdtemp(join(tmpdir(), "togai-redis-"));
    const args = [
      "--port",
      String(chosen),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
    ];
    args.push("--dir", dir, "--daemonize", "no", "--protected-mode", "no", "--loglevel", "warning");
    args.push(...extraArgs);
    const child = spawn(path, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: string): void => {
      output += chunk;
    };
    child.stdout.setEncoding("utf8").on("data", collect);
    child.stderr.setEncoding("utf8").on("data", collect);
    const exited = new Promise<void>((resolve) => {
      child.once("exit", () => {
        resolve();
      });
    });
    const killOnExit = (): void => {
      child.kill("SIGKILL");
    };
    process.once("exit", killOnExit);
    const end = async (signal: NodeJS.Signals): Promise<void> => {
      process.off("exit", killOnExit);
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      await rm(dir, { recursive: true, force: true });
    };
    try {
      await whenAnswering(chosen, child, () => output);
    } catch (error) {
      await end("SIGKILL");
      if (port === undefined && attempt < 3 && output.includes("in use")) continue;
      throw error;
    }
    return {
      url: `redis://127.0.0.1:${chosen}`,
      port: chosen,
      stop: () => end("SIGTERM"),
      kill: () => end("SIGKILL"),
    };
  }
}

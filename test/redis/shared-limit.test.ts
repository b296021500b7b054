/**
 * One limit for every process: two child processes, each with its own client and limiter on
 * one key, against the suite's redis-server; once with node-redis, once with ioredis. What they
 * were granted is judged from Redis's own state and clock.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CLIENT_KINDS, redisUrl, uniqueKey, type ClientKind } from "../helpers/redis.ts";
import { useInspector } from "./inspect.ts";

const CHILD = fileURLToPath(new URL("limiter-child.ts", import.meta.url));
const inspect = useInspector();

interface Child {
  /** Sends a message and resolves with the child's answer. */
  ask(message: Record<string, unknown>): Promise<Record<string, unknown>>;
  process: ChildProcess;
}

/** Starts a child with a client of `kind`, once it says it is ready. */
async function startChild(kind: ClientKind): Promise<Child> {
  const child = fork(CHILD, [kind, redisUrl()], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>): void => {
        if (message.type !== type) return;
        child.off("message", onMessage);
        resolve(message);
      };
      child.on("message", onMessage);
      child.once("exit", (code) => {
        reject(new Error(`the child exited with ${String(code)}`));
      });
    });
  await next("ready");
  return {
    process: child,
    ask(message) {
      const answer = next(String(message.type));
      child.send(message);
      return answer;
    },
  };
}

describe.each(CLIENT_KINDS)("two processes on one key, with %s", (kind) => {
  let a: Child;
  let b: Child;
  beforeAll(async () => {
    [a, b] = await Promise.all([startChild(kind), startChild(kind)]);
  }, 60_000);
  afterAll(() => {
    a.process.kill("SIGKILL");
    b.process.kill("SIGKILL");
  });

  test("are granted together no more than the rate and burst allow, by Redis's clock", async () => {
    const rate = 20;
    const burst = 3;
    const limit = { key: uniqueKey("shared"), rate, burst };
    const before = await inspect().now();

    const granted = await Promise.all([
      a.ask({ type: "acquire", count: 12, ...limit }),
      b.ask({ type: "acquire", count: 12, ...limit }),
    ]);
    const after = await inspect().now();

    const grants = granted.reduce((sum, reply) => sum + Number(reply.granted), 0);
    expect(grants).toBe(24);
    // Each grant moved the bucket's TAT one interval on from no earlier than `before`, and a
    // grant is refused while the TAT is more than burst - 1 intervals ahead of Redis's clock.
    const intervalMs = 1000 / rate;
    const bucket = await inspect().bucket(limit.key);
    expect(bucket).toBeDefined();
    expect(bucket!.tat - before).toBeGreaterThanOrEqual(grants * intervalMs - 1);
    expect(bucket!.tat).toBeLessThanOrEqual(after + burst * intervalMs + 1);
    // Hence grants ≤ rate × (elapsed on Redis's clock) + burst.
    expect(grants).toBeLessThanOrEqual((rate * (after - before)) / 1000 + burst + 0.1);
    expect(bucket!.pttl).toBeGreaterThan(0);
  });

  test("a pause by one holds the other until the pause key has expired in Redis", async () => {
    const limit = { key: uniqueKey("pause"), rate: 50, burst: 5 };
    await a.ask({ type: "pause", ms: 600, ...limit });
    const pttlWhenAsked = await inspect().pausePttl(limit.key);

    await b.ask({ type: "acquire", count: 1, ...limit });

    expect(pttlWhenAsked).toBeGreaterThan(0);
    expect(await inspect().pausePttl(limit.key)).toBe(-2);
  });
});

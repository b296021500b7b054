/**
 * What request validation costs: the time the generated validators take to check each
 * operation's example arguments (the spec's own examples), as a share of one loopback call of
 * the client (`credits.get`, ~2 KB answer, server in its own process), both measured in this
 * run. The budget is under 3% of a call.
 */
import { performance } from "node:perf_hooks";
import { EXAMPLES } from "../generated/examples.ts";
import { OPERATIONS, REQUEST_VALIDATORS } from "../generated/operations.ts";
import type { SubSchema } from "../src/schema/types.ts";
import { findViolation } from "../src/schema/walk.ts";
import { BENCH_TOKEN, CREDIT_ID } from "./lib/fixtures.ts";
import { startLoopbackServer } from "./lib/loopback-server.ts";
import { loadOurClient } from "./lib/our-client.ts";
import { printTable, writeResult } from "./lib/report.ts";

const CALLS = 2_000;
const CHECKS = 200_000;
const BUDGET = 0.03;

/** Checks every argument of an operation's examples once; throws if one is refused. */
function checkExample(operationId: string): void {
  const entry = OPERATIONS.find((op) => op.operationId === operationId)!;
  const examples = EXAMPLES[operationId] ?? {};
  for (const { name, argument, schema } of entry.pathParams) {
    const violation = findViolation(REQUEST_VALIDATORS, schema, examples.path?.[name], argument);
    if (violation) throw new Error(`${operationId}: ${violation.path}: ${violation.rule}`);
  }
  const checks: [unknown, SubSchema | undefined, string][] = [
    [examples.query ?? {}, entry.query, "params"],
    [examples.body, entry.body?.schema, "body"],
  ];
  for (const [value, schema, path] of checks) {
    const violation =
      schema !== undefined && findViolation(REQUEST_VALIDATORS, schema, value, path);
    if (violation) throw new Error(`${operationId}: ${violation.path}: ${violation.rule}`);
  }
}

/** Microseconds per call of `task`, over `count` calls after a warm-up. */
async function microseconds(count: number, task: () => unknown): Promise<number> {
  for (let i = 0; i < count / 10; i++) await task();
  const started = performance.now();
  for (let i = 0; i < count; i++) await task();
  return ((performance.now() - started) * 1000) / count;
}

const ours = await loadOurClient();
if (!ours.ok) throw new Error(ours.note);
const server = await startLoopbackServer();
try {
  const togai = ours.create({ token: BENCH_TOKEN, baseUrl: server.url });
  const callUs = await microseconds(CALLS, () => togai.credits.get(CREDIT_ID));
  const rows: string[][] = [];
  const shares: Record<string, number> = {};
  for (const { operationId, method, path } of OPERATIONS) {
    const checkUs = await microseconds(CHECKS, () => {
      checkExample(operationId);
    });
    shares[operationId] = checkUs / callUs;
    rows.push([
      `${method} ${path}`,
      `${(checkUs * 1000).toFixed(0)} ns`,
      `${((checkUs / callUs) * 100).toFixed(2)}%`,
      checkUs / callUs < BUDGET ? "met < 3%" : "MISSED < 3%",
    ]);
  }
  printTable(
    "Request validation, as a share of one loopback call",
    ["operation (its spec example)", "validation", "÷ loopback call", "budget"],
    rows,
    [
      `One loopback credits.get took ${callUs.toFixed(0)} µs here (${String(CALLS)} sequential calls); ` +
        `each validation is the mean of ${String(CHECKS)} checks of the operation's example arguments.`,
    ],
  );
  const path = await writeResult("validation", { callUs, shares });
  console.log(`\nwrote ${path}`);
} finally {
  await server.close();
}

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
import { readSchemaTable } from "../scripts/generate/schemas.ts";
import { fullValidators } from "../src/schema/catalogue.ts";
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

/**
 * A scratch spec that uses every keyword family the cost depends on, and a body that exercises
 * `oneOf` with a discriminator, `unevaluatedProperties` through `allOf`, and `uniqueItems` over
 * objects: read by the schema reader, checked with every keyword and format.
 */
const SCRATCH = {
  openapi: "3.1.0",
  components: {
    schemas: {
      Order: {
        allOf: [
          { $ref: "#/components/schemas/Base" },
          {
            properties: {
              lines: {
                type: "array",
                uniqueItems: true,
                items: { $ref: "#/components/schemas/Line" },
              },
            },
          },
        ],
        unevaluatedProperties: false,
      },
      Base: {
        type: "object",
        required: ["id", "rule"],
        properties: {
          id: { type: "string", format: "uuid" },
          rule: { $ref: "#/components/schemas/Rule" },
          placed: { type: "string", format: "date-time" },
        },
      },
      Rule: {
        oneOf: [{ $ref: "#/components/schemas/Percent" }, { $ref: "#/components/schemas/Fixed" }],
        discriminator: { propertyName: "kind" },
      },
      Percent: {
        type: "object",
        required: ["kind", "rate"],
        properties: {
          kind: { const: "Percent" },
          rate: { type: "number", minimum: 0, maximum: 100 },
        },
      },
      Fixed: {
        type: "object",
        required: ["kind", "amount"],
        properties: { kind: { const: "Fixed" }, amount: { type: "integer", format: "int32" } },
      },
      Line: {
        type: "object",
        required: ["sku", "quantity"],
        properties: {
          sku: { type: "string", pattern: "^[A-Z]{3}-[0-9]+$" },
          quantity: { type: "integer", minimum: 1 },
        },
      },
    },
  },
};
const SCRATCH_BODY = {
  id: "2eb8aa08-aa98-11ea-b4aa-73b441d16380",
  rule: { kind: "Fixed", amount: 500 },
  placed: "2023-02-04T10:15:30Z",
  lines: [
    { sku: "ABC-1", quantity: 2 },
    { sku: "ABC-2", quantity: 1 },
    { sku: "XYZ-9", quantity: 5 },
  ],
};
const scratch = readSchemaTable(SCRATCH, [{ pointer: "#/components/schemas/Order" }]);
if (scratch instanceof Error) throw scratch;
const SCRATCH_VALIDATORS = fullValidators(scratch.table);

/** The body's schema, one object for every check, as an operation's table entry is. */
const SCRATCH_ROOT = { $ref: "Order" };

function checkScratch(): void {
  const violation = findViolation(SCRATCH_VALIDATORS, SCRATCH_ROOT, SCRATCH_BODY, "body");
  if (violation) throw new Error(`scratch: ${violation.path}: ${violation.rule}`);
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
  const scratchUs = await microseconds(CHECKS, checkScratch);
  shares["every-keyword scratch body"] = scratchUs / callUs;
  rows.push([
    "every-keyword scratch spec: oneOf + discriminator, unevaluatedProperties via allOf, uniqueItems over objects",
    `${(scratchUs * 1000).toFixed(0)} ns`,
    `${((scratchUs / callUs) * 100).toFixed(2)}%`,
    scratchUs / callUs < BUDGET ? "met < 3%" : "MISSED < 3%",
  ]);
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

/**
 * Runs one row of the fault table: injects its faults into the mock, makes the call through
 * the client, and checks the outcome, the attempts the mock saw, the data, and for
 * `credits.create` the invariant "exactly one credit per idempotency key". The mock is
 * reached through either front door (test/mock-server/harness.ts): the HTTP server, with the
 * client's transport of this run (test/helpers/transport.ts), or the in-process `fetch`.
 */
import { expect } from "vitest";
import { TogaiError } from "../../src/index.ts";
import type {
  ClientOptions,
  CreateCreditResponse,
  Credit,
  CreditsClient,
  RequestOptions,
} from "../../src/index.ts";
import { createCreditsClient } from "../helpers/transport.ts";
import type { Fault, FaultMatch, MockControls, RecordedRequest } from "../helpers/mock.ts";
import type { DrivenMock, Driver } from "../mock-server/harness.ts";

/** The client call a row makes. */
export type Operation = "create" | "get" | "void" | "listAll";

/** What a row can use: the faulty mock, its front door, and another origin (a redirect's target). */
export interface RowContext {
  /** The front door the client reaches the mock through. */
  driver: Driver;
  /** The faulty mock; the client calls it at `server.baseUrl`, with `server.clientFetch` if any. */
  server: DrivenMock;
  otherOrigin: MockControls;
  /**
   * Wraps the client's `fetch` (the global one over HTTP); the suite's own tests use it to
   * break a client on purpose.
   */
  wrapFetch?: (send: typeof fetch) => typeof fetch;
}

/** A class of the client's errors. */
export type ErrorClass = abstract new (...args: never[]) => TogaiError;

/** One fault and its expected outcome. */
export interface FaultRow {
  /** The fault, as the README's table names it. */
  name: string;
  operation: Operation;
  /** The faults to inject, each for `times` (default 1) requests of the operation. */
  faults: (context: RowContext) => { fault: Fault; times?: number; match?: FaultMatch }[];
  /** Options of the call, e.g. a short `timeoutMs`. */
  options?: RequestOptions;
  /** Point the client where the connection is refused (the mock then sees nothing). */
  refused?: boolean;
  /** `"success"` with the right data, or the documented error class. */
  expected: "success" | ErrorClass;
  /** The requests the mock saw (for `refused`, the attempts the client made). */
  attempts: number;
  /** The least time between the first two attempts, in ms (a `Retry-After` honoured). */
  minGapMs?: number;
  /** More checks on the outcome (the value, or the error). */
  check?: (outcome: unknown, context: RowContext) => void;
}

/** What a row came to, for the summary. */
export interface RowResult {
  outcome: string;
  survived: boolean;
  attempts: number;
  lost: number;
  duplicated: number;
}

/** Back-off and timeout small enough for a fast suite. */
export const SUITE_CLIENT_OPTIONS = {
  maxRetries: 2,
  backoff: { initialDelayMs: 1, maxDelayMs: 5 },
  timeoutMs: 10_000,
} as const;

const MATCHES: Record<Operation, FaultMatch> = {
  create: { method: "POST", path: "/credits" },
  get: { method: "GET", path: /^\/credits\/[^/]+$/ },
  void: { method: "POST", path: /^\/credits\/[^/]+\/void$/ },
  listAll: { method: "GET", path: "/credits" },
};

function isAttempt(operation: Operation, request: RecordedRequest): boolean {
  const { method, path } = MATCHES[operation];
  if (request.method !== method) return false;
  return typeof path === "string" ? request.path === path : path!.test(request.path);
}

function creditRequest(idempotencyKey?: string) {
  return {
    accountId: "ACC00001",
    purpose: "Prepaid Credit",
    effectiveFrom: "2024-01-01",
    creditAmount: 100,
    priority: 1,
    ...(idempotencyKey !== undefined && { idempotencyKey }),
  };
}

interface Target {
  id: string;
  callerKey: string;
}

async function call(
  client: CreditsClient,
  operation: Operation,
  target: Target,
  options: RequestOptions,
): Promise<unknown> {
  switch (operation) {
    case "create":
      return client.credits.create(
        { creditRequests: [creditRequest(target.callerKey), creditRequest()] },
        options,
      );
    case "get":
      return client.credits.get(target.id, options);
    case "void":
      return client.credits.void(target.id, options);
    case "listAll": {
      const credits: Credit[] = [];
      for await (const credit of client.credits.listAll({ pageSize: 50 }, options)) {
        credits.push(credit);
      }
      return credits;
    }
  }
}

function expectRightData(
  operation: Operation,
  value: unknown,
  target: Target,
  server: MockControls,
) {
  switch (operation) {
    case "create": {
      const { credits } = value as CreateCreditResponse;
      for (const credit of credits) {
        expect([credit]).toEqual(server.store.creditsByIdempotencyKey(credit.idempotencyKey!));
      }
      break;
    }
    case "get":
      expect(value).toEqual(server.store.get(target.id));
      break;
    case "void":
      expect(value).toEqual(server.store.all().find((credit) => credit.id === target.id));
      expect((value as Credit).status).toBe("VOIDED");
      break;
    case "listAll":
      expect(value).toEqual(server.store.all().reverse());
      break;
  }
}

/**
 * The invariant of `credits.create`: the same body on every attempt, the caller's key kept,
 * and, once a failed call is retried with the keys its error carries, exactly one credit per
 * key. Returns how many keys ended with no credit (lost) and with more than one (duplicated).
 */
async function checkIdempotency(
  server: DrivenMock,
  outcome: { value?: unknown; error?: unknown },
  target: Target,
): Promise<{ lost: number; duplicated: number }> {
  const bodies = new Set(server.requests.filter((r) => isAttempt("create", r)).map((r) => r.body));
  expect(bodies.size).toBeLessThanOrEqual(1);
  const keys =
    outcome.error === undefined
      ? (outcome.value as CreateCreditResponse).credits.map((credit) => credit.idempotencyKey!)
      : ((outcome.error as TogaiError).idempotencyKeys ?? []);
  expect(keys).toHaveLength(2);
  expect(keys[0]).toBe(target.callerKey);
  if (outcome.error !== undefined) {
    const retry = createCreditsClient({
      token: server.token,
      ...reaching(server.baseUrl, server.clientFetch),
      ...SUITE_CLIENT_OPTIONS,
    });
    await retry.credits.create({ creditRequests: keys.map((key) => creditRequest(key)) });
  }
  const counts = keys.map((key) => server.store.creditsByIdempotencyKey(key).length);
  const granted = server.store.all().filter((credit) => credit.id !== target.id);
  expect(granted.map((credit) => credit.idempotencyKey).sort()).toEqual([...keys].sort());
  return {
    lost: counts.filter((count) => count === 0).length,
    duplicated: counts.filter((count) => count > 1).length,
  };
}

/** The options that point a client at `baseUrl`, with `fetch` when it needs one to get there. */
function reaching(baseUrl: string, fetch: typeof globalThis.fetch | undefined): ClientOptions {
  return fetch === undefined ? { baseUrl } : { baseUrl, fetch };
}

function describeOutcome(error: unknown): string {
  if (error === undefined) return "succeeded";
  return error instanceof Error ? error.name : typeof error;
}

/** Runs a row against `context.server` (reset first) and checks everything it promises. */
export async function runRow(row: FaultRow, context: RowContext): Promise<RowResult> {
  const { server } = context;
  server.reset();
  context.otherOrigin.reset();
  const [seeded] = server.seed(row.operation === "listAll" ? 120 : 1);
  const target: Target = { id: seeded!.id, callerKey: `caller-${row.name}` };
  for (const { fault, times, match } of row.faults(context)) {
    server.inject(fault, { ...MATCHES[row.operation], ...match, times: times ?? 1 });
  }
  let clientAttempts = 0;
  const reach =
    row.refused === true
      ? await context.driver.refused()
      : { baseUrl: server.baseUrl, fetch: server.clientFetch };
  const client = createCreditsClient({
    token: server.token,
    ...reaching(reach.baseUrl, context.wrapFetch?.(reach.fetch ?? fetch) ?? reach.fetch),
    logger: {
      debug: () => {
        clientAttempts += 1;
      },
    },
    ...SUITE_CLIENT_OPTIONS,
  });

  let value: unknown;
  let error: unknown;
  try {
    value = await call(client, row.operation, target, row.options ?? {});
  } catch (thrown) {
    error = thrown;
  }
  await server.whenIdle();

  if (row.expected === "success") {
    expect(error).toBeUndefined();
    expectRightData(row.operation, value, target, server);
  } else {
    expect(error).toBeInstanceOf(row.expected);
  }
  const attempts = server.requests.filter((request) => isAttempt(row.operation, request));
  if (row.refused === true) {
    expect(attempts).toHaveLength(0);
    expect(clientAttempts).toBe(row.attempts);
  } else {
    expect(attempts).toHaveLength(row.attempts);
  }
  if (row.minGapMs !== undefined) {
    const gap = attempts[1]!.receivedAt - attempts[0]!.receivedAt;
    expect(gap).toBeGreaterThanOrEqual(row.minGapMs);
  }
  row.check?.(error ?? value, context);
  expect(server.pendingFaults()).toBe(0);

  const { lost, duplicated } =
    row.operation === "create"
      ? await checkIdempotency(server, { value, error }, target)
      : { lost: 0, duplicated: 0 };
  return {
    outcome: describeOutcome(error),
    survived: error === undefined,
    attempts: row.refused === true ? clientAttempts : attempts.length,
    lost,
    duplicated,
  };
}

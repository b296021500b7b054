/**
 * The fault table of issue 8: one row per fault, its expected outcome and the number of
 * attempts the mock sees. `credits.create` carries most rows, since it is the call that
 * must neither lose nor duplicate a credit; reads, `credits.void` and `listAll` have the rows
 * where they behave differently.
 */
import { expect } from "vitest";
import {
  InternalServerError,
  RateLimitError,
  TogaiApiError,
  TogaiConnectionError,
  TogaiTimeoutError,
  UnexpectedResponseError,
} from "../../src/index.ts";
import type { FaultRow } from "./runner.ts";

/** The timeout of the rows that test timeouts, and the delay that overruns it, in ms. */
const TIMEOUT_MS = 500;
const SLOW_MS = 1_500;

/** An HTTP date at least `ms` from now, on a whole second. */
function httpDateIn(ms: number): string {
  return new Date(Math.ceil((Date.now() + ms) / 1000) * 1000).toUTCString();
}

function status(code: number, headers?: Record<string, string>) {
  return headers === undefined
    ? { kind: "status" as const, status: code }
    : { kind: "status" as const, status: code, headers };
}

export const FAULT_ROWS: FaultRow[] = [
  {
    name: "connection refused",
    operation: "create",
    refused: true,
    faults: () => [],
    expected: TogaiConnectionError,
    attempts: 3,
    check: (error) => {
      expect((error as Error).message).toContain("ECONNREFUSED");
    },
  },
  {
    name: "reset before the headers",
    operation: "create",
    faults: () => [{ fault: { kind: "resetBeforeHeaders" } }],
    expected: "success",
    attempts: 2,
  },
  {
    name: "reset mid-headers",
    operation: "create",
    faults: () => [{ fault: { kind: "resetMidHeaders" } }],
    expected: "success",
    attempts: 2,
  },
  {
    name: "reset mid-body",
    operation: "create",
    faults: () => [{ fault: { kind: "resetMidBody" } }],
    expected: "success",
    attempts: 2,
  },
  {
    name: "dropped after processing",
    operation: "create",
    faults: () => [{ fault: { kind: "dropAfterProcessing" } }],
    expected: "success",
    attempts: 2,
  },
  ...[500, 502, 503, 504].map((code): FaultRow => ({
    name: `${code}`,
    operation: "create",
    faults: () => [{ fault: status(code) }],
    expected: "success",
    attempts: 2,
  })),
  {
    name: "503 with Retry-After: 1",
    operation: "create",
    faults: () => [{ fault: status(503, { "retry-after": "1" }) }],
    expected: "success",
    attempts: 2,
    minGapMs: 950,
  },
  {
    name: "500 on every attempt",
    operation: "create",
    faults: () => [{ fault: status(500), times: 3 }],
    expected: InternalServerError,
    attempts: 3,
  },
  {
    name: "429 with Retry-After in seconds",
    operation: "create",
    faults: () => [{ fault: status(429, { "retry-after": "1" }) }],
    expected: "success",
    attempts: 2,
    minGapMs: 950,
  },
  {
    name: "429 with Retry-After as an HTTP date",
    operation: "create",
    faults: () => [{ fault: status(429, { "retry-after": httpDateIn(1_500) }) }],
    expected: "success",
    attempts: 2,
    minGapMs: 1_000,
  },
  {
    name: "429 with retry-after-ms",
    operation: "create",
    faults: () => [{ fault: status(429, { "retry-after-ms": "150" }) }],
    expected: "success",
    attempts: 2,
    minGapMs: 140,
  },
  {
    name: "429 with Retry-After beyond 60 s",
    operation: "create",
    faults: () => [{ fault: status(429, { "retry-after": "120" }) }],
    expected: RateLimitError,
    attempts: 1,
    check: (error) => {
      expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    },
  },
  {
    name: "slow headers past the timeout",
    operation: "create",
    options: { timeoutMs: TIMEOUT_MS },
    faults: () => [{ fault: { kind: "delayHeaders", ms: SLOW_MS } }],
    expected: "success",
    attempts: 2,
  },
  {
    name: "slow headers past the timeout, every attempt",
    operation: "create",
    options: { timeoutMs: TIMEOUT_MS },
    faults: () => [{ fault: { kind: "delayHeaders", ms: SLOW_MS }, times: 3 }],
    expected: TogaiTimeoutError,
    attempts: 3,
  },
  {
    name: "slow body past the timeout",
    operation: "create",
    options: { timeoutMs: TIMEOUT_MS },
    faults: () => [{ fault: { kind: "stallBody", ms: SLOW_MS } }],
    expected: "success",
    attempts: 2,
  },
  {
    name: "truncated JSON",
    operation: "create",
    faults: () => [{ fault: { kind: "truncatedJson" } }],
    expected: UnexpectedResponseError,
    attempts: 1,
  },
  {
    name: "HTML error page with status 502",
    operation: "create",
    faults: () => [{ fault: { kind: "html", status: 502 } }],
    expected: "success",
    attempts: 2,
  },
  {
    name: "HTML error page with status 502, every attempt",
    operation: "create",
    faults: () => [{ fault: { kind: "html", status: 502 }, times: 3 }],
    expected: InternalServerError,
    attempts: 3,
    check: (error) => {
      expect((error as InternalServerError).body).toEqual(expect.stringContaining("<html>"));
    },
  },
  {
    name: "200 with an empty body",
    operation: "create",
    faults: () => [{ fault: { kind: "emptyBody" } }],
    expected: UnexpectedResponseError,
    attempts: 1,
  },
  {
    name: "200 with the wrong content type",
    operation: "create",
    faults: () => [{ fault: { kind: "contentType", contentType: "text/html" } }],
    expected: "success",
    attempts: 1,
  },
  {
    name: "a body of 10 MB",
    operation: "create",
    faults: () => [{ fault: { kind: "hugeBody", bytes: 10 * 1024 * 1024 } }],
    expected: "success",
    attempts: 1,
  },
  {
    name: "a redirect to another origin",
    operation: "create",
    faults: ({ otherOrigin }) => [
      { fault: { kind: "redirect", location: `${otherOrigin.baseUrl}/credits` } },
    ],
    expected: TogaiApiError,
    attempts: 1,
    check: (error, { otherOrigin }) => {
      expect((error as TogaiApiError).status).toBe(302);
      expect((error as TogaiApiError).message).toContain(`${otherOrigin.baseUrl}/credits`);
      expect(otherOrigin.requests).toHaveLength(0);
    },
  },
  {
    name: "a nextToken that repeats",
    operation: "listAll",
    faults: () => [{ fault: { kind: "repeatNextToken" } }],
    expected: UnexpectedResponseError,
    attempts: 2,
    check: (error) => {
      expect((error as Error).message).toContain("already followed");
    },
  },
  {
    name: "503 on the second page",
    operation: "listAll",
    faults: () => [{ fault: status(503), match: { url: /[?&]nextToken=/ } }],
    expected: "success",
    attempts: 4,
  },
  {
    name: "503",
    operation: "get",
    faults: () => [{ fault: status(503) }],
    expected: "success",
    attempts: 2,
  },
  {
    name: "slow body past the timeout",
    operation: "get",
    options: { timeoutMs: TIMEOUT_MS },
    faults: () => [{ fault: { kind: "stallBody", ms: SLOW_MS } }],
    expected: "success",
    attempts: 2,
  },
  {
    name: "truncated JSON",
    operation: "get",
    faults: () => [{ fault: { kind: "truncatedJson" } }],
    expected: UnexpectedResponseError,
    attempts: 1,
  },
  {
    name: "503",
    operation: "void",
    faults: () => [{ fault: status(503) }],
    expected: InternalServerError,
    attempts: 1,
  },
  {
    name: "429 with retry-after-ms",
    operation: "void",
    faults: () => [{ fault: status(429, { "retry-after-ms": "20" }) }],
    expected: "success",
    attempts: 2,
  },
  {
    name: "reset mid-headers",
    operation: "void",
    faults: () => [{ fault: { kind: "resetMidHeaders" } }],
    expected: TogaiConnectionError,
    attempts: 1,
    check: (_error, { server }) => {
      expect(server.store.all()[0]!.status).toBe("VOIDED");
    },
  },
  {
    name: "connection refused",
    operation: "void",
    refused: true,
    faults: () => [],
    expected: TogaiConnectionError,
    // Retried although void is not idempotent: the connection was refused before anything was sent.
    attempts: 3,
    check: (error) => {
      expect((error as Error).message).toContain("ECONNREFUSED");
    },
  },
];

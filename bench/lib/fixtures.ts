/** Fixed response bodies the loopback servers answer with, built from the spec's types. */
import type { Credit, CreditDetailsResponse, CreditTransaction } from "../../generated/credits.ts";

/** The credit id every per-call benchmark asks for. */
export const CREDIT_ID = "creds.1znQx9jiIXw.r44fc";

/** Credits per page the pagination server serves (the API's maximum page size). */
export const PAGE_SIZE = 50;

/** The bearer token the benchmarks send; the loopback servers only check that one is sent. */
export const BENCH_TOKEN = "bench-token-not-a-secret";

/**
 * The `nextToken` of page `page` (0-based): opaque base64 like the API's, ~100 characters,
 * so that anything a client keeps per token weighs what it would against the real API.
 */
export function pageToken(page: number): string {
  const cursor = { lastItemId: credit(page * PAGE_SIZE - 1).id, pageSize: PAGE_SIZE, page };
  return Buffer.from(JSON.stringify(cursor)).toString("base64");
}

/** The page number a {@link pageToken} stands for, or NaN. */
export function pageOfToken(token: string): number {
  try {
    const { page } = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as {
      page?: unknown;
    };
    return typeof page === "number" ? page : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** One credit of a listing, `index` making its id unique. */
export function credit(index: number): Credit {
  return {
    id: `creds.bench${String(index).padStart(6, "0")}.r44fc`,
    customerId: "7VcRw9xZDIqsC5E",
    accountId: `ACC${String(index % 1000).padStart(5, "0")}`,
    status: "ACTIVE",
    purpose: "Prepaid Credit",
    applicableEntityIds: ["umg.1znQx9jiIXw.r44fc", "ALL_USAGE_METER_RATE_CARDS"],
    effectiveFrom: "2023-02-04",
    effectiveUntil: "2024-02-04",
    creditUnit: "USD",
    creditAmount: 1000,
    holdAmount: 500,
    consumedAmount: 400,
    priority: 1,
    grantorId: "addon.22IZs2ZVEnw.0zDFe",
    idempotencyKey: `5b8f0f4e-2f0a-4c57-9d9e-${String(index).padStart(12, "0")}`,
    createdAt: "2023-02-04T10:15:30Z",
    updatedAt: "2023-03-01T08:00:00Z",
  };
}

function transaction(index: number): CreditTransaction {
  return {
    id: `credtxn.1znQx9jiIXw.a1b${index}c`,
    creditId: CREDIT_ID,
    transactionType: index === 0 ? "CREDITED" : "DEBITED",
    invoiceId: `inv.1znQx9jiIXw.0aB${index}c`,
    entityId: "umg.1znQx9jiIXw.r44fc",
    amount: index === 0 ? 1000 : 25,
    createdAt: `2023-03-0${1 + (index % 9)}T08:00:00Z`,
  };
}

/** The ~2 KB `CreditDetailsResponse` that `GET /credits/{credit_id}` answers with. */
export function creditDetails(): CreditDetailsResponse {
  return {
    ...credit(0),
    id: CREDIT_ID,
    transactions: Array.from({ length: 7 }, (_, index) => transaction(index)),
  };
}

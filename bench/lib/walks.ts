/**
 * Walks over every credit of a listing: our `listAll`, the hand-written loop it is compared
 * to, and the same loop on bare `node:http` (the ceiling of a client on `node:http`).
 */
import type { Credit, ListCreditsResponse } from "../../generated/credits.ts";
import { BENCH_TOKEN, PAGE_SIZE } from "./fixtures.ts";
import { nodeHttpJson } from "./node-http.ts";
import type { BenchClient } from "./our-client.ts";

/** Called for every credit, in order; may be async (a consumer that works on each page). */
export type OnCredit = (credit: Credit, index: number) => void | Promise<void>;

/** Headers that tell the loopback server how many credits to list and how slow to be. */
export function listingHeaders(total: number, latencyMs = 0): Record<string, string> {
  return { "x-bench-total": String(total), "x-bench-latency-ms": String(latencyMs) };
}

/** One page of the listing at `url`, by some means of HTTP. */
type GetPage = (url: string, headers: Record<string, string>) => Promise<ListCreditsResponse>;

/** Follows `nextToken` from the first page while there is one; returns the credits seen. */
async function followPages(
  baseUrl: string,
  headers: Record<string, string>,
  onCredit: OnCredit,
  getPage: GetPage,
): Promise<number> {
  const sent = { ...headers, authorization: `Bearer ${BENCH_TOKEN}`, accept: "application/json" };
  let index = 0;
  let nextToken: string | undefined;
  do {
    const query = nextToken === undefined ? "" : `?nextToken=${encodeURIComponent(nextToken)}`;
    const page = await getPage(`${baseUrl}/credits${query}`, sent);
    for (const credit of page.data) {
      const working = onCredit(credit, index++);
      if (working) await working;
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return index;
}

/** A page with raw `fetch` + `res.json()`. */
const fetchPage: GetPage = async (url, headers) => {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`hand-written loop: ${String(res.status)}`);
  return (await res.json()) as ListCreditsResponse;
};

/** A page with bare `node:http` (the ceiling). */
const nodeHttpPage: GetPage = (url, headers) => nodeHttpJson(new URL(url), headers);

/**
 * The loop a user writes without our client: raw `fetch` + `res.json()`, following
 * `nextToken` while there is one. Returns the number of credits seen.
 */
export function handWrittenLoop(
  baseUrl: string,
  headers: Record<string, string>,
  onCredit: OnCredit,
): Promise<number> {
  return followPages(baseUrl, headers, onCredit, fetchPage);
}

/** The same loop on bare `node:http` (the ceiling). Returns the number of credits seen. */
export function nodeHttpLoop(
  baseUrl: string,
  headers: Record<string, string>,
  onCredit: OnCredit,
): Promise<number> {
  return followPages(baseUrl, headers, onCredit, nodeHttpPage);
}

/** `for await (const credit of togai.credits.listAll({}, { prefetch }))`; returns the count. */
export async function ourListAll(
  togai: BenchClient,
  onCredit: OnCredit,
  prefetch = false,
): Promise<number> {
  let index = 0;
  const options = prefetch ? { prefetch } : undefined;
  for await (const credit of togai.credits.listAll({}, options)) {
    const working = onCredit(credit, index++);
    if (working) await working;
  }
  return index;
}

/** True for the last credit of a page: the moment a consumer has a whole page in hand. */
export function endsPage(index: number): boolean {
  return index % PAGE_SIZE === PAGE_SIZE - 1;
}

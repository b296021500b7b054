/**
 * Loads our client (`createCreditsClient`, compiled from src/) when it exists, so every benchmark
 * runs its other contenders before the client lands and lights the client up once it does.
 */
import { pathToFileURL } from "node:url";
import type { CreateCreditRequest, CreateCreditResponse, Credit } from "../../generated/credits.ts";
import { type ClientBuild, compiledClientEntry } from "./compile-client.ts";

/** The per-call options the benchmarks pass (a subset of the client's). */
export interface BenchCallOptions {
  signal?: AbortSignal;
  prefetch?: boolean;
}

/** The part of the client the benchmarks call (issue 5's public API). */
export interface BenchClient {
  credits: {
    get(creditId: string, options?: BenchCallOptions): Promise<unknown>;
    create(request: CreateCreditRequest, options?: BenchCallOptions): Promise<CreateCreditResponse>;
    list(params?: Record<string, unknown>, options?: BenchCallOptions): Promise<unknown>;
    listAll(params?: Record<string, unknown>, options?: BenchCallOptions): AsyncIterable<Credit>;
  };
}

/** The options the benchmarks pass to `createCreditsClient`. */
export interface BenchClientOptions {
  token: string;
  baseUrl: string;
  headers?: Record<string, string>;
  maxRetries?: number;
  timeoutMs?: number;
  backoff?: { initialDelayMs: number; maxDelayMs: number };
}

/** `createCreditsClient`, or why it could not be loaded. */
export type OurClientFactory =
  { ok: true; create: (options: BenchClientOptions) => BenchClient } | { ok: false; note: string };

/**
 * Imports our client as compiled by tsc (see compile-client.ts) and returns
 * `createCreditsClient`, or a note saying why it is skipped. The default is the build a Node
 * user gets: `node`.
 */
export async function loadOurClient(build: ClientBuild = "node"): Promise<OurClientFactory> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(await compiledClientEntry(build)).href)) as Record<
      string,
      unknown
    >;
  } catch (error) {
    const reason = String(error).slice(0, 200);
    return { ok: false, note: `skipped: the client does not compile or load (${reason})` };
  }
  const factory = module.createCreditsClient;
  if (typeof factory !== "function") {
    return { ok: false, note: "skipped: src/index.ts does not export createCreditsClient yet" };
  }
  return { ok: true, create: factory as (options: BenchClientOptions) => BenchClient };
}

/**
 * The ways to make the same `GET /credits/{credit_id}` call that the overhead benchmark and the
 * profile compare: raw fetch, bare openapi-fetch, our client (its Node build, which sends with
 * `node:http`, and its fetch build), undici's own `request()`, and bare `node:http` with a
 * keep-alive agent and `JSON.parse` (the ceiling of a client on `node:http`).
 */
import createClient from "openapi-fetch";
import { request } from "undici";
import type { CreditDetailsResponse, paths } from "../../generated/credits.ts";
import { BENCH_TOKEN, CREDIT_ID } from "./fixtures.ts";
import type { ClientBuild } from "./compile-client.ts";
import { nodeHttpJson } from "./node-http.ts";
import { loadOurClient } from "./our-client.ts";

/** One call; resolves with the parsed body. */
export type Call = () => Promise<CreditDetailsResponse>;

/** A named way to make the call, or a note saying why it is skipped. */
export interface Contender {
  name: string;
  call?: Call;
  note?: string;
}

/** The headers every contender sends (our client adds its own `x-togai-client`). */
export const SAME_HEADERS = {
  authorization: `Bearer ${BENCH_TOKEN}`,
  accept: "application/json",
  "x-togai-client": "togai-credits/0.1.0",
} as const;

/** Contender names, in table order; `raw fetch` is the baseline (1.00×). */
export const RAW_FETCH = "raw fetch";
export const OPENAPI_FETCH = "openapi-fetch";
/** Our client as Node users get it: the `node` export condition, the `node:http` transport. */
export const OURS = "togai-credits";
/** Our client's fetch build (browsers, Deno, Bun, workers; or `fetch` forced on Node). */
export const OURS_FETCH = "togai-credits (fetch build)";
export const UNDICI = "undici request()";
/** Bare `node:http`, keep-alive agent, `JSON.parse`: what a client on `node:http` can reach. */
export const NODE_HTTP = "node:http ceiling";

/** Our client's contender for one build, or a note saying why it is skipped. */
async function ourContender(name: string, build: ClientBuild, baseUrl: string): Promise<Contender> {
  const ours = await loadOurClient(build);
  if (!ours.ok) return { name, note: ours.note };
  const togai = ours.create({ token: BENCH_TOKEN, baseUrl });
  return { name, call: () => togai.credits.get(CREDIT_ID) as Promise<CreditDetailsResponse> };
}

/** Builds every contender against the server at `baseUrl`. */
export async function contenders(baseUrl: string): Promise<Contender[]> {
  const url = `${baseUrl}/credits/${encodeURIComponent(CREDIT_ID)}`;
  const bare = createClient<paths>({ baseUrl, headers: SAME_HEADERS });
  const parsedUrl = new URL(url);
  return [
    {
      name: RAW_FETCH,
      call: async () => {
        const res = await fetch(url, { headers: SAME_HEADERS });
        if (!res.ok) throw new Error(`raw fetch: ${String(res.status)}`);
        return (await res.json()) as CreditDetailsResponse;
      },
    },
    {
      name: OPENAPI_FETCH,
      call: async () => {
        const { data, error } = await bare.GET("/credits/{credit_id}", {
          params: { path: { credit_id: CREDIT_ID } },
        });
        if (data === undefined) throw new Error(`openapi-fetch: ${JSON.stringify(error)}`);
        return data;
      },
    },
    await ourContender(OURS, "node", baseUrl),
    await ourContender(OURS_FETCH, "fetch", baseUrl),
    {
      name: UNDICI,
      call: async () => {
        const res = await request(url, { headers: SAME_HEADERS });
        if (res.statusCode !== 200) throw new Error(`undici: ${String(res.statusCode)}`);
        return (await res.body.json()) as CreditDetailsResponse;
      },
    },
    { name: NODE_HTTP, call: () => nodeHttpJson<CreditDetailsResponse>(parsedUrl, SAME_HEADERS) },
  ];
}

/** Makes `calls` calls with `inFlight` of them in flight at once; returns the elapsed ms. */
export async function timeCalls(
  call: () => Promise<unknown>,
  calls: number,
  inFlight: number,
): Promise<number> {
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < calls) {
      started++;
      await call();
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return performance.now() - start;
}

/**
 * Warms up every contender that has a call (JIT, connections), after checking it answers with
 * the right credit. A contender that fails is kept out: its `call` is removed and its `note`
 * says why, so one broken contender (e.g. our client mid-edit) does not stop the others.
 * Returns the contenders that are ready.
 */
export async function warmUpAll(
  all: Contender[],
  calls: number,
): Promise<(Contender & { call: Call })[]> {
  const ready: (Contender & { call: Call })[] = [];
  for (const contender of all) {
    const { call } = contender;
    if (call === undefined) continue;
    try {
      await warmUp(contender, calls);
      ready.push({ ...contender, call });
    } catch (error) {
      delete contender.call;
      contender.note = `skipped: failed during warm-up: ${String(error)}`.slice(0, 160);
    }
  }
  return ready;
}

/** Checks a contender answers with the right credit, then warms it up (JIT, connections). */
export async function warmUp(contender: Contender, calls: number): Promise<void> {
  if (contender.call === undefined) return;
  const first = await contender.call();
  if (first.id !== CREDIT_ID || first.transactions.length === 0) {
    throw new Error(`${contender.name} answered the wrong body: ${JSON.stringify(first)}`);
  }
  await timeCalls(contender.call, calls, 1);
  await timeCalls(contender.call, calls, 32);
}

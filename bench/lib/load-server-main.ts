/**
 * The load test's server, run in its own process (see load.ts) so that its CPU time is not
 * charged to the client: the mock Credits API server (the testing kit, src/testing/) with `LISTED` credits seeded
 * under `LIST_ACCOUNT`, and, when `FAULTY=1`, random faults. The mock server injects a fault
 * only on request (`inject(fault)` arms it for the next request); here, after every answer it
 * reports, a seeded PRNG (`SEED`) decides whether to arm one fault for the next request, at the
 * rates of `FAULT_RATES` (JSON). Answers IPC messages `report` (requests, retries, faults,
 * duplicates, and which of the `granted` ids are missing from the store) and `close`.
 */
import { startMockServer } from "../../src/testing/node.ts";
import type { Fault, MockServer } from "../../src/testing/node.ts";

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`load-server-main.ts needs ${name}`);
  return value;
};
const faulty = env("FAULTY") === "1";
const rates = JSON.parse(env("FAULT_RATES")) as { rate: number; fault: Fault; label: string }[];

/** mulberry32: a small seeded PRNG, so a run's fault pattern can be reproduced. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const random = prng(Number(env("SEED")));
const injected: Record<string, number> = {};
const server: MockServer = await startMockServer({
  onResponse: () => {
    if (!faulty) return;
    let draw = random();
    for (const { rate, fault, label } of rates) {
      if (draw < rate) {
        server.inject(fault);
        injected[label] = (injected[label] ?? 0) + 1;
        return;
      }
      draw -= rate;
    }
  },
});
server.seed(Number(env("LISTED")), { accountId: env("LIST_ACCOUNT") });
process.send?.({ type: "listening", url: server.url, token: server.token });

process.on("message", (message: { type: string; granted?: string[] }) => {
  if (message.type === "report") {
    void server.whenIdle().then(() => {
      const retries = server.requests.filter((r) => r.headers["x-togai-retry-count"]).length;
      const duplicates = [...server.store.idempotencyKeyCounts().values()].filter((n) => n > 1);
      const lost = (message.granted ?? []).filter((id) => server.store.get(id) === undefined);
      process.send?.({
        type: "report",
        requests: server.requests.length,
        retries,
        injected,
        duplicates: duplicates.length,
        lost: lost.length,
      });
    });
  }
  if (message.type === "close") {
    void server.close().finally(() => process.exit(0));
  }
});
process.on("disconnect", () => process.exit(0));

/**
 * The scale benchmark's API (see scale.ts), in its own process: the testing kit's mock server
 * limited to `RATE` requests per second with a burst of `BURST` (its `rateLimit`: past it, 429
 * with `Retry-After` and `retry-after-ms`). IPC: `start` (reset, seed one credit, count from
 * now; answers with the credit's id), `report` (once idle: requests, 2xx, 429, other statuses,
 * credits granted twice) and `close`.
 */
import { startMockServer } from "../../src/testing/node.ts";

const rate = Number(process.env.RATE);
const burst = Number(process.env.BURST);
const counts = { requests: 0, ok: 0, limited: 0, other: 0 };
const server = await startMockServer({
  rateLimit: { requestsPerSecond: rate, burst },
  onResponse: ({ status }) => {
    counts.requests++;
    if (status >= 200 && status < 300) counts.ok++;
    else if (status === 429) counts.limited++;
    else counts.other++;
  },
});
process.send?.({ type: "listening", url: server.url, token: server.token });

process.on("message", (message: { type: string }) => {
  if (message.type === "start") {
    server.reset();
    Object.assign(counts, { requests: 0, ok: 0, limited: 0, other: 0 });
    const [credit] = server.seed(1, { accountId: "ACC-SCALE" });
    process.send?.({ type: "start", creditId: credit?.id });
  } else if (message.type === "report") {
    void server.whenIdle().then(() => {
      const duplicates = [...server.store.idempotencyKeyCounts().values()].filter((n) => n > 1);
      process.send?.({ type: "report", ...counts, duplicates: duplicates.length });
    });
  } else if (message.type === "close") {
    void server.close().finally(() => process.exit(0));
  }
});
process.on("disconnect", () => process.exit(0));

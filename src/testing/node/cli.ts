#!/usr/bin/env node
/**
 * `togai-credits-mock` (and `npm run mock`): starts the mock Credits API on 127.0.0.1, seeds a
 * few credits, prints the `TOGAI_BASE_URL` and `TOGAI_API_TOKEN` lines to paste, logs one line
 * per answer, and runs until Ctrl-C (SIGINT) or SIGTERM, which exit 0.
 *
 * Environment: `PORT` (an integer from 0 to 65535; unset or 0 picks a free port),
 * `MOCK_API_TOKEN` (the token it accepts, default `test-token`) and `MOCK_RATE_LIMIT` (requests
 * per second over all requests, burst equal to the rate; unset: no limit). A bad `PORT` or
 * `MOCK_RATE_LIMIT` exits 2.
 */
import { startMockServer } from "./mock-server.js";

const rawPort = process.env.PORT ?? "";
const port = /^\d{1,5}$/u.test(rawPort) ? Number(rawPort) : rawPort === "" ? 0 : Number.NaN;
if (!(port >= 0 && port <= 65_535)) {
  console.error(
    `togai-credits-mock: PORT must be an integer from 0 to 65535, got ${JSON.stringify(rawPort)}`,
  );
  process.exit(2);
}

const rawRate = process.env.MOCK_RATE_LIMIT ?? "";
const rate = rawRate === "" ? undefined : Number(rawRate);
if (rate !== undefined && !(rate > 0 && rate < Infinity)) {
  console.error(
    `togai-credits-mock: MOCK_RATE_LIMIT must be a number of requests per second above 0, got ${JSON.stringify(rawRate)}`,
  );
  process.exit(2);
}

const server = await startMockServer({
  port,
  ...(process.env.MOCK_API_TOKEN ? { token: process.env.MOCK_API_TOKEN } : {}),
  ...(rate !== undefined && { rateLimit: { requestsPerSecond: rate, burst: Math.max(1, rate) } }),
  onResponse: ({ request, status }) => {
    console.log(`${request.method} ${request.url} -> ${status}`);
  },
});

server.seed(3, (index) => ({ accountId: "ACC00001", creditAmount: 1000 * (index + 1) }));
server.seed(1, { accountId: "ACC00001", status: "VOIDED", creditAmount: 500 });
server.seed(2, { accountId: "ACC00002", purpose: "Promotional Credit", creditAmount: 250 });

console.log(
  `Mock Credits API listening on ${server.baseUrl} with ${server.store.size} credits ` +
    "(accounts ACC00001 and ACC00002). Ctrl-C to stop.",
);
console.log("Export these two variables (or put them in a .env file) to point the client at it:\n");
console.log(`TOGAI_BASE_URL=${server.baseUrl}`);
console.log(`TOGAI_API_TOKEN=${server.token}\n`);

function stop(): void {
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
process.once("SIGINT", stop);
process.once("SIGTERM", stop);

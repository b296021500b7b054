/**
 * `npm run mock`: starts the mock Credits API server on 127.0.0.1 (port `PORT`, default any
 * free one), seeds a few credits, prints the `TOGAI_BASE_URL` and `TOGAI_API_TOKEN` lines to
 * paste, logs one line per answer, and runs until Ctrl-C (SIGINT) or SIGTERM.
 *
 * Environment: `PORT` (default 0), `MOCK_API_TOKEN` (the token it accepts, default `test-token`).
 */
import { startMockServer } from "./index.ts";

const port = Number(process.env.PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number, got ${process.env.PORT ?? ""}`);
  process.exit(2);
}

const server = await startMockServer({
  port,
  token: process.env.MOCK_API_TOKEN ?? "test-token",
  validateResponses: false,
  onResponse: ({ request, status }) => {
    console.log(`${request.method} ${request.url} -> ${status}`);
  },
});

server.seed(3, (index) => ({ accountId: "ACC00001", creditAmount: 1000 * (index + 1) }));
server.seed(1, { accountId: "ACC00001", status: "VOIDED", creditAmount: 500 });
server.seed(2, { accountId: "ACC00002", purpose: "Promotional Credit", creditAmount: 250 });

console.log(
  `Mock Credits API listening on ${server.url} with ${server.store.size} credits ` +
    "(accounts ACC00001 and ACC00002). Ctrl-C to stop.",
);
console.log("Export these two variables (or put them in a .env file) to point the client at it:\n");
console.log(`TOGAI_BASE_URL=${server.url}`);
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

/**
 * Grant a credit exactly once, however often the call is retried.
 *
 * Give each credit request an `idempotencyKey` derived from your own record (an order, an
 * invoice line): the API treats the key as the credit's uniqueness key, so sending the same
 * request again, after a crash, a timeout or a deploy, answers the credit already granted
 * instead of granting a second one. Without a key the client adds a fresh one per call, which
 * makes its own retries safe; an error then carries the keys it used as `idempotencyKeys`.
 *
 * Run: TOGAI_BASE_URL=… TOGAI_API_TOKEN=… npx tsx examples/grant-credits.ts [orderId]
 * (`npm run mock` in this repository starts a local Credits API and prints the two variables.)
 */
import { TogaiError, createCreditsClient, type CreditRequest } from "togai-credits";

const togai = createCreditsClient(); // token and base URL from TOGAI_API_TOKEN and TOGAI_BASE_URL

const orderId = process.argv[2] ?? "order-2026-0001";
const request: CreditRequest = {
  accountId: "ACC00001",
  purpose: "Prepaid Credit",
  effectiveFrom: "2026-01-01",
  effectiveUntil: "2026-12-31",
  creditAmount: 1000,
  priority: 1,
  idempotencyKey: `grant-${orderId}`,
};

try {
  const [granted] = (await togai.credits.create({ creditRequests: [request] })).credits;
  console.log(
    `granted ${granted?.id ?? "?"}: ${String(granted?.creditAmount)} to ${request.accountId}`,
  );

  // The same order again (a retry, a second run of this script): no second credit.
  const [again] = (await togai.credits.create({ creditRequests: [request] })).credits;
  const once = again?.id === granted?.id;
  console.log(
    `sent again with key ${request.idempotencyKey ?? "?"}: ${once ? "same credit, granted once" : "GRANTED TWICE"}`,
  );
} catch (error) {
  if (error instanceof TogaiError && error.idempotencyKeys) {
    // Not known whether the credit was granted: retrying later with these keys is safe.
    console.error(
      `grant failed (${error.message}); retry with keys ${error.idempotencyKeys.join(", ")}`,
    );
  }
  throw error;
}

/**
 * List every active credit of an account, across as many pages as it takes.
 *
 * `credits.listAll` follows `nextToken` for you, lazily: it asks for the next page only when
 * the loop needs it, keeps one page in memory, and stops asking when the loop breaks. The
 * filters use the API's own names (`account_id`, `status`, `pageSize`).
 *
 * Run: TOGAI_BASE_URL=… TOGAI_API_TOKEN=… npx tsx examples/list-active-credits.ts [accountId]
 * (`npm run mock` in this repository starts a local Credits API and prints the two variables.)
 */
import { createCreditsClient } from "togai-credits";

const togai = createCreditsClient(); // token and base URL from TOGAI_API_TOKEN and TOGAI_BASE_URL

const accountId = process.argv[2] ?? "ACC00001";
let count = 0;
let total = 0;
for await (const credit of togai.credits.listAll({
  account_id: accountId,
  status: "ACTIVE",
  pageSize: 50,
})) {
  count += 1;
  total += credit.creditAmount ?? 0;
  const until = credit.effectiveUntil ?? "no end date";
  console.log(
    `${credit.id}  ${String(credit.creditAmount ?? 0)} ${credit.creditUnit ?? ""}  until ${until}`,
  );
}
console.log(`${String(count)} active credits on ${accountId}, ${String(total)} in all`);

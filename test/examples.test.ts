/**
 * The examples in examples/ run as a consumer would run them (`tsx examples/….ts`, with
 * TOGAI_BASE_URL and TOGAI_API_TOKEN in the environment) against the mock server, and print
 * what their comments promise. `togai-credits` resolves to src/ through tsconfig.json's paths.
 */
import { describe, expect, test } from "vitest";
import { bin, toolEnv } from "../scripts/lib/exec.ts";
import { useMockServer } from "./helpers/mock-client.ts";
import { runToExit } from "./package/run-to-exit.ts";
import type { MockServer } from "./helpers/mock.ts";

const server = useMockServer();

/** Runs an example to its exit and answers the lines it printed. */
async function runExample(name: string, mock: MockServer, args: string[] = []) {
  const env = { ...toolEnv, TOGAI_BASE_URL: mock.url, TOGAI_API_TOKEN: mock.token };
  const result = await runToExit(bin("tsx"), [`examples/${name}`, ...args], { env });
  expect(result.hung, `${name} printed its results but did not exit:\n${result.stdout}`).toBe(
    false,
  );
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout.trimEnd().split("\n");
}

describe("examples/grant-credits.ts", () => {
  test("grants the credit once, even when the same order is sent twice", async () => {
    const lines = await runExample("grant-credits.ts", server(), ["order-42"]);
    const [credit] = server().store.all();
    expect(server().store.size).toBe(1);
    expect(credit?.idempotencyKey).toBe("grant-order-42");
    expect(lines).toEqual([
      `granted ${credit?.id ?? ""}: 1000 to ACC00001`,
      "sent again with key grant-order-42: same credit, granted once",
    ]);
  });
});

describe("examples/list-active-credits.ts", () => {
  test("lists every active credit of the account, across pages", async () => {
    server().seed(120, { accountId: "ACC00001", creditAmount: 10 });
    server().seed(5, { accountId: "ACC00001", status: "VOIDED" });
    server().seed(7, { accountId: "ACC00002" });
    const lines = await runExample("list-active-credits.ts", server());
    expect(lines).toHaveLength(121);
    expect(lines.at(-1)).toBe("120 active credits on ACC00001, 1200 in all");
    const listings = server().requests.filter((request) => request.operationId === "listCredits");
    expect(listings).toHaveLength(3);
    expect(listings.every((request) => request.url.includes("account_id=ACC00001"))).toBe(true);
  });
});

describe("examples/handle-errors.ts", () => {
  test("tells NotFoundError, retried 429s, RateLimitError and TogaiConnectionError apart", async () => {
    const tooMany = { kind: "status", status: 429, headers: { "retry-after-ms": "20" } } as const;
    server().inject(tooMany, { method: "GET", path: "/credits", times: 2 });
    server().inject(tooMany, { method: "GET", path: "/accounts/ACC00001/credit_balance" });
    const lines = await runExample("handle-errors.ts", server());
    const results = lines.filter((line) => line.startsWith("  -> "));
    expect(results).toEqual([
      expect.stringMatching(/^ {2}-> not found \(request id req_\d+\)$/u),
      "  -> ok",
      "  -> rate limited, retry in 20 ms",
      expect.stringMatching(/^ {2}-> no answer: /u),
    ]);
    const retried = lines.slice(lines.indexOf("list one page"), lines.indexOf("  -> ok"));
    expect(retried.filter((line) => line.endsWith("(retry)"))).toHaveLength(2);
    expect(retried.at(-1)).toMatch(/^ {2}attempt 3: GET \/credits ok \(ok\)$/u);
  });
});

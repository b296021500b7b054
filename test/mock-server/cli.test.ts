/**
 * `togai-credits-mock`, the bin the package ships (and `npm run mock`): the compiled
 * dist/src/testing/node/cli.js, started with node as a user starts it.
 */
import { join } from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { ListCreditsResponse } from "../../generated/credits.ts";
import { repoRoot } from "../../scripts/lib/exec.ts";
import { validateAgainstSchema } from "../helpers/spec-validator.ts";
import { ensureDist } from "../package/dist.ts";
import { mockCliEnv, startMockCli, type RunningMockCli } from "../package/mock-cli.ts";
import { runToExit } from "../package/run-to-exit.ts";

const BIN = join(repoRoot, "dist/src/testing/node/cli.js");

let running: RunningMockCli | undefined;

afterEach(() => {
  if (running?.child.exitCode === null && running.child.signalCode === null) {
    running.child.kill("SIGKILL");
  }
  running = undefined;
});

async function startBin(env: Record<string, string>): Promise<RunningMockCli> {
  await ensureDist();
  running = await startMockCli(process.execPath, [BIN], { cwd: repoRoot, env: mockCliEnv(env) });
  return running;
}

function listCredits(baseUrl: string, token: string, accountId: string): Promise<Response> {
  return fetch(`${baseUrl}/credits?account_id=${accountId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

describe("togai-credits-mock", () => {
  test.each(["SIGINT", "SIGTERM"] as const)(
    "with PORT=0 prints TOGAI_BASE_URL and TOGAI_API_TOKEN, serves seeded credits, and exits 0 on %s",
    async (signal) => {
      const { baseUrl, token, lines, stop } = await startBin({ PORT: "0" });
      const [, port] = /^http:\/\/127\.0\.0\.1:(\d+)$/u.exec(baseUrl) ?? [];
      expect(Number(port)).toBeGreaterThan(0);
      expect(token).toBe("test-token");
      expect(lines[0]).toContain(baseUrl);

      for (const accountId of ["ACC00001", "ACC00002"]) {
        const response = await listCredits(baseUrl, token, accountId);
        expect(response.status).toBe(200);
        const page = (await response.json()) as ListCreditsResponse;
        validateAgainstSchema("ListCreditsResponse", page);
        expect(page.data.length).toBeGreaterThan(0);
        expect(page.data.every((credit) => credit.accountId === accountId)).toBe(true);
      }
      await vi.waitFor(() => {
        expect(lines.filter((line) => line.startsWith("GET /credits?account_id="))).toEqual([
          expect.stringContaining("200"),
          expect.stringContaining("200"),
        ]);
      });

      expect(await stop(signal)).toEqual([0, null]);
    },
  );

  test("with MOCK_API_TOKEN=s3cret accepts that token, and only that one", async () => {
    const { baseUrl, token, stop } = await startBin({ PORT: "0", MOCK_API_TOKEN: "s3cret" });
    expect(token).toBe("s3cret");
    expect((await listCredits(baseUrl, "s3cret", "ACC00001")).status).toBe(200);
    expect((await listCredits(baseUrl, "test-token", "ACC00001")).status).toBe(401);
    expect(await stop("SIGTERM")).toEqual([0, null]);
  });

  test("with MOCK_RATE_LIMIT=0.01 answers the request past the limit 429 with Retry-After", async () => {
    const { baseUrl, token, stop } = await startBin({ PORT: "0", MOCK_RATE_LIMIT: "0.01" });
    expect((await listCredits(baseUrl, token, "ACC00001")).status).toBe(200);
    const limited = await listCredits(baseUrl, token, "ACC00001");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(90);
    expect(await stop("SIGTERM")).toEqual([0, null]);
  });

  test.each(["abc", "0", "-5", "Infinity"])(
    "with MOCK_RATE_LIMIT=%s prints one line naming MOCK_RATE_LIMIT to stderr and exits 2",
    async (rate) => {
      await ensureDist();
      const result = await runToExit(process.execPath, [BIN], {
        env: mockCliEnv({ PORT: "0", MOCK_RATE_LIMIT: rate }),
      });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trim().split("\n")).toEqual([
        `togai-credits-mock: MOCK_RATE_LIMIT must be a number of requests per second above 0, got ${JSON.stringify(rate)}`,
      ]);
    },
  );

  test.each(["abc", "70000", "-1", "8080.5"])(
    "with PORT=%s prints one line naming PORT to stderr and exits 2",
    async (port) => {
      await ensureDist();
      const result = await runToExit(process.execPath, [BIN], { env: mockCliEnv({ PORT: port }) });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      const stderrLines = result.stderr.split("\n").filter((line) => line !== "");
      expect(stderrLines).toHaveLength(1);
      expect(stderrLines[0]).toContain("PORT");
      expect(stderrLines[0]).toContain(JSON.stringify(port));
    },
  );
});

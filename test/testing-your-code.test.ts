/**
 * The README's "Testing your own code", runnable. Its two complete examples run exactly as
 * written: the vitest one with vitest, the node:test one with `node --test`, from a scratch
 * folder inside this repository, where `togai-credits` and `togai-credits/testing` resolve to
 * the package itself (its compiled dist/, by self-reference). consumer.test.ts runs them again
 * in a fresh project that installed the packed tarball. The hand-written `fetch`, the
 * zero-dependency alternative, is shown here in full.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { repoRoot } from "../scripts/lib/exec.ts";
import { NotFoundError, createCreditsClient, type CreditsClient } from "../src/index.ts";
import { ensureDist } from "./package/dist.ts";
import {
  README_TEST_FILES,
  readmeBlock,
  runNodeTest,
  runVitest,
  testTitles,
} from "./package/readme-examples.ts";

describe("the README's examples, run as written in this repository", () => {
  let scratch: string;

  beforeAll(async () => {
    await ensureDist();
    await mkdir(join(repoRoot, ".tmp"), { recursive: true });
    scratch = await mkdtemp(join(repoRoot, ".tmp", "readme-"));
    // An empty config, so that vitest does not take this repository's (which runs test/ only).
    await writeFile(join(scratch, "vitest.config.mjs"), "export default {};\n");
    for (const { tag, file } of Object.values(README_TEST_FILES)) {
      await writeFile(join(scratch, file), await readmeBlock(tag));
    }
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  test("vitest with createMockFetch: seeding, a 503 then success, the store and the requests", async () => {
    const { tag, file } = README_TEST_FILES.vitest;
    const titles = testTitles(await readmeBlock(tag));
    expect(titles.length).toBeGreaterThan(0);
    const vitest = join(repoRoot, "node_modules/vitest/vitest.mjs");
    const result = await runVitest(vitest, scratch, file, "vitest.config.mjs");
    expect({ passed: result.passed, failed: result.failed }, result.output).toEqual({
      passed: titles,
      failed: [],
    });
    expect(result.code, result.output).toBe(0);
  }, 60_000);

  test("node --test with startMockServer: plain JavaScript, no build step", async () => {
    const { tag, file } = README_TEST_FILES.nodeTest;
    const titles = testTitles(await readmeBlock(tag));
    expect(titles.length).toBeGreaterThan(0);
    const result = await runNodeTest(scratch, file);
    expect({ passed: result.passed, failed: result.failed }, result.output).toEqual({
      passed: titles,
      failed: [],
    });
    expect(result.code, result.output).toBe(0);
  }, 60_000);
});

// Your code: it takes the client as a parameter, so a test can hand it one.

/** A credit's status, or "unknown" when there is no such credit. */
async function creditStatus(togai: CreditsClient, creditId: string): Promise<string> {
  try {
    return (await togai.credits.get(creditId)).status;
  } catch (error) {
    if (error instanceof NotFoundError) return "unknown";
    throw error;
  }
}

/** A `fetch` that answers every request with `reply(request)` and keeps the requests sent. */
function fakeFetch(reply: (request: Request) => Response) {
  const requests: Request[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    requests.push(request.clone());
    return Promise.resolve(reply(request));
  };
  return { fetch, requests };
}

const credit = {
  id: "creds.1",
  customerId: "cus.1",
  accountId: "ACC1",
  status: "ACTIVE",
  purpose: "Welcome credit",
  effectiveFrom: "2026-01-01",
  creditAmount: 50,
  priority: 1,
  createdAt: "2026-01-01T00:00:00Z",
  transactions: [],
};

describe("testing code that uses the client, with a hand-written fetch", () => {
  test("a canned 404 reaches the client as a NotFoundError, and the request is recorded", async () => {
    const requests: Request[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      requests.push(new Request(input, init));
      return Promise.resolve(Response.json({ message: "Not found" }, { status: 404 }));
    };
    const togai = createCreditsClient({ token: "test-token", fetch });

    await expect(togai.credits.get("creds.missing")).rejects.toBeInstanceOf(NotFoundError);
    expect(new URL(requests[0]!.url).pathname).toBe("/credits/creds.missing");
  });

  test("your code handles the typed error", async () => {
    const { fetch } = fakeFetch(() => Response.json({ message: "Not found" }, { status: 404 }));
    const togai = createCreditsClient({ token: "test-token", fetch });

    expect(await creditStatus(togai, "creds.missing")).toBe("unknown");
  });

  test("retries are exercised without waiting, with a tiny back-off", async () => {
    let calls = 0;
    const { fetch, requests } = fakeFetch(() =>
      ++calls === 1 ? Response.json({ message: "Busy" }, { status: 503 }) : Response.json(credit),
    );
    const togai = createCreditsClient({
      token: "test-token",
      fetch,
      backoff: { initialDelayMs: 1, maxDelayMs: 1 },
    });

    expect(await creditStatus(togai, "creds.1")).toBe("ACTIVE");
    expect(requests.map((request) => request.headers.get("x-togai-retry-count"))).toEqual([
      null,
      "1",
    ]);
  });
});

/**
 * The README's "Testing your own code" section, runnable: code that uses the client is tested
 * without a network by handing the client a `fetch` that answers like the API, or, in this
 * repository, against the mock server. A consumer imports from "togai-credits" instead.
 */
import { describe, expect, test } from "vitest";
import { NotFoundError, createCreditsClient, type CreditsClient } from "../src/index.ts";
import { startMockServer } from "./helpers/mock.ts";

// Your code: it takes the client as a parameter, so a test can hand it one.

/** Grants an account's welcome credit; the idempotency key makes a second call a no-op. */
async function grantWelcomeCredit(togai: CreditsClient, accountId: string): Promise<string> {
  const { credits } = await togai.credits.create({
    creditRequests: [
      {
        accountId,
        purpose: "Welcome credit",
        effectiveFrom: "2026-01-01",
        creditAmount: 50,
        priority: 1,
        idempotencyKey: `welcome-${accountId}`,
      },
    ],
  });
  const [credit] = credits;
  if (!credit) throw new Error("no credit granted");
  return credit.id;
}

/** A credit's status, or "unknown" when there is no such credit. */
async function creditStatus(togai: CreditsClient, creditId: string): Promise<string> {
  try {
    return (await togai.credits.get(creditId)).status;
  } catch (error) {
    if (error instanceof NotFoundError) return "unknown";
    throw error;
  }
}

// Your tests.

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
};

describe("testing code that uses the client, with a custom fetch", () => {
  test("the fake answers like the API and records what your code sent", async () => {
    const { fetch, requests } = fakeFetch(() => Response.json({ credits: [credit] }));
    const togai = createCreditsClient({ token: "test-token", fetch });

    expect(await grantWelcomeCredit(togai, "ACC1")).toBe("creds.1");
    const [sent] = requests;
    expect(sent?.method).toBe("POST");
    expect(new URL(sent?.url ?? "").pathname).toBe("/credits");
    expect(await sent?.json()).toMatchObject({
      creditRequests: [{ accountId: "ACC1", idempotencyKey: "welcome-ACC1" }],
    });
  });

  test("an error status reaches your code as the typed error it handles", async () => {
    const { fetch } = fakeFetch(() => Response.json({ message: "Not found" }, { status: 404 }));
    const togai = createCreditsClient({ token: "test-token", fetch });

    expect(await creditStatus(togai, "creds.missing")).toBe("unknown");
  });

  test("retries are exercised without waiting, with a tiny back-off", async () => {
    let calls = 0;
    const { fetch } = fakeFetch(() =>
      ++calls === 1
        ? Response.json({ message: "Busy" }, { status: 503 })
        : Response.json({ ...credit, transactions: [] }),
    );
    const togai = createCreditsClient({
      token: "test-token",
      fetch,
      backoff: { initialDelayMs: 1, maxDelayMs: 1 },
    });

    expect(await creditStatus(togai, "creds.1")).toBe("ACTIVE");
    expect(calls).toBe(2);
  });
});

describe("testing code that uses the client, against the mock server", () => {
  test("a real HTTP round trip: granting twice leaves one credit", async () => {
    const server = await startMockServer();
    try {
      const togai = createCreditsClient({ token: server.token, baseUrl: server.url });

      const first = await grantWelcomeCredit(togai, "ACC1");
      const second = await grantWelcomeCredit(togai, "ACC1");
      expect(second).toBe(first);
      expect(server.store.size).toBe(1);
      expect(await creditStatus(togai, first)).toBe("ACTIVE");
    } finally {
      await server.close();
    }
  });
});

import { describe, expect, test } from "vitest";
import { API_VERSION, VERSION } from "../../src/index.ts";
import { createCreditsClient } from "../helpers/transport.ts";
import { clientFor, sampleCreditRequest, useMockServer } from "../helpers/mock-client.ts";

const server = useMockServer();

describe("credits.create", () => {
  test("grants credits and answers the CreateCreditResponse", async () => {
    const togai = clientFor(server());
    const { credits } = await togai.credits.create({
      creditRequests: [sampleCreditRequest(), sampleCreditRequest({ accountId: "ACC001" })],
    });
    expect(credits).toHaveLength(2);
    expect(credits[0]).toMatchObject({
      accountId: "ACC00001",
      status: "ACTIVE",
      creditAmount: 1000,
    });
    expect(credits[1]?.accountId).toBe("ACC001");
    expect(server().store.size).toBe(2);
  });

  test("sends the body as JSON with Content-Type application/json", async () => {
    await clientFor(server()).credits.create({ creditRequests: [sampleCreditRequest()] });
    const [request] = server().requests;
    expect(request?.method).toBe("POST");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.json).toMatchObject({ creditRequests: [{ accountId: "ACC00001" }] });
  });

  test("never mutates the caller's request", async () => {
    const body = { creditRequests: [sampleCreditRequest()] };
    const copy = structuredClone(body);
    await clientFor(server()).credits.create(body);
    expect(body).toEqual(copy);
  });
});

describe("credits.get", () => {
  test("answers the credit with its transactions", async () => {
    const [seeded] = server().seed(1);
    const credit = await clientFor(server()).credits.get(seeded!.id);
    expect(credit.id).toBe(seeded!.id);
    expect(credit.transactions[0]?.transactionType).toBe("CREDITED");
  });
});

describe("credits.void", () => {
  test("voids a credit and answers it with status VOIDED", async () => {
    const [seeded] = server().seed(1);
    const togai = clientFor(server());
    const voided = await togai.credits.void(seeded!.id);
    expect(voided.status).toBe("VOIDED");
    const details = await togai.credits.get(seeded!.id);
    expect(details.transactions.map((t) => t.transactionType)).toContain("VOIDED");
  });
});

describe("credits.list", () => {
  test("answers one page, filtered, with the wire's parameter names", async () => {
    server().seed(3, { accountId: "ACC001" });
    server().seed(2, { accountId: "ACC002" });
    const page = await clientFor(server()).credits.list({ account_id: "ACC001", pageSize: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.data.every((credit) => credit.accountId === "ACC001")).toBe(true);
    expect(page.nextToken).toEqual(expect.any(String));
    expect(server().requests[0]?.url).toBe("/credits?account_id=ACC001&pageSize=2");
  });

  test("answers a last page without nextToken", async () => {
    server().seed(1);
    const page = await clientFor(server()).credits.list();
    expect(page.data).toHaveLength(1);
    expect(page.nextToken).toBeUndefined();
  });
});

describe("accounts.creditBalance", () => {
  test("answers the account's balance", async () => {
    const togai = clientFor(server());
    await togai.credits.create({ creditRequests: [sampleCreditRequest({ creditAmount: 300 })] });
    const balance = await togai.accounts.creditBalance("ACC00001");
    expect(balance).toMatchObject({ activeCredits: 300, unit: expect.any(String) as string });
  });
});

describe("every request", () => {
  test("sends Accept, the bearer token and the client's identity; the first attempt no retry count", async () => {
    await clientFor(server()).credits.list();
    const headers = server().requests[0]!.headers;
    expect(headers.accept).toBe("application/json");
    expect(headers.authorization).toBe(`Bearer ${server().token}`);
    expect(headers["x-togai-client"]).toBe(`togai-credits/${VERSION}`);
    expect(headers["user-agent"]).toBe(`togai-credits/${VERSION}`);
    expect(headers["x-togai-retry-count"]).toBeUndefined();
  });

  test("carries the client's and the call's extra headers, and cannot lose the token to them", async () => {
    const togai = clientFor(server(), {
      headers: { "x-team": "billing", authorization: "Bearer other" },
    });
    await togai.credits.list({}, { headers: { "x-call": "1" } });
    const headers = server().requests[0]!.headers;
    expect(headers["x-team"]).toBe("billing");
    expect(headers["x-call"]).toBe("1");
    expect(headers.authorization).toBe(`Bearer ${server().token}`);
  });
});

describe("createCreditsClient", () => {
  test("reads the token and base URL from TOGAI_API_TOKEN and TOGAI_BASE_URL", async () => {
    process.env.TOGAI_API_TOKEN = server().token;
    process.env.TOGAI_BASE_URL = server().url;
    try {
      const page = await createCreditsClient().credits.list();
      expect(page.data).toEqual([]);
    } finally {
      delete process.env.TOGAI_API_TOKEN;
      delete process.env.TOGAI_BASE_URL;
    }
  });

  test("points the environments at the spec's servers", async () => {
    const seen: string[] = [];
    const fetch = (input: string | URL | Request) => {
      seen.push(input instanceof Request ? input.url : input.toString());
      return Promise.resolve(Response.json({ data: [] }));
    };
    await createCreditsClient({ token: "t", fetch }).credits.list();
    await createCreditsClient({ token: "t", environment: "sandbox", fetch }).credits.list();
    expect(seen).toEqual([
      "https://api.togai.com/credits",
      "https://sandbox-api.togai.com/credits",
    ]);
  });

  test("lets baseUrl override the environment, keeping its path prefix", async () => {
    const seen: string[] = [];
    const fetch = (input: string | URL | Request) => {
      seen.push(input instanceof Request ? input.url : input.toString());
      return Promise.resolve(Response.json({ data: [] }));
    };
    await createCreditsClient({
      token: "t",
      environment: "sandbox",
      baseUrl: "https://proxy.example.com/togai/",
      fetch,
    }).credits.list();
    expect(seen).toEqual(["https://proxy.example.com/togai/credits"]);
  });

  test("exports the spec's API version", () => {
    expect(API_VERSION).toBe("1.0");
  });
});

describe("raw", () => {
  test("is the typed openapi-fetch client with the same base URL and auth, answering { data, error, response }", async () => {
    const togai = clientFor(server());
    const ok = await togai.raw.GET("/credits", { params: { query: { pageSize: 5 } } });
    expect(ok.data?.data).toEqual([]);
    const missing = await togai.raw.GET("/credits/{credit_id}", {
      params: { path: { credit_id: "nope" } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.message).toEqual(expect.any(String));
    expect(server().requests[0]?.headers.authorization).toBe(`Bearer ${server().token}`);
  });
});

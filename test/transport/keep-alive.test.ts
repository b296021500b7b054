/**
 * Connections on the Node transport: sequential calls reuse one keep-alive socket instead of
 * opening one each; a socket the server is about to close (its `Keep-Alive: timeout` hint) is
 * never reused, so calls spaced past that hint still succeed; the idle-socket timeout applies
 * to idle sockets only, never to a call waiting for its answer; requests go with a
 * `Content-Length`, never chunked, as `fetch` sends them.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, test } from "vitest";
import { createCreditsClient } from "../../src/node.ts";
import { createCreditsClient as createCreditsWithFetch } from "../../src/index.ts";
import { IDLE_SOCKET_MS } from "../../src/node/agents.ts";
import { sampleCreditRequest } from "../helpers/mock-client.ts";
import { startMockServer } from "../helpers/mock.ts";
import { CREDIT_DETAILS, CREDIT_ID, startTestServer, type TestServer } from "./server.ts";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("keep-alive", () => {
  test("100 sequential calls share a connection or two", async () => {
    server = await startTestServer();
    const togai = createCreditsClient({ token: "test-token", baseUrl: server.url });

    for (let call = 0; call < 100; call++) {
      await expect(togai.credits.get(CREDIT_ID)).resolves.toEqual(CREDIT_DETAILS);
    }
    expect(server.requests).toHaveLength(100);
    expect(server.connections).toBeLessThanOrEqual(2);
  });

  test("calls about 1 s apart succeed when the server keeps idle sockets 1 s (Keep-Alive: timeout=1)", async () => {
    server = await startTestServer();
    server.server.keepAliveTimeout = 1_000;
    const togai = createCreditsClient({ token: "test-token", baseUrl: server.url, maxRetries: 0 });

    for (let call = 0; call < 3; call++) {
      if (call > 0) await sleep(1_000);
      await expect(togai.credits.get(CREDIT_ID)).resolves.toEqual(CREDIT_DETAILS);
    }
    expect(server.requests).toHaveLength(3);
  });
});

describe("the idle-socket timeout", () => {
  test(`does not cut a call the server takes longer than ${IDLE_SOCKET_MS} ms to answer`, async () => {
    const mock = await startMockServer();
    try {
      const [credit] = mock.seed(1);
      mock.inject({ kind: "delayHeaders", ms: IDLE_SOCKET_MS + 1_000 });
      const togai = createCreditsClient({ token: mock.token, baseUrl: mock.url, maxRetries: 0 });

      await expect(togai.credits.get(credit!.id)).resolves.toMatchObject({ id: credit!.id });
      expect(mock.requests).toHaveLength(1);
    } finally {
      await mock.close();
    }
  });
});

describe("request bodies", () => {
  test("credits.create sends its body with Content-Length, not chunked", async () => {
    const mock = await startMockServer();
    try {
      const togai = createCreditsClient({ token: mock.token, baseUrl: mock.url });
      await togai.credits.create({ creditRequests: [sampleCreditRequest()] });

      const [sent] = mock.requests;
      expect(sent?.method).toBe("POST");
      expect(sent?.headers["transfer-encoding"]).toBeUndefined();
      expect(sent?.headers["content-length"]).toBe(String(Buffer.byteLength(sent?.body ?? "")));
      expect(sent?.json).toMatchObject({ creditRequests: [sampleCreditRequest()] });
    } finally {
      await mock.close();
    }
  });

  // As fetch does: servers and proxies that refuse chunked requests, or a POST without a
  // length (411), would refuse `credits.void`.
  test("credits.void (a POST without a body) sends Content-Length: 0, not chunked", async () => {
    const mock = await startMockServer();
    try {
      const [credit] = mock.seed(1);
      const togai = createCreditsClient({ token: mock.token, baseUrl: mock.url });
      await togai.credits.void(credit!.id);

      const [sent] = mock.requests;
      expect(sent?.method).toBe("POST");
      expect(sent?.body).toBe("");
      expect(sent?.headers["transfer-encoding"]).toBeUndefined();
      expect(sent?.headers["content-length"]).toBe("0");
    } finally {
      await mock.close();
    }
  });

  test("(the reference) fetch sends credits.void with Content-Length: 0", async () => {
    const mock = await startMockServer();
    try {
      const [credit] = mock.seed(1);
      const togai = createCreditsWithFetch({ token: mock.token, baseUrl: mock.url });
      await togai.credits.void(credit!.id);

      const [sent] = mock.requests;
      expect(sent?.headers["transfer-encoding"]).toBeUndefined();
      expect(sent?.headers["content-length"]).toBe("0");
    } finally {
      await mock.close();
    }
  });
});

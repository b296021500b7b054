/**
 * HTTPS on the Node transport (`node:https`): the server's certificate is verified against
 * Node's trust store, exactly as `fetch` verifies it. A self-signed certificate fails the call;
 * the same certificate added with `NODE_EXTRA_CA_CERTS` (read by Node at startup, hence a child
 * process: child.ts) is trusted. The certificate is the test-only one of fixtures/.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCreditsClient } from "../../src/node.ts";
import { TogaiConnectionError } from "../../src/index.ts";
import { rejectionOf } from "../helpers/mock-client.ts";
import { callInChild } from "./child.ts";
import {
  CERT_PATH,
  CREDIT_DETAILS,
  CREDIT_ID,
  startTestServer,
  type TestServer,
} from "./server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(undefined, { https: true });
});
afterAll(() => server.close());

describe("an HTTPS server with a self-signed certificate", () => {
  test("fails verification in a process that does not trust it", async () => {
    const togai = createCreditsClient({ token: "test-token", baseUrl: server.url, maxRetries: 0 });

    const error = await rejectionOf(togai.credits.get(CREDIT_ID), TogaiConnectionError);

    expect(error.cause).toMatchObject({
      message: "fetch failed",
      cause: { code: expect.stringMatching(/SELF_SIGNED/u) as unknown },
    });
    expect(server.requests.filter(({ url }) => url.includes(CREDIT_ID))).toHaveLength(0);
  });

  test("is trusted by a process started with NODE_EXTRA_CA_CERTS=<its certificate>", async () => {
    const before = server.requests.length;

    const outcome = await callInChild(server.url, CREDIT_ID, { NODE_EXTRA_CA_CERTS: CERT_PATH });

    expect(outcome).toMatchObject({ ok: true, details: CREDIT_DETAILS });
    const sent = server.requests.slice(before);
    expect(sent).toHaveLength(1);
    // Sent by node:https, not by fetch (which would add sec-fetch-mode).
    expect(sent[0]?.headers["sec-fetch-mode"]).toBeUndefined();
    // Its idle keep-alive socket does not keep the finished child alive (it is unref'd).
    const keptAlive = outcome.keptAlive as string[];
    expect(keptAlive.filter((resource) => /^(TCPSocketWrap|TLSWrap)$/u.test(resource))).toEqual([]);
  });

  test("and the same child without NODE_EXTRA_CA_CERTS fails", async () => {
    const outcome = await callInChild(server.url, CREDIT_ID, {});

    expect(outcome).toMatchObject({ ok: false, name: "TogaiConnectionError" });
    expect(outcome.message).toMatch(/SELF_SIGNED/u);
  });
});

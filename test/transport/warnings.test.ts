/**
 * Many concurrent calls on the Node transport share abort signals (the client's deadlines are
 * shared by calls that start together; a caller may hand one signal to many calls). Node warns
 * (`MaxListenersExceededWarning`) when more than 10 listeners wait on one signal: the transport
 * must listen to each signal once, however many requests it carries.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCreditsClient } from "../../src/node.ts";
import { useWarnings } from "../helpers/warnings.ts";
import { CREDIT_DETAILS, CREDIT_ID, startTestServer, type TestServer } from "./server.ts";

const CALLS = 200;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const warnings = useWarnings();
const maxListenersWarnings = warnings.maxListeners;

describe(`${CALLS} concurrent calls`, () => {
  test("sharing the client's deadlines (no signal) raise no MaxListenersExceededWarning", async () => {
    const togai = createCreditsClient({ token: "test-token", baseUrl: server.url });

    const results = await Promise.all(
      Array.from({ length: CALLS }, () => togai.credits.get(CREDIT_ID)),
    );
    expect(results).toHaveLength(CALLS);
    expect(results.every((result) => result.id === CREDIT_DETAILS.id)).toBe(true);
    expect(await maxListenersWarnings()).toEqual([]);
  });

  test("all given the same caller AbortSignal raise no MaxListenersExceededWarning", async () => {
    const togai = createCreditsClient({ token: "test-token", baseUrl: server.url });
    const { signal } = new AbortController();

    const results = await Promise.all(
      Array.from({ length: CALLS }, () => togai.credits.get(CREDIT_ID, { signal })),
    );
    expect(results).toHaveLength(CALLS);
    expect(await maxListenersWarnings()).toEqual([]);
  });
});

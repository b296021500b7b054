/**
 * The Node transport answers openapi-fetch with a light response object, but nothing a caller
 * gets is light: an error's `headers` is a real `Headers`, and the `raw` client (which always
 * uses `fetch`) hands out real `Response`s.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createCreditsClient } from "../../src/node.ts";
import { NotFoundError, UnexpectedResponseError } from "../../src/index.ts";
import { rejectionOf } from "../helpers/mock-client.ts";
import { startMockServer, type MockServer } from "../helpers/mock.ts";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
beforeEach(() => {
  mock.reset();
});
afterAll(() => mock.close());

function client() {
  return createCreditsClient({ token: mock.token, baseUrl: mock.url, maxRetries: 0 });
}

describe("an error's headers", () => {
  test("are a real Headers (a 404)", async () => {
    const error = await rejectionOf(client().credits.get("creds.missing"), NotFoundError);

    expect(error.headers).toBeInstanceOf(Headers);
    expect(error.headers.get("x-request-id")).toEqual(expect.any(String));
    expect(error.headers.get("X-Request-Id")).toBe(error.requestId);
    expect(error.headers.get("content-type")).toMatch(/^application\/json/u);
  });

  test("are a real Headers (a 2xx the client cannot use)", async () => {
    mock.inject({ kind: "emptyBody" });
    const error = await rejectionOf(client().credits.list(), UnexpectedResponseError);

    expect(error.headers).toBeInstanceOf(Headers);
    expect(error.headers.get("x-request-id")).toEqual(expect.any(String));
  });
});

describe("the raw client", () => {
  test("answers with a real Response", async () => {
    const [seeded] = mock.seed(1);
    const { data, response } = await client().raw.GET("/credits/{credit_id}", {
      params: { path: { credit_id: seeded!.id } },
    });

    expect(response).toBeInstanceOf(Response);
    expect(response.headers).toBeInstanceOf(Headers);
    expect(response.status).toBe(200);
    expect(data?.id).toBe(seeded!.id);
  });
});

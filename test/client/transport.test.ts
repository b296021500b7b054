import { describe, expect, test } from "vitest";
import { clientFor, useMockServer } from "../helpers/mock-client.ts";
import { TRANSPORT } from "../helpers/transport.ts";

const server = useMockServer();

describe("the transport matrix", () => {
  // undici's fetch sends the Fetch standard's `sec-fetch-mode`; node:http sends what it is given.
  test(`this run's clients send with ${TRANSPORT}`, async () => {
    await clientFor(server()).credits.list();
    const sent = server().requests.at(-1)?.headers;
    expect(sent?.["sec-fetch-mode"] === undefined).toBe(TRANSPORT === "node");
  });
});

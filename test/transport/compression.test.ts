/**
 * Compressed answers on the Node transport: it asks for gzip, deflate and br (as `fetch` does)
 * and decodes each, as `fetch` would; a body that does not decode is a failed call, never a
 * hang or garbage handed to the caller.
 */
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, test } from "vitest";
import { createCreditsClient } from "../../src/node.ts";
import { TogaiConnectionError, UnexpectedResponseError } from "../../src/index.ts";
import { CREDIT_DETAILS, CREDIT_ID, startTestServer, type TestServer } from "./server.ts";

/** A server answering `CREDIT_DETAILS` as JSON, encoded with `encode`, labelled `encoding`. */
function compressedAnswer(encoding: string, encode: (data: Buffer) => Buffer) {
  return startTestServer((_request, res) => {
    const body = encode(Buffer.from(JSON.stringify(CREDIT_DETAILS)));
    res.writeHead(200, {
      "content-type": "application/json",
      "content-encoding": encoding,
      "content-length": body.length,
    });
    res.end(body);
  });
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** [what it is, the Content-Encoding, how the body is encoded] */
const CODINGS: [string, string, (data: Buffer) => Buffer][] = [
  ["gzip", "gzip", gzipSync],
  ["deflate (zlib)", "deflate", deflateSync],
  ["deflate (raw, as some servers send it)", "deflate", deflateRawSync],
  ["br", "br", brotliCompressSync],
  ["deflate then gzip, undone in reverse", "deflate, gzip", (data) => gzipSync(deflateSync(data))],
];

describe("a compressed answer", () => {
  test.each(CODINGS)("%s is decoded", async (_label, encoding, encode) => {
    server = await compressedAnswer(encoding, encode);
    const togai = createCreditsClient({ token: "test-token", baseUrl: server.url });

    await expect(togai.credits.get(CREDIT_ID)).resolves.toEqual(CREDIT_DETAILS);
  });

  test("the request asks for gzip, deflate and br", async () => {
    server = await compressedAnswer("gzip", gzipSync);
    await createCreditsClient({ token: "test-token", baseUrl: server.url }).credits.get(CREDIT_ID);

    const acceptEncoding = String(server.requests[0]?.headers["accept-encoding"]);
    const codings = acceptEncoding.split(",").map((coding) => coding.trim());
    expect(codings).toEqual(expect.arrayContaining(["gzip", "deflate", "br"]));
  });

  test("a corrupt gzip body fails the call (no hang, no garbage)", async () => {
    server = await compressedAnswer("gzip", (data) => {
      const gzipped = gzipSync(data);
      return Buffer.concat([gzipped.subarray(0, 10), Buffer.from("not deflate data at all")]);
    });
    const togai = createCreditsClient({
      token: "test-token",
      baseUrl: server.url,
      maxRetries: 0,
    });

    const error = await togai.credits.get(CREDIT_ID).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(
      error instanceof TogaiConnectionError || error instanceof UnexpectedResponseError,
      `got ${String(error)}`,
    ).toBe(true);
    expect(server.requests).toHaveLength(1);
  });
});

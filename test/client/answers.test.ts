/**
 * What a method resolves to follows the 2xx the spec declares, on both transports: JSON of any
 * type, text, a `Blob`, or nothing; the `Accept` it sends; a status the spec does not declare,
 * read by its `Content-Type`; a body that cannot be read as declared, never retried.
 */
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Answer, OperationEntry } from "../../src/operation-table.ts";
import { UnexpectedResponseError } from "../../src/index.ts";
import { clientOf, TRANSPORT, type TestMethod } from "../helpers/transport.ts";
import { startTestServer, type TestServer } from "../transport/server.ts";

/** What the server answers next: status, headers and body bytes. */
let next: { status: number; headers: Record<string, string>; body: Buffer | string } = {
  status: 200,
  headers: {},
  body: "",
};

function answer(status: number, contentType: string | undefined, body: Buffer | string): void {
  next = {
    status,
    headers: contentType === undefined ? {} : { "content-type": contentType },
    body,
  };
}

/** An operation `GET /things/{name}` that declares `answers`. */
function operation(name: string, answers: Answer[], accept: string): OperationEntry {
  return {
    operationId: name,
    group: "things",
    name,
    method: "GET",
    path: `/things/${name}`,
    pathParams: [],
    answers,
    accept,
    retry: { class: "idempotent", statusCodes: [503], connectionErrors: true },
  };
}

const OPERATIONS = [
  operation("nothing", [{ status: "204", kind: "none" }], "*/*"),
  operation("accepted", [{ status: "202", kind: "none" }], "*/*"),
  operation("csv", [{ status: "200", kind: "text" }], "text/csv"),
  operation("pdf", [{ status: "200", kind: "binary" }], "application/pdf"),
  operation("list", [{ status: "200", kind: "json", types: ["array"] }], "application/json"),
  operation("label", [{ status: "200", kind: "json", types: ["string"] }], "application/json"),
  operation("page", [{ status: "200", kind: "json", types: ["object"] }], "application/json"),
  operation(
    "either",
    [
      { status: "200", kind: "json", types: ["object"] },
      { status: "201", kind: "json", types: ["array"] },
    ],
    "application/json",
  ),
];

let server: TestServer;
let things: Record<string, TestMethod>;

beforeAll(async () => {
  server = await startTestServer((_request, res) => {
    res.writeHead(next.status, next.headers);
    res.end(next.body);
  });
  things = clientOf(OPERATIONS, {
    token: "t",
    baseUrl: server.url,
    backoff: { initialDelayMs: 1, maxDelayMs: 2 },
  }).things!;
});

afterAll(async () => {
  await server.close();
});

/** Calls `things.<name>()` and returns what it resolved to, and the requests it made. */
async function call(name: string): Promise<{ value: unknown; sent: number; accept: unknown }> {
  const before = server.requests.length;
  const value = await things[name]!();
  const sent = server.requests.slice(before);
  return { value, sent: sent.length, accept: sent[0]?.headers.accept };
}

describe(`answers, on the ${TRANSPORT} transport`, () => {
  test("a 204 resolves to undefined, asking for */*", async () => {
    answer(204, undefined, "");
    expect(await call("nothing")).toEqual({ value: undefined, sent: 1, accept: "*/*" });
  });

  test("a 202 declared without content resolves to undefined, a body sent anyway dropped", async () => {
    answer(202, "application/json", '{"queued":true}');
    expect((await call("accepted")).value).toBeUndefined();
  });

  test("a text answer resolves to its text, asking for its media type", async () => {
    answer(200, "text/csv; charset=utf-8", "id,name\nw1,Bolt\n");
    expect(await call("csv")).toEqual({ value: "id,name\nw1,Bolt\n", sent: 1, accept: "text/csv" });
  });

  test("a JSON answer to a text method is read as text", async () => {
    answer(200, "application/json", '{"a":1}');
    expect((await call("csv")).value).toBe('{"a":1}');
  });

  test("a binary answer resolves to a Blob of its bytes, a leading BOM kept", async () => {
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
    answer(200, "application/pdf", bytes);
    const { value, accept } = await call("pdf");
    expect(value).toBeInstanceOf(Blob);
    expect(Buffer.from(await (value as Blob).arrayBuffer())).toEqual(bytes);
    expect((value as Blob).type).toBe("application/pdf");
    expect(accept).toBe("application/pdf");
  });

  test("a JSON array and a JSON string resolve to themselves", async () => {
    answer(200, "application/json", '[{"id":"w1"}]');
    expect((await call("list")).value).toEqual([{ id: "w1" }]);
    answer(200, "application/json; charset=utf-8", '"Bolt (3)"');
    expect((await call("label")).value).toBe("Bolt (3)");
  });

  test("a JSON body of a type the schema does not allow is an UnexpectedResponseError", async () => {
    answer(200, "application/json", "[]");
    const error = await things.page!().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toBe("GET /things/page 200: the body is not a JSON object");
  });

  test("each of several 2xx is judged by its own declared answer", async () => {
    answer(200, "application/json", '{"a":1}');
    expect((await call("either")).value).toEqual({ a: 1 });
    answer(201, "application/json", "[1]");
    expect((await call("either")).value).toEqual([1]);
    answer(201, "application/json", '{"a":1}');
    await expect(things.either!()).rejects.toThrow("the body is not a JSON array");
  });

  test("a 2xx the spec does not declare is read by its Content-Type", async () => {
    answer(200, "text/plain", "queued");
    expect((await call("nothing")).value).toBe("queued");
    answer(200, "application/json", '{"queued":true}');
    expect((await call("nothing")).value).toEqual({ queued: true });
  });

  test("a 2xx the spec does not declare, without a Content-Type, is its text or nothing", async () => {
    answer(200, undefined, "");
    expect((await call("nothing")).value).toBeUndefined();
    answer(200, undefined, "done");
    expect((await call("nothing")).value).toBe("done");
    answer(200, "application/problem+json; charset=utf-8", '{"a":1}');
    expect((await call("nothing")).value).toEqual({ a: 1 });
    answer(200, "image/png", "png");
    expect((await call("nothing")).value).toBeInstanceOf(Blob);
  });

  test("an empty body where JSON is declared is an UnexpectedResponseError", async () => {
    answer(200, "application/json", "");
    await expect(things.page!()).rejects.toThrow("the body is empty");
  });

  test("an empty 2xx the spec does not declare is nothing only where a bodiless answer is declared", async () => {
    for (const status of [204, 205]) {
      answer(status, undefined, "");
      const error = await things.page!().catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect((error as Error).message).toBe(`GET /things/page ${status}: the body is empty`);
    }
    answer(205, undefined, "");
    expect((await call("nothing")).value).toBeUndefined();
  });

  test("a body that does not decode is an UnexpectedResponseError, never retried", async () => {
    next = {
      status: 200,
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: Buffer.from("not gzip at all"),
    };
    const before = server.requests.length;
    const error = await things.page!().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toMatch(/the body could not be decoded \(Z_DATA_ERROR\)/u);
    expect(server.requests.length - before).toBe(1);
  });

  test("a gzip body that decodes is read as usual", async () => {
    next = {
      status: 200,
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: gzipSync('{"a":1}'),
    };
    expect((await call("page")).value).toEqual({ a: 1 });
  });
});

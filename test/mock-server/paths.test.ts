import { request } from "node:http";
import { describe, expect, test } from "vitest";
import { forEachDriver, HTTP, useMockServer } from "./harness.ts";

forEachDriver((driver) => {
  const mock = useMockServer(driver);

  async function get(target: string): Promise<{ status: number; body: string }> {
    const { status, text } = await mock.call("GET", target);
    return { status, body: text };
  }

  describe("path segments", () => {
    test("records the raw request-target and path as received", async () => {
      await get("/credits/a%2Fb%3Fc?status=ACTIVE&x=%2F");
      expect(mock.server.requests[0]).toMatchObject({
        url: "/credits/a%2Fb%3Fc?status=ACTIVE&x=%2F",
        path: "/credits/a%2Fb%3Fc",
        operationId: "getCreditDetails",
      });
    });

    test.each([
      ["a/b", "/credits/a%2Fb"],
      ["a%2Fb", "/credits/a%252Fb"],
      ["x/void", "/credits/x%2Fvoid"],
      ["?#", "/credits/%3F%23"],
      ["é 💳", `/credits/${encodeURIComponent("é 💳")}`],
    ])("decodes %j from one segment, exactly once", async (id, target) => {
      mock.server.seed(1, { id });
      const found = await get(target);
      expect(found.status).toBe(200);
      expect((JSON.parse(found.body) as { id: string }).id).toBe(id);
    });

    test("never lets an encoded slash reach another route", async () => {
      mock.server.seed(1, { id: "x" });
      const response = await get("/credits/x%2Fvoid");
      expect(response).toEqual({ status: 404, body: '{"message":"Credit not found: x/void"}' });
      expect(mock.server.store.get("x")!.status).toBe("ACTIVE");
    });

    test("answers 400 to a malformed percent-encoding", async () => {
      const response = await get("/credits/%E0%A4%A");
      expect(response).toEqual({
        status: 400,
        body: '{"message":"path: malformed percent-encoding"}',
      });
    });
  });
});

// HTTP only: fetch and Request parse URLs the WHATWG way, which resolves `%2E%2E` as `..`;
// only a raw request-target on a socket reaches the mock with it.
describe("HTTP: a raw request-target", () => {
  const mock = useMockServer(HTTP);

  /** Sends a request-target exactly as given (fetch would normalise it). */
  function rawGet(target: string): Promise<{ status: number; body: string }> {
    const { port } = new URL(mock.server.url);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: target,
          headers: { authorization: `Bearer ${mock.server.token}` },
        },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (body += chunk));
          res.on("end", () => {
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.on("error", reject);
      req.end();
    });
  }

  test('decodes ".." from one segment, exactly once', async () => {
    mock.server.seed(1, { id: ".." });
    const found = await rawGet("/credits/%2E%2E");
    expect(found.status).toBe(200);
    expect((JSON.parse(found.body) as { id: string }).id).toBe("..");
    expect(mock.server.requests[0]).toMatchObject({ url: "/credits/%2E%2E" });
  });
});

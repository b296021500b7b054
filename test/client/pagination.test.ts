import { describe, expect, test } from "vitest";
import { UnexpectedResponseError } from "../../src/index.ts";
import type { Credit } from "../../src/index.ts";
import { clientFor, useMockServer } from "../helpers/mock-client.ts";

const server = useMockServer();

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe("credits.listAll", () => {
  test("follows nextToken until the last page, over 1,000 credits", async () => {
    const seeded = server().seed(1_000);
    const credits = await collect(clientFor(server()).credits.listAll());
    expect(credits).toHaveLength(1_000);
    expect(new Set(credits.map((c) => c.id))).toEqual(new Set(seeded.map((c) => c.id)));
    expect(server().requests).toHaveLength(20);
  });

  test("keeps the caller's filters on every page", async () => {
    server().seed(300, (i) => ({ accountId: i % 3 === 0 ? "ACC001" : "ACC002" }));
    const credits = await collect(
      clientFor(server()).credits.listAll({ account_id: "ACC001", status: "ACTIVE", pageSize: 25 }),
    );
    expect(credits).toHaveLength(100);
    expect(credits.every((c: Credit) => c.accountId === "ACC001")).toBe(true);
    for (const request of server().requests) {
      expect(request.url).toMatch(/account_id=ACC001/u);
      expect(request.url).toMatch(/status=ACTIVE/u);
      expect(request.url).toMatch(/pageSize=25/u);
    }
    expect(server().requests).toHaveLength(4);
  });

  test("fetches nothing before the first iteration step", async () => {
    server().seed(10);
    const iterable = clientFor(server()).credits.listAll();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server().requests).toHaveLength(0);
    const iterator = iterable[Symbol.asyncIterator]();
    await iterator.next();
    expect(server().requests).toHaveLength(1);
  });

  test("stops fetching when the loop breaks", async () => {
    server().seed(200);
    let seen = 0;
    for await (const credit of clientFor(server()).credits.listAll({ pageSize: 10 })) {
      expect(credit.id).toEqual(expect.any(String));
      if (++seen === 15) break;
    }
    expect(server().requests).toHaveLength(2);
  });

  test("raises UnexpectedResponseError rather than loop when a token repeats", async () => {
    server().seed(100);
    server().inject({ kind: "repeatNextToken" });
    const error = await collect(clientFor(server()).credits.listAll({ pageSize: 10 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toMatch(
      /^GET \/credits 200: the page's nextToken .* was already followed$/u,
    );
    expect(server().requests).toHaveLength(2);
  });

  test("raises UnexpectedResponseError, never a TypeError, for a page that is no object", async () => {
    server().seed(30);
    const togai = clientFor(server());
    server().inject({ kind: "emptyBody", status: 204 });
    await expect(collect(togai.credits.listAll({ pageSize: 10 }))).rejects.toThrow(
      /^GET \/credits 204: the body is empty$/u,
    );
    server().inject({ kind: "body", status: 203, contentType: "text/plain", body: "moved" });
    const error = await collect(togai.credits.pages({ pageSize: 10 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toBe("GET /credits 203: the page is not a JSON object");
  });

  test("starts from the nextToken the params give", async () => {
    server().seed(30);
    const togai = clientFor(server());
    const first = await togai.credits.list({ pageSize: 10 });
    const rest = await collect(
      togai.credits.listAll({ pageSize: 10, nextToken: first.nextToken! }),
    );
    expect(rest).toHaveLength(20);
    expect(rest.map((c) => c.id)).not.toContain(first.data[0]?.id);
  });
});

describe("credits.pages", () => {
  test("yields every page, the last one without nextToken", async () => {
    server().seed(120);
    const pages = await collect(clientFor(server()).credits.pages({ pageSize: 50 }));
    expect(pages.map((p) => p.data.length)).toEqual([50, 50, 20]);
    expect(pages.at(-1)?.nextToken).toBeUndefined();
  });

  test("with prefetch, fetches the next page while the caller works, at most one ahead", async () => {
    server().seed(40);
    const requestsSeen: number[] = [];
    for await (const page of clientFor(server()).credits.pages(
      { pageSize: 10 },
      { prefetch: true },
    )) {
      expect(page.data).toHaveLength(10);
      await new Promise((resolve) => setTimeout(resolve, 150));
      requestsSeen.push(server().requests.length);
    }
    expect(requestsSeen).toEqual([2, 3, 4, 4]);
  });

  test("with prefetch, a break cancels the page fetched ahead and raises nothing", async () => {
    server().seed(40);
    server().inject({ kind: "delayHeaders", ms: 200 }, { times: 10 });
    for await (const page of clientFor(server()).credits.pages(
      { pageSize: 10 },
      { prefetch: true },
    )) {
      expect(page.data).toHaveLength(10);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server().requests.length).toBeLessThanOrEqual(2);
    expect(
      server()
        .requests.map((r) => r.url)
        .filter((url) => url.includes("nextToken")),
    ).toHaveLength(server().requests.length - 1);
  });

  test("with prefetch, an abort from the caller stops the walk with its reason", async () => {
    server().seed(40);
    const controller = new AbortController();
    const reason = new Error("stop");
    const pages = clientFor(server()).credits.pages(
      { pageSize: 10 },
      { prefetch: true, signal: controller.signal },
    );
    const walk = (async () => {
      for await (const page of pages) {
        expect(page.data).toHaveLength(10);
        controller.abort(reason);
      }
    })();
    await expect(walk).rejects.toBe(reason);
  });
});

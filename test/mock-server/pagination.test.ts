import { describe, expect, test } from "vitest";
import type { Credit, CreditStatus, ListCreditsResponse } from "../../generated/credits.ts";
import { validateAgainstSchema } from "../helpers/spec-validator.ts";
import { creditRequest, forEachDriver, useMockServer } from "./harness.ts";

forEachDriver((driver) => {
  const mock = useMockServer(driver);

  async function page(query: Record<string, string>): Promise<ListCreditsResponse> {
    const response = await mock.call("GET", `/credits?${new URLSearchParams(query).toString()}`);
    expect(response.status).toBe(200);
    validateAgainstSchema("ListCreditsResponse", response.json);
    return response.json as ListCreditsResponse;
  }

  /** Follows nextToken from the first page; returns every page. */
  async function walk(query: Record<string, string>): Promise<ListCreditsResponse[]> {
    const pages = [await page(query)];
    for (let token = pages[0]!.nextToken; token !== undefined; token = pages.at(-1)!.nextToken) {
      pages.push(await page({ ...query, nextToken: token }));
    }
    return pages;
  }

  const STATUSES: CreditStatus[] = ["ACTIVE", "CONSUMED", "EXPIRED", "VOIDED"];

  /** 120 credits over 3 accounts and 4 statuses. */
  function seedMixed(): Credit[] {
    return mock.server.seed(120, (index) => ({
      accountId: `ACC${index % 3}`,
      status: STATUSES[index % 4]!,
    }));
  }

  describe("GET /credits (listCredits) pages", () => {
    test("pages 120 credits newest first in 50, 50 and 20, the last without nextToken", async () => {
      const seeded = seedMixed();
      const pages = await walk({ pageSize: "50" });
      expect(pages.map((p) => p.data.length)).toEqual([50, 50, 20]);
      expect(pages.map((p) => p.nextToken === undefined)).toEqual([false, false, true]);
      expect(pages.flatMap((p) => p.data.map((c) => c.id))).toEqual(
        seeded.map((c) => c.id).reverse(),
      );
    });

    test("uses 50 credits a page when pageSize is absent", async () => {
      mock.server.seed(51);
      expect((await page({})).data).toHaveLength(50);
    });

    test("keeps the status and account_id filters on every page", async () => {
      const seeded = seedMixed();
      for (const status of STATUSES) {
        for (const accountId of ["ACC0", "ACC1", "ACC2"]) {
          const pages = await walk({ status, account_id: accountId, pageSize: "3" });
          const expected = seeded
            .filter((c) => c.status === status && c.accountId === accountId)
            .map((c) => c.id)
            .reverse();
          expect(pages.flatMap((p) => p.data.map((c) => c.id))).toEqual(expected);
          expect(pages.slice(0, -1).every((p) => p.data.length === 3)).toBe(true);
        }
      }
    });

    test("filters by id, combined with the other filters", async () => {
      const seeded = seedMixed();
      const target = seeded[7]!;
      expect((await page({ id: target.id })).data).toEqual([target]);
      expect((await page({ id: target.id, status: target.status })).data).toEqual([target]);
      expect((await page({ id: target.id, account_id: "ACC-other" })).data).toEqual([]);
      expect(await page({ id: "creds.unknown" })).toEqual({ data: [] });
    });

    test("answers an empty store with an empty last page", async () => {
      expect(await page({})).toEqual({ data: [] });
    });

    test("ends exactly at a full page without an extra empty page", async () => {
      mock.server.seed(100);
      const pages = await walk({ pageSize: "50" });
      expect(pages.map((p) => p.data.length)).toEqual([50, 50]);
    });

    test("hands out an opaque base64 token of at most 500 characters", async () => {
      mock.server.seed(3);
      const { nextToken } = await page({ pageSize: "1" });
      expect(nextToken).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      expect(nextToken!.length).toBeLessThanOrEqual(500);
    });

    test("does not shift the following pages when credits are granted while paging", async () => {
      mock.server.seed(60);
      const first = await page({ pageSize: "50" });
      const body = { creditRequests: [creditRequest(), creditRequest()] };
      expect((await mock.call("POST", "/credits", { body })).status).toBe(200);
      const second = await page({ pageSize: "50", nextToken: first.nextToken! });
      expect(second.data).toHaveLength(10);
      expect(second.nextToken).toBeUndefined();
    });

    test("walks 1,000 credits in 20 pages with every credit once", async () => {
      mock.server.seed(1_000);
      const pages = await walk({ pageSize: "50" });
      expect(pages).toHaveLength(20);
      expect(new Set(pages.flatMap((p) => p.data.map((c) => c.id))).size).toBe(1_000);
    });

    test("pages deep into 20,000 credits", async () => {
      const seeded = mock.server.seed(20_000, (index) => ({ accountId: `ACC${index % 100}` }));
      const pages = await walk({ account_id: "ACC7" });
      expect(pages.map((p) => p.data.length)).toEqual([50, 50, 50, 50]);
      expect(pages.at(-1)!.data.at(-1)!.id).toBe(seeded[7]!.id);
    });
  });
});

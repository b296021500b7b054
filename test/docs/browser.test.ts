/**
 * The built API reference (site/), served from 127.0.0.1 and read in real headless Chromium:
 * what a reader sees, and that the page loads nothing from another origin.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { repoRoot } from "../../scripts/lib/exec.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { ensureSite, serveSite, type SiteServer } from "./site.ts";

/** The five operations, with the call their TypeScript sample makes. */
const OPERATIONS = [
  { operationId: "createCredit", summary: "Grant credit", call: "togai.credits.create(" },
  { operationId: "listCredits", summary: "List credits", call: "togai.credits.listAll(" },
  { operationId: "getCreditDetails", summary: "Get credit details", call: "togai.credits.get(" },
  { operationId: "voidCredit", summary: "Void credit", call: "togai.credits.void(" },
  {
    operationId: "CreditBalanceForAccount",
    summary: "Credit balance for Account",
    call: "togai.accounts.creditBalance(",
  },
] as const;

const ERROR_STATUSES = ["400", "401", "403", "404", "429", "default"];
const VIEWPORT = { width: 1600, height: 1000 };

let browser: Browser;
let site: SiteServer;
/** The page most tests read, one menu click after another, as a reader would. */
let reader: Page;
const contexts: BrowserContext[] = [];
/** Every request any page of these tests made, in order. */
const requests: string[] = [];

beforeAll(async () => {
  await ensureSite();
  site = await serveSite();
  browser = await launchChromium();
  reader = await openDocs();
}, 120_000);

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser.close();
  await site.close();
});

/** Opens the page in a fresh browser context (no stored choices), recording its requests. */
async function openDocs(path = "/"): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  contexts.push(context);
  context.on("request", (request) => requests.push(request.url()));
  const page = await context.newPage();
  await page.goto(`${site.origin}${path}`, { waitUntil: "networkidle" });
  return page;
}

/** Clicks the side menu's item with this label, first opening the group that holds it. */
async function clickMenuItem(page: Page, group: string, label: string): Promise<void> {
  const menu = page.locator("[data-component-name='Menu/Menu']");
  const item = menu.getByText(label, { exact: true });
  if (!(await item.isVisible())) await menu.getByText(group, { exact: true }).click();
  await item.click();
}

/** The section Redoc renders for one operation or schema (`#<tag>/<name>`, lower-cased). */
function section(page: Page, id: string): Locator {
  return page.locator(`[id="${id.toLowerCase()}"]`);
}

/** Waits until the element's top edge is within the viewport; false if it never gets there. */
async function scrolledIntoView(element: Locator): Promise<boolean> {
  const inView = async () => {
    const box = await element.boundingBox();
    return box !== null && box.y >= 0 && box.y < VIEWPORT.height - 100;
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await inView()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe("the API reference in headless Chromium", () => {
  test("lists the five operations by their summaries in the side menu", async () => {
    const menu = reader.locator("[data-component-name='Menu/Menu']");
    await menu.getByText("Credits", { exact: true }).click();
    for (const { summary } of OPERATIONS) {
      const item = menu.getByText(summary, { exact: true });
      await item.waitFor({ state: "visible" });
      expect(await item.isVisible(), summary).toBe(true);
    }
  });

  test.each(OPERATIONS)(
    "scrolls to $summary when it is clicked in the side menu, its TypeScript sample in view",
    async ({ operationId, summary, call }) => {
      await clickMenuItem(reader, "Credits", summary);
      const operation = section(reader, `credits/${operationId}`);
      const heading = operation.locator("h2", { hasText: summary }).first();
      expect(await scrolledIntoView(heading), `${summary}: heading in view`).toBe(true);
      expect(new URL(reader.url()).hash).toBe(`#/credits/${operationId.toLowerCase()}`);

      const sample = operation.locator("pre").filter({ hasText: call }).first();
      expect(await scrolledIntoView(sample), `${summary}: sample in view`).toBe(true);
      expect(await sample.innerText()).toContain('from "togai-credits"');
      const language = operation.getByText("TypeScript", { exact: true }).first();
      expect(await language.isVisible()).toBe(true);
    },
  );

  test.each(OPERATIONS)(
    "shows $summary with its description, bearer auth and every error response",
    async ({ operationId, summary }) => {
      await clickMenuItem(reader, "Credits", summary);
      const operation = section(reader, `credits/${operationId}`);
      await operation.waitFor({ state: "visible" });
      // Redoc renders an operation's panels after its section appears: wait for their text.
      await operation.getByText("bearerAuth").first().waitFor();
      const text = await operation.innerText();
      expect(text).toContain("Request");
      expect(text).toContain("bearerAuth");
      const tabs = operation.locator("[role=tablist][aria-label='Response status'] [role=tab]");
      expect(await tabs.allInnerTexts()).toEqual(["200", ...ERROR_STATUSES]);

      await tabs.filter({ hasText: "429" }).click();
      await operation.getByText("Too many requests.").first().waitFor();
      expect(await operation.innerText()).toContain('"message": "Rate limit exceeded"');
    },
  );

  test("shows the list parameters with their limits, defaults and enums", async () => {
    await clickMenuItem(reader, "Credits", "List credits");
    const operation = section(reader, "credits/listCredits");
    await operation.waitFor({ state: "visible" });
    await operation.getByText("pageSize").first().waitFor();
    await operation
      .locator("[role=tablist][aria-label='Response status'] [role=tab]")
      .first()
      .click();
    const text = await operation.innerText();
    for (const parameter of ["nextToken", "status", "account_id", "id", "pageSize"]) {
      expect(text).toContain(parameter);
    }
    expect(text).toMatch(/pageSize\s+integer, \[ 1 \.\. 50 \]/u);
    expect(text).toMatch(/Default:\s+50/u);
    expect(text).toMatch(/Enum:\s+"ACTIVE"\s+"CONSUMED"\s+"EXPIRED"\s+"VOIDED"/u);
    expect(text).toContain("<= 50 items");
    expect(text).toContain("<= 500 characters");
  });

  test("writes a screenshot of an operation to test-results/docs.png", async () => {
    await clickMenuItem(reader, "Credits", "List credits");
    const heading = section(reader, "credits/listCredits").locator("h2").first();
    expect(await scrolledIntoView(heading)).toBe(true);
    await mkdir(join(repoRoot, "test-results"), { recursive: true });
    const png = await reader.screenshot({ path: join(repoRoot, "test-results", "docs.png") });
    expect(png.byteLength).toBeGreaterThan(10_000);
  });

  test("shows the bearer auth scheme", async () => {
    await clickMenuItem(reader, "Credits", "Get credit details");
    const operation = section(reader, "credits/getCreditDetails");
    await operation.getByText("View security details").first().click();
    await reader.getByText("HTTP Authorization Scheme").first().waitFor({ state: "visible" });
    expect(await reader.locator("body").innerText()).toContain(
      "An API token, sent as Authorization: Bearer <token>.",
    );
    await reader.keyboard.press("Escape");
  });

  test.each([
    { schema: "Credit", property: "customerId" },
    { schema: "ErrorResponse", property: "message" },
  ])("renders the $schema schema", async ({ schema, property }) => {
    await clickMenuItem(reader, "Schemas", schema);
    const rendered = section(reader, `schemas/${schema}`);
    await rendered.locator("h2", { hasText: schema }).first().waitFor({ state: "visible" });
    await rendered.getByText(property, { exact: true }).first().waitFor();
    expect(await rendered.innerText()).toContain(property);
  });

  test("shows the request body schema and example, the response example, and curl", async () => {
    // A page of its own: the language chosen below is remembered for every operation.
    const page = await openDocs("/#/credits/createcredit");
    const operation = section(page, "credits/createCredit");
    await operation.waitFor({ state: "visible" });
    await operation.getByText("creditRequests").first().waitFor();
    expect(await operation.innerText()).toContain("creditRequests");
    expect(await operation.innerText()).toContain('"id": "creds.1znQx9jiIXw.r44fc"');

    await operation.getByText("TypeScript", { exact: true }).first().click();
    const languages = page.getByRole("menuitem");
    expect(await languages.allInnerTexts()).toEqual(["TypeScript", "curl", "Payload"]);
    await languages.filter({ hasText: "Payload" }).click();
    const payload = operation.locator("pre").filter({ hasText: '"creditRequests"' }).first();
    await payload.waitFor({ state: "visible" });
    expect(await payload.innerText()).toContain('"idempotencyKey"');

    await operation.getByText("Payload", { exact: true }).first().click();
    await languages.filter({ hasText: "curl" }).click();
    const curl = operation.locator("pre").filter({ hasText: "curl -X POST" }).first();
    await curl.waitFor({ state: "visible" });
    expect(await curl.innerText()).toContain('-H "Authorization: Bearer $TOGAI_API_TOKEN"');
  });

  test("links the published openapi.json and openapi.yaml from its intro", async () => {
    const page = await openDocs();
    for (const file of ["openapi.json", "openapi.yaml"]) {
      const href = await page.getByRole("link", { name: file, exact: true }).getAttribute("href");
      expect(href).toBe(file);
      const response = await page.request.get(new URL(file, page.url()).href);
      expect(response.status(), file).toBe(200);
      expect(await response.text()).toContain("x-codeSamples");
    }
    await page.getByRole("link", { name: "openapi.json", exact: true }).click();
    await page.waitForURL(`${site.origin}/openapi.json`);
  });

  // Last: it covers every request made by every page above.
  test("makes no request to another origin", () => {
    const isLocal = (url: string) => {
      const { protocol, origin } = new URL(url);
      return protocol === "data:" || origin === site.origin;
    };
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !isLocal(url))).toEqual([]);
  });
});

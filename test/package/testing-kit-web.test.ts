/**
 * The testing kit's web build (`togai-credits/testing` under the `default` export condition,
 * dist/src/testing/web.js) runs where the client runs: bundled with esbuild for
 * `--platform=browser` together with the client, it imports nothing of Node's, reads only web
 * globals, and plays a whole story in a `node:vm` sandbox that has nothing else.
 */
import { relative } from "node:path";
import { runInContext } from "node:vm";
import * as esbuild from "esbuild";
import { beforeAll, describe, expect, test } from "vitest";
import { repoRoot } from "../../scripts/lib/exec.ts";
import { DIST_ENTRY, ensureDist } from "./dist.ts";
import { findFreeGlobals } from "./free-globals.ts";
import { KIT_WEB_GLOBALS, NODE_GLOBALS, WEB_GLOBALS, webSandbox } from "./web-globals.ts";

const KIT_WEB_ENTRY = "dist/src/testing/web.js";

/** What a browser app's tests import: the client, and the kit's in-process mock. */
const STORY_ENTRY = `export { createCreditsClient, NotFoundError } from "./${relative(repoRoot, DIST_ENTRY)}";
export { createMockFetch } from "./${KIT_WEB_ENTRY}";
`;

type Bundle = esbuild.BuildResult<{ metafile: true; write: false }>;

/** Bundles `contents` (an entry in the repository's root) for the browser, as the global `globalName`. */
function bundleForBrowser(contents: string, globalName: string): Promise<Bundle> {
  return esbuild.build({
    stdin: { contents, resolveDir: repoRoot, sourcefile: `${globalName}-entry.js` },
    absWorkingDir: repoRoot,
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
}

function codeOf(bundle: Bundle): string {
  return bundle.outputFiles[0]?.text ?? "";
}

function importsOf(bundle: Bundle) {
  return Object.values(bundle.metafile.inputs).flatMap((input) => input.imports);
}

/** The client's and the kit's web globals: what a sandbox for the story needs, and all it gets. */
const STORY_GLOBALS = [...WEB_GLOBALS.filter((name) => name !== "fetch"), ...KIT_WEB_GLOBALS];

let story: Bundle;
let kit: Bundle;

beforeAll(async () => {
  await ensureDist();
  story = await bundleForBrowser(STORY_ENTRY, "story");
  kit = await bundleForBrowser(`export * from "./${KIT_WEB_ENTRY}";\n`, "kit");
}, 60_000);

describe("the client and togai-credits/testing's web build, bundled for the browser", () => {
  test("hold only dist/ and openapi-fetch: no node: import, nothing external", () => {
    const imports = importsOf(story);
    expect(imports.filter((imported) => imported.path.startsWith("node:"))).toEqual([]);
    expect(imports.filter((imported) => imported.external)).toEqual([]);
    const outside = Object.keys(story.metafile.inputs).filter(
      (input) =>
        !input.startsWith("dist/") &&
        !/(^|\/)node_modules\/openapi-fetch\//u.test(input) &&
        input !== "story-entry.js",
    );
    expect(outside).toEqual([]);
    expect(Object.keys(story.metafile.inputs)).toContain(KIT_WEB_ENTRY);
  });

  test("read web globals only, and a Node global only behind the client's typeof guard", () => {
    const globals = findFreeGlobals(codeOf(story));
    const names = new Set(globals.map((reference) => reference.name));
    const allowed = new Set([...WEB_GLOBALS, ...KIT_WEB_GLOBALS, ...NODE_GLOBALS]);
    expect([...names].filter((name) => !allowed.has(name))).toEqual([]);
    const unguarded = globals.filter(
      (reference) => NODE_GLOBALS.includes(reference.name) && !reference.guarded,
    );
    expect(unguarded.map((reference) => `${reference.name}: …${reference.excerpt}…`)).toEqual([]);
  });

  test("the kit on its own reads no Node global at all, not even guarded", () => {
    const names = new Set(findFreeGlobals(codeOf(kit)).map((reference) => reference.name));
    expect(
      [...names].filter((name) => !KIT_WEB_GLOBALS.includes(name) && !WEB_GLOBALS.includes(name)),
    ).toEqual([]);
    expect(importsOf(kit).filter((imported) => imported.path.startsWith("node:"))).toEqual([]);
  });

  test("grant, list, void and balance run in a sandbox with only web globals and no fetch", async () => {
    // The sandbox's language intrinsics (Uint8Array, …) are its own, its web globals
    // (TextEncoder, Response, …) are Node's: two realms, as in Jest's jsdom environment. So
    // `bytes instanceof Uint8Array` is false here for bytes a web API made: the kit must
    // recognise them some other way (ArrayBuffer.isView, or by ruling out the other kinds).
    const sandbox = webSandbox(STORY_GLOBALS);
    runInContext(codeOf(story), sandbox);
    const script = `(async () => {
      const mock = story.createMockFetch({ now: () => new Date("2026-06-01T12:00:00Z") });
      const togai = story.createCreditsClient({
        baseUrl: mock.baseUrl,
        token: mock.token,
        fetch: mock.fetch,
        backoff: { initialDelayMs: 1, maxDelayMs: 1 },
      });
      const [seeded] = mock.seed(1, { accountId: "ACC1", creditAmount: 100 });
      mock.inject({ kind: "status", status: 503 }, { method: "POST", path: "/credits" });

      const { credits: [granted] } = await togai.credits.create({
        creditRequests: [{ accountId: "ACC1", purpose: "Welcome credit", effectiveFrom: "2026-01-01", creditAmount: 50, priority: 1 }],
      });
      const listed = [];
      for await (const credit of togai.credits.listAll({ account_id: "ACC1", pageSize: 1 })) {
        listed.push(credit.id);
      }
      const voided = await togai.credits.void(granted.id);
      const balance = await togai.accounts.creditBalance("ACC1");
      let notFound;
      try {
        await togai.credits.get("creds.missing");
      } catch (error) {
        notFound = error instanceof story.NotFoundError && error.status;
      }
      const results = {
        nodeGlobals: [typeof process, typeof Buffer, typeof require, typeof fetch],
        seeded: seeded.id,
        granted: [granted.accountId, granted.creditAmount, granted.status],
        listed,
        expectedListed: [granted.id, seeded.id],
        voided: voided.status,
        stored: mock.store.get(granted.id).status,
        balance: [balance.activeCredits, balance.availableBalance, balance.unit],
        notFound,
        operations: mock.requests.map((request) => request.operationId + (request.fault ? " (" + request.fault + ")" : "")),
      };
      await mock.close();
      return JSON.stringify(results);
    })()`;
    const results = JSON.parse(await (runInContext(script, sandbox) as Promise<string>)) as Record<
      string,
      unknown
    >;
    expect(results).toEqual({
      nodeGlobals: ["undefined", "undefined", "undefined", "undefined"],
      seeded: "creds.togaiMock01.00001",
      granted: ["ACC1", 50, "ACTIVE"],
      listed: results.expectedListed,
      expectedListed: [expect.any(String), "creds.togaiMock01.00001"],
      voided: "VOIDED",
      stored: "VOIDED",
      balance: [100, 100, "USD"],
      notFound: 404,
      operations: [
        "createCredit (status)",
        "createCredit",
        "listCredits",
        "listCredits",
        "voidCredit",
        "CreditBalanceForAccount",
        "getCreditDetails",
      ],
    });
  });

  test("startMockServer of the web build rejects: it needs Node, use createMockFetch", async () => {
    const sandbox = webSandbox(STORY_GLOBALS);
    runInContext(codeOf(kit), sandbox);
    const message = await (runInContext(
      "kit.startMockServer().then(() => 'resolved', (error) => error.message)",
      sandbox,
    ) as Promise<string>);
    expect(message).toMatch(/^startMockServer needs Node\b/u);
    expect(message).toContain("Use createMockFetch()");
  });
});

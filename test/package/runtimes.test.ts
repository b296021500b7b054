/**
 * The client needs only web-standard APIs, so it runs in browsers and edge runtimes: dist/ is
 * bundled with esbuild for `--platform=browser` and checked three ways.
 */
import { runInContext } from "node:vm";
import { relative } from "node:path";
import * as esbuild from "esbuild";
import { beforeAll, describe, expect, test } from "vitest";
import { repoRoot } from "../../scripts/lib/exec.ts";
import { DIST_ENTRY, ensureDist } from "./dist.ts";
import { findFreeGlobals, type GlobalReference } from "./free-globals.ts";
import { NODE_GLOBALS, WEB_GLOBALS, webSandbox } from "./web-globals.ts";

let bundle: esbuild.BuildResult<{ metafile: true; write: false }>;
let code: string;
let globals: GlobalReference[];

beforeAll(async () => {
  await ensureDist();
  bundle = await esbuild.build({
    entryPoints: [DIST_ENTRY],
    absWorkingDir: repoRoot,
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "togaiCredits",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  code = bundle.outputFiles[0]?.text ?? "";
  globals = findFreeGlobals(code);
}, 60_000);

const CREDIT = {
  id: "creds.1",
  customerId: "7VcRw9xZDIqsC5E",
  accountId: "ACC00001",
  status: "ACTIVE",
  purpose: "Prepaid Credit",
  effectiveFrom: "2023-02-04",
  creditAmount: 1000,
  priority: 1,
  createdAt: "2023-02-04T10:15:30Z",
};
const TRANSACTION = {
  id: "credtxn.1",
  creditId: "creds.1",
  transactionType: "CREDITED",
  amount: 1000,
  createdAt: "2023-02-04T10:15:30Z",
};
const BALANCE = {
  activeCredits: 1000,
  availableBalance: 700,
  runningBalance: 500,
  inapplicableCredits: 0,
  unit: "USD",
  lastUpdatedAt: "2023-02-04T10:15:30Z",
};

/** A `fetch` that answers like the Credits API from fixed data, and records what it was asked. */
function fakeCreditsApi(calls: string[]): typeof fetch {
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  return (input, init) => {
    const request = new Request(input, init);
    const { pathname, searchParams } = new URL(request.url);
    const route = `${request.method} ${pathname}`;
    calls.push(route);
    const answers: Record<string, () => Response> = {
      "POST /credits": () => json({ credits: [CREDIT] }),
      "GET /credits": () =>
        searchParams.get("nextToken") === "page-2"
          ? json({ data: [{ ...CREDIT, id: "creds.2" }] })
          : json({ data: [CREDIT], nextToken: "page-2" }),
      "GET /credits/creds.1": () => json({ ...CREDIT, transactions: [TRANSACTION] }),
      "POST /credits/creds.1/void": () => json({ ...CREDIT, status: "VOIDED" }),
      "GET /accounts/ACC00001/credit_balance": () => json(BALANCE),
    };
    const answer = answers[route] ?? (() => json({ message: `Not found: ${pathname}` }, 404));
    return Promise.resolve(answer());
  };
}

describe("the browser bundle of dist/ (esbuild --platform=browser)", () => {
  test("holds only the package and openapi-fetch: no node: import, no Node built-in", () => {
    const inputs = Object.keys(bundle.metafile.inputs);
    const imports = Object.values(bundle.metafile.inputs).flatMap((input) => input.imports);
    expect(imports.filter((imported) => imported.path.startsWith("node:"))).toEqual([]);
    expect(imports.filter((imported) => imported.external)).toEqual([]);
    const outside = inputs.filter(
      (input) => !input.startsWith("dist/") && !/(^|\/)node_modules\/openapi-fetch\//u.test(input),
    );
    expect(outside).toEqual([]);
    expect(inputs).toContain(relative(repoRoot, DIST_ENTRY));
  });

  test("reaches Node globals (process, Buffer, require, …) only behind a typeof guard", () => {
    const unguarded = globals.filter(
      (reference) => NODE_GLOBALS.includes(reference.name) && !reference.guarded,
    );
    expect(unguarded.map((reference) => `${reference.name}: …${reference.excerpt}…`)).toEqual([]);
  });

  test("reads no global but web-standard ones and guarded Node ones", () => {
    const names = new Set(globals.map((reference) => reference.name));
    const unknown = [...names].filter(
      (name) => !WEB_GLOBALS.includes(name) && !NODE_GLOBALS.includes(name),
    );
    expect(unknown).toEqual([]);
  });

  test("the guard check flags an unguarded read and accepts guarded ones", () => {
    const sample = [
      'const env = typeof process !== "undefined" ? process.env : undefined;',
      'function bytes() { if (typeof Buffer === "undefined") return; return Buffer.from("x"); }',
      "const flag = { process: 1 }.process;",
      "process.exit(1);",
    ].join("\n");
    const found = findFreeGlobals(sample).map(({ name, guarded }) => ({ name, guarded }));
    expect(found).toEqual([
      { name: "process", guarded: true },
      { name: "process", guarded: true },
      { name: "Buffer", guarded: true },
      { name: "Buffer", guarded: true },
      { name: "process", guarded: false },
    ]);
  });

  test("runs every method in a sandbox that has only web-standard globals", async () => {
    const calls: string[] = [];
    const sandbox = webSandbox(WEB_GLOBALS, { fetch: fakeCreditsApi(calls) });
    runInContext(code, sandbox);
    const script = `(async () => {
      const togai = togaiCredits.createCreditsClient({ token: "sandbox-token", maxRetries: 0 });
      const results = {
        nodeGlobals: [typeof process, typeof Buffer, typeof require],
        created: (await togai.credits.create({ creditRequests: [{ accountId: "ACC00001", purpose: "Prepaid Credit", effectiveFrom: "2023-02-04", priority: 1 }] })).credits.length,
        details: (await togai.credits.get("creds.1")).transactions.length,
        voided: (await togai.credits.void("creds.1")).status,
        page: (await togai.credits.list({ pageSize: 1 })).nextToken,
        all: [],
        pages: 0,
        balance: (await togai.accounts.creditBalance("ACC00001")).availableBalance,
        raw: (await togai.raw.GET("/credits/{credit_id}", { params: { path: { credit_id: "creds.1" } } })).data.id,
      };
      for await (const credit of togai.credits.listAll({ status: "ACTIVE" })) results.all.push(credit.id);
      for await (const page of togai.credits.pages()) results.pages += page.data.length;
      try {
        await togai.credits.get("missing");
      } catch (error) {
        results.notFound = error instanceof togaiCredits.NotFoundError && error.status;
      }
      return JSON.stringify(results);
    })()`;
    const results = JSON.parse(await (runInContext(script, sandbox) as Promise<string>)) as unknown;
    expect(results).toEqual({
      nodeGlobals: ["undefined", "undefined", "undefined"],
      created: 1,
      details: 1,
      voided: "VOIDED",
      page: "page-2",
      all: ["creds.1", "creds.2"],
      pages: 2,
      balance: 700,
      raw: "creds.1",
      notFound: 404,
    });
    expect(calls).toContain("GET /credits/missing");
  });
});

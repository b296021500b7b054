/**
 * A regenerator's additive spec change needs an edit to the spec only: on a copy of the
 * repository, the spec edits of spec-edits.ts are applied at once (nothing else is edited),
 * `npm run generate` runs there, then `npm run build` twice: in check mode, where the stale API
 * report fails it, and in update mode, where the report is rewritten. The rebuilt client (the
 * copy's dist/) is driven against the copy's own mock server, which reads the edited spec.
 *
 * | change                     | expected at run time                                         |
 * | -------------------------- | ------------------------------------------------------------ |
 * | a new query filter         | `list({ grantorId })` sends it                               |
 * | a raised limit             | `pageSize: 100` is sent, `101` refused before any request    |
 * | a new enum value           | `list({ status: "FROZEN" })` sends it                        |
 * | a new field with a pattern | a bad `reference` is refused naming it, a good one is sent   |
 * | a new GET operation        | `credits.transactions(id)` answers the spec's example and is |
 * |                            | retried on a 503; it has docs samples and an API report line |
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import * as prettier from "prettier";
import { afterAll, beforeAll, expect, test } from "vitest";
import { API_REPORTS } from "../../scripts/api-reports.ts";
import { GENERATED_FILES } from "../../scripts/generate/files.ts";
import { run, terminalEnv, tsxScript, withoutNodeBanner } from "../../scripts/lib/exec.ts";
import type { ClientOptions, TogaiValidationError } from "../../src/index.ts";
import type * as MockServerModule from "../helpers/mock.ts";
import type { MockServer, RecordedRequest } from "../helpers/mock.ts";
import { copyRepository, editYaml, makeScratch, removeScratch } from "../spec/repo-copy.ts";
import { changedFiles, fingerprint, isBuildOutput } from "./scratch-files.ts";
import {
  PAGE_SIZE_MAXIMUM,
  REFERENCE_PATTERN,
  SPEC,
  SPEC_EDITS,
  SPEC_FORMAT,
  TRANSACTIONS_EXAMPLE,
  TRANSACTIONS_PATH,
} from "./spec-edits.ts";

/** Copy, generate and two builds on a busy 2-core machine: about half a minute, five allowed. */
const SETUP_MS = 300_000;

/** A method of the rebuilt client, whose signatures this repository's types do not know yet. */
type Method = (...args: unknown[]) => Promise<unknown>;

/** The parts of the rebuilt package (the copy's dist/src/index.js) the suite uses. */
interface RebuiltPackage {
  createCreditsClient(options: ClientOptions): { credits: Record<string, Method | undefined> };
  TogaiValidationError: typeof TogaiValidationError;
}

/** The state shared by every case: the copy, its rebuilt package and its mock server. */
interface Rebuilt {
  scratch: string;
  /** The files the spec edits changed in the copy. */
  edited: string[];
  /** The files `generate` changed in the copy. */
  generated: string[];
  /** The files `generate` and `build` changed in the copy, build outputs left out. */
  regenerated: string[];
  /** The output of the build in check mode, and its exit code. */
  checkMode: { code: number; output: string; changed: string[] };
  /** The output of the build in update mode. */
  updateOutput: string;
  pkg: RebuiltPackage;
  server: MockServer;
  /** The rebuilt client's `credits` methods, with fast retries. */
  credits: Record<string, Method | undefined>;
}

let scratchRoot: string | undefined;
let rebuilt: Rebuilt | undefined;

function given(): Rebuilt {
  if (!rebuilt) throw new Error("the scratch build did not finish: see the beforeAll error");
  return rebuilt;
}

/**
 * Runs `script` in the copy, with `CI` unset whatever this process has, so that the build's
 * mode is only what `args` say.
 */
async function runScript(scratch: string, script: string, ...args: string[]) {
  const { command, args: all } = tsxScript(script, ...args);
  const result = await run(command, all, { cwd: scratch, env: terminalEnv() });
  return { code: result.code, output: withoutNodeBanner(result.stdout + result.stderr) };
}

/** Runs `script` in the copy; fails with the script's output unless it exits 0. */
async function mustRun(scratch: string, script: string): Promise<string> {
  const { code, output } = await runScript(scratch, script);
  expect(code, `tsx ${script} in the copy failed:\n${output}`).toBe(0);
  return output;
}

/** Applies every spec edit to the copy's spec, then formats it as `npm run format` would. */
async function editSpec(scratch: string): Promise<void> {
  const path = join(scratch, SPEC);
  await editYaml(
    path,
    (document) => {
      for (const { edit } of SPEC_EDITS) edit(document);
    },
    SPEC_FORMAT,
  );
  const config = await prettier.resolveConfig(path, { editorconfig: true });
  const text = await readFile(path, "utf8");
  await writeFile(path, await prettier.format(text, { ...config, filepath: path }));
}

function importFrom<T>(scratch: string, file: string): Promise<T> {
  return import(pathToFileURL(join(scratch, file)).href) as Promise<T>;
}

beforeAll(async () => {
  const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)}s`;
  const started = performance.now();
  scratchRoot = await makeScratch();
  const scratch = await copyRepository(join(scratchRoot, "repo"));
  const copied = await fingerprint(scratch);
  await editSpec(scratch);
  const edited = await fingerprint(scratch);

  const editedAt = performance.now();
  await mustRun(scratch, "scripts/generate.ts");
  const afterGenerate = await fingerprint(scratch);
  const generatedAt = performance.now();
  const check = await runScript(scratch, "scripts/build.ts", "--check");
  const checkMode = { ...check, changed: changedFiles(afterGenerate, await fingerprint(scratch)) };
  const checkedAt = performance.now();
  const updateOutput = await mustRun(scratch, "scripts/build.ts");
  const builtAt = performance.now();
  const regenerated = changedFiles(edited, await fingerprint(scratch));

  const pkg = await importFrom<RebuiltPackage>(scratch, "dist/src/index.js");
  const mock = await importFrom<typeof MockServerModule>(scratch, "test/helpers/mock.ts");
  const server = await mock.startMockServer();
  const client = pkg.createCreditsClient({
    token: server.token,
    baseUrl: server.url,
    backoff: { initialDelayMs: 1, maxDelayMs: 4 },
  });
  rebuilt = {
    scratch,
    edited: changedFiles(copied, edited),
    generated: changedFiles(edited, afterGenerate),
    regenerated: regenerated.filter((file) => !isBuildOutput(file)),
    checkMode,
    updateOutput,
    pkg,
    server,
    credits: client.credits,
  };
  const done = performance.now();
  console.log(
    `regeneration setup: ${seconds(started, done)} (copy and spec edits ` +
      `${seconds(started, editedAt)}, generate ${seconds(editedAt, generatedAt)}, ` +
      `build in check mode ${seconds(generatedAt, checkedAt)}, ` +
      `build in update mode ${seconds(checkedAt, builtAt)}, loading the rebuilt client and mock server ` +
      `${seconds(builtAt, done)})`,
  );
}, SETUP_MS);

afterAll(async () => {
  try {
    await rebuilt?.server.close();
  } finally {
    if (scratchRoot !== undefined) await removeScratch(scratchRoot);
  }
});

// ---------------------------------------------------------------------------------------------
// Expectations

/** A method of the rebuilt `credits` group; fails naming it when the rebuild has no such method. */
function method(name: string): Method {
  const found = given().credits[name];
  expect(found, `togai.credits.${name} is not a function of the rebuilt client`).toBeTypeOf(
    "function",
  );
  return found!;
}

/** The requests the mock server recorded since the case began. */
function requests(): readonly RecordedRequest[] {
  return given().server.requests;
}

/** The decoded query of a recorded request. */
function queryOf(request: RecordedRequest | undefined): URLSearchParams {
  return new URL(request?.url ?? "/", "http://mock").searchParams;
}

/** Awaits a call that must reject with the rebuilt package's TogaiValidationError. */
async function validationErrorOf(call: Promise<unknown>): Promise<TogaiValidationError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, "the call was not refused").toBeInstanceOf(given().pkg.TogaiValidationError);
  return error as TogaiValidationError;
}

/** A valid credit request. */
const CREDIT_REQUEST = {
  accountId: "ACC00001",
  purpose: "Prepaid Credit",
  effectiveFrom: "2023-02-04",
  creditAmount: 1000,
  priority: 1,
};

interface Expectation {
  title: string;
  check: () => void | Promise<void>;
}

const EXPECTATIONS: Expectation[] = [
  {
    title: "only the spec is edited",
    check() {
      expect(given().edited).toEqual([SPEC]);
    },
  },
  {
    title: "generate changes generated/ only, and never etc/",
    check() {
      const { generated } = given();
      expect(generated.filter((file) => !file.startsWith("generated/"))).toEqual([]);
      expect(generated).toEqual(
        expect.arrayContaining(["generated/operations.ts", "generated/resources.ts"]),
      );
    },
  },
  {
    title: "build in check mode fails naming the stale API report, and rewrites nothing",
    check() {
      const { code, output, changed } = given().checkMode;
      expect(code, output).not.toBe(0);
      expect(output).toContain('build failed at step "api reports (check mode)"');
      expect(output).toContain("stale: etc/togai-credits.api.md");
      expect(output, "shows the diff").toMatch(/^\+.*transactions\(/mu);
      expect(changed.filter((file) => file.startsWith("etc/"))).toEqual([]);
    },
  },
  {
    title: "build in update mode rewrites the stale API report, with one line naming it",
    check() {
      const { updateOutput, regenerated } = given();
      expect(updateOutput).toContain("api report: updated etc/togai-credits.api.md");
      const reports: readonly string[] = API_REPORTS.map(({ report }) => report);
      const expected: readonly string[] = [...GENERATED_FILES, ...reports];
      expect(regenerated.filter((file) => !expected.includes(file))).toEqual([]);
      expect(regenerated).toContain("etc/togai-credits.api.md");
    },
  },
  {
    title: "a new query filter is sent",
    async check() {
      await method("list")({ grantorId: "g1" });
      expect(requests()).toHaveLength(1);
      expect(queryOf(requests()[0]).get("grantorId")).toBe("g1");
    },
  },
  {
    title: "a raised limit is sent up to the new maximum",
    async check() {
      await method("list")({ pageSize: PAGE_SIZE_MAXIMUM });
      expect(queryOf(requests()[0]).get("pageSize")).toBe(String(PAGE_SIZE_MAXIMUM));
    },
  },
  {
    title: "a raised limit still refuses a value beyond the new maximum before any request",
    async check() {
      const error = await validationErrorOf(method("list")({ pageSize: PAGE_SIZE_MAXIMUM + 1 }));
      expect(error.argument).toBe("params.pageSize");
      expect(error.message, "states the new maximum").toContain(String(PAGE_SIZE_MAXIMUM));
      expect(requests()).toHaveLength(0);
    },
  },
  {
    title: "a new enum value is sent",
    async check() {
      await method("list")({ status: "FROZEN" });
      expect(queryOf(requests()[0]).get("status")).toBe("FROZEN");
    },
  },
  {
    title: "a new field with a pattern refuses a value that breaks it before any request",
    async check() {
      const create = method("create");
      const error = await validationErrorOf(
        create({ creditRequests: [{ ...CREDIT_REQUEST, reference: "nope" }] }),
      );
      expect(error.argument).toBe("body.creditRequests[0].reference");
      expect(error.message, "states the pattern").toContain(REFERENCE_PATTERN);
      expect(requests()).toHaveLength(0);
    },
  },
  {
    title: "a new field with a pattern is sent",
    async check() {
      await method("create")({ creditRequests: [{ ...CREDIT_REQUEST, reference: "REF-1" }] });
      expect(requests()[0]?.json).toMatchObject({ creditRequests: [{ reference: "REF-1" }] });
    },
  },
  {
    title: "a new GET operation answers the spec's example",
    async check() {
      const answer = await method("transactions")("creds.x");
      expect(answer).toEqual(TRANSACTIONS_EXAMPLE);
      expect(requests().map(({ method, path }) => `${method} ${path}`)).toEqual([
        "GET /credits/creds.x/transactions",
      ]);
    },
  },
  {
    title: "a new GET operation is retried on a 503",
    async check() {
      given().server.inject(
        { kind: "status", status: 503 },
        { method: "GET", path: "/credits/creds.x/transactions" },
      );
      const answer = await method("transactions")("creds.x");
      expect(answer).toEqual(TRANSACTIONS_EXAMPLE);
      expect(requests()).toHaveLength(2);
    },
  },
  {
    title: "a new GET operation has code samples in the docs",
    async check() {
      const text = await readFile(join(given().scratch, "site/openapi.json"), "utf8");
      const operation = (JSON.parse(text) as SiteDocument).paths[TRANSACTIONS_PATH]?.get;
      const sources = (operation?.["x-codeSamples"] ?? []).map(({ source }) => source);
      expect(sources.some((source) => source.includes("togai.credits.transactions("))).toBe(true);
    },
  },
  {
    title: "a new GET operation is in the API report",
    async check() {
      const report = await readFile(join(given().scratch, "etc/togai-credits.api.md"), "utf8");
      expect(report.split("\n").filter((line) => line.includes("transactions("))).not.toEqual([]);
    },
  },
];

/** The bundled spec of the docs, as far as the suite reads it. */
interface SiteDocument {
  paths: Record<string, { get?: { "x-codeSamples"?: { source: string }[] } } | undefined>;
}

for (const { title, check } of EXPECTATIONS) {
  test(title, async () => {
    given().server.reset();
    await check();
  });
}

/**
 * The export conditions of package.json, as resolvers read them: Node takes the `node` build
 * (dist/src/node.js, the keep-alive `node:http` transport) unless told it is another runtime;
 * browsers, Deno, Bun and any resolver that knows none of these conditions take the default
 * build (dist/src/index.js, `fetch`). Likewise for `togai-credits/testing`: the mock server
 * (testing/node.js) under Node, the in-process mock only (testing/web.js) elsewhere.
 *
 * Node resolves a package's own name through its `exports` from inside the package, so every
 * resolution here runs from the repository root, against dist/. Both builds share one set of
 * modules, so an error thrown by the Node build is an instance of the default build's class.
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import { join, relative } from "node:path";
import * as esbuild from "esbuild";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { repoRoot, run, toolEnv } from "../../scripts/lib/exec.ts";
import { startMockServer, type MockServer } from "../helpers/mock.ts";
import { ensureDist } from "./dist.ts";

const NODE_BUILD = "dist/src/node.js";
const DEFAULT_BUILD = "dist/src/index.js";
const TESTING_NODE = "dist/src/testing/node.js";
const TESTING_WEB = "dist/src/testing/web.js";

/** The environment of the child Nodes: no NODE_OPTIONS (which could carry `--conditions`). */
const childEnv: NodeJS.ProcessEnv = { ...toolEnv, NODE_OPTIONS: undefined };

/** Runs an ES module given as text with `node [flags] --input-type=module`, from the repository root. */
async function runModule(source: string, flags: readonly string[] = []): Promise<string> {
  const { code, stdout, stderr } = await run(
    process.execPath,
    [...flags, "--input-type=module", "-e", source],
    { cwd: repoRoot, env: childEnv },
  );
  if (code !== 0) throw new Error(`node exited with ${code}:\n${stderr}`);
  return stdout.trim();
}

/** The file Node resolves `specifier` to from the repository root, relative to it. */
async function nodeResolves(
  specifier: string,
  conditions: readonly string[] = [],
): Promise<string> {
  const url = await runModule(
    `console.log(import.meta.resolve(${JSON.stringify(specifier)}));`,
    conditions.map((condition) => `--conditions=${condition}`),
  );
  return relative(repoRoot, fileURLToPath(url));
}

/**
 * The file esbuild resolves `specifier` to when bundling `import "<specifier>"` from the
 * repository root, read from the metafile. The repository's own tsconfig.json maps the
 * package's name to src/ (for type-checking), which a consumer's bundler never sees: it is
 * left out (`tsconfigRaw: {}`).
 */
async function esbuildResolves(
  specifier: string,
  options: Pick<esbuild.BuildOptions, "platform" | "conditions">,
): Promise<string | undefined> {
  const result = await esbuild.build({
    stdin: { contents: `import ${JSON.stringify(specifier)};`, resolveDir: repoRoot },
    absWorkingDir: repoRoot,
    bundle: true,
    write: false,
    metafile: true,
    tsconfigRaw: {},
    logLevel: "silent",
    ...options,
  });
  return result.metafile.inputs["<stdin>"]?.imports[0]?.path;
}

beforeAll(async () => {
  await ensureDist();
}, 120_000);

describe("togai-credits under Node", () => {
  test("resolves to the Node build", async () => {
    expect(await nodeResolves("togai-credits")).toBe(NODE_BUILD);
  });

  test.each(["browser", "deno", "bun"])(
    "with --conditions=%s, resolves to the default build",
    async (condition) => {
      expect(await nodeResolves("togai-credits", [condition])).toBe(DEFAULT_BUILD);
    },
  );
});

describe("togai-credits under a bundler (esbuild)", () => {
  test("the default condition alone (platform neutral, no conditions) picks the default build", async () => {
    expect(await esbuildResolves("togai-credits", { platform: "neutral", conditions: [] })).toBe(
      DEFAULT_BUILD,
    );
  });

  test("platform browser picks the default build", async () => {
    expect(await esbuildResolves("togai-credits", { platform: "browser" })).toBe(DEFAULT_BUILD);
  });

  test("platform node picks the Node build", async () => {
    expect(await esbuildResolves("togai-credits", { platform: "node" })).toBe(NODE_BUILD);
  });
});

describe("togai-credits/testing", () => {
  test("under Node, resolves to the kit with the mock server", async () => {
    expect(await nodeResolves("togai-credits/testing")).toBe(TESTING_NODE);
  });

  test("under Node with --conditions=browser, still the Node kit (Node's `node` condition is always on)", async () => {
    expect(await nodeResolves("togai-credits/testing", ["browser"])).toBe(TESTING_NODE);
  });

  test("under the default condition alone (esbuild, platform neutral), resolves to the web kit", async () => {
    expect(
      await esbuildResolves("togai-credits/testing", { platform: "neutral", conditions: [] }),
    ).toBe(TESTING_WEB);
  });

  test("for a browser bundle (esbuild, platform browser), resolves to the web kit", async () => {
    expect(await esbuildResolves("togai-credits/testing", { platform: "browser" })).toBe(
      TESTING_WEB,
    );
  });
});

describe("one set of error classes across the builds", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(() => mock.close());

  test("a NotFoundError thrown by the Node build is instanceof the default build's NotFoundError", async () => {
    const defaultBuildUrl = pathToFileURL(join(repoRoot, DEFAULT_BUILD)).href;
    const source = `
      import { createCreditsClient } from "togai-credits";
      import * as defaultBuild from ${JSON.stringify(defaultBuildUrl)};
      const togai = createCreditsClient(${JSON.stringify({ token: mock.token, baseUrl: mock.url, maxRetries: 0 })});
      const error = await togai.credits.get("creds.missing").then(() => undefined, (thrown) => thrown);
      console.log(JSON.stringify({
        resolved: import.meta.resolve("togai-credits"),
        name: error?.name,
        isNotFoundError: error instanceof defaultBuild.NotFoundError,
        isTogaiError: error instanceof defaultBuild.TogaiError,
      }));
    `;

    const outcome = JSON.parse(await runModule(source)) as Record<string, unknown>;

    expect(outcome).toEqual({
      resolved: pathToFileURL(join(repoRoot, NODE_BUILD)).href,
      name: "NotFoundError",
      isNotFoundError: true,
      isTogaiError: true,
    });
    // And the call went through the Node build's node:http transport (fetch adds sec-fetch-mode).
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]?.headers["sec-fetch-mode"]).toBeUndefined();
  });
});

/**
 * The export conditions of package.json, as resolvers read them: Node takes the `node` build
 * (dist/src/node.js, the keep-alive `node:http` transport) unless told it is another runtime;
 * browsers, Deno, Bun and any resolver that knows none of these conditions take the default
 * build (dist/src/index.js, `fetch`). Likewise for `togai-credits/testing`: the mock server
 * (testing/node.js) under Node, the in-process mock only (testing/web.js) elsewhere; and for
 * `togai-credits/redis`: the limiter under Node, a module that throws one clear error
 * elsewhere, and nothing of it in the other entries.
 *
 * Node resolves a package's own name through its `exports` from inside the package, so every
 * resolution here runs from the repository root, against dist/. Both builds share one set of
 * modules, so an error thrown by the Node build is an instance of the default build's class.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join, relative } from "node:path";
import * as esbuild from "esbuild";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { repoRoot, run, toolEnv } from "../../scripts/lib/exec.ts";
import { startMockServer, type MockServer } from "../helpers/mock.ts";
import { ensureDist } from "./dist.ts";

const NODE_BUILD = "dist/src/node.js";
const DEFAULT_BUILD = "dist/src/index.js";
const TESTING_NODE = "dist/src/testing/node.js";
const TESTING_WEB = "dist/src/testing/web.js";
const REDIS_NODE = "dist/src/redis/node.js";
const REDIS_WEB = "dist/src/redis/web.js";

/** The packages only togai-credits/redis may reach. */
const REDIS_ONLY = /(^|\/)node_modules\/(rate-limiter-flexible|redis|ioredis|@redis)\//u;

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

describe("togai-credits/redis", () => {
  test("under Node, resolves to the limiter's Node build", async () => {
    expect(await nodeResolves("togai-credits/redis")).toBe(REDIS_NODE);
  });

  test.each<[string, Pick<esbuild.BuildOptions, "platform" | "conditions">]>([
    [
      "the default condition alone (esbuild, platform neutral)",
      { platform: "neutral", conditions: [] },
    ],
    ["a browser bundle (esbuild, platform browser)", { platform: "browser" }],
  ])("for %s, resolves to the default build", async (_label, options) => {
    expect(await esbuildResolves("togai-credits/redis", options)).toBe(REDIS_WEB);
  });

  test("its default build throws one clear error when loaded", async () => {
    const url = pathToFileURL(join(repoRoot, REDIS_WEB)).href;
    const message = await runModule(
      `await import(${JSON.stringify(url)}).then(() => console.log("loaded"), (error) => console.log(error.message));`,
    );
    expect(message).toBe(
      "togai-credits/redis is for Node: it shares a rate limit through a Redis server, and this " +
        "runtime loaded its default build. In a browser or a worker, share createRateLimiter() of " +
        "togai-credits between clients instead.",
    );
  });

  test("its declarations, and every one they reach, import nothing from redis, ioredis or rate-limiter-flexible", async () => {
    const seen = new Set<string>();
    const bare: string[] = [];
    const visit = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = (await readFile(file, "utf8")).replace(/\/\*[^]*?\*\//gu, "");
      for (const [, specifier] of text.matchAll(/from ["']([^"']+)["']/gu)) {
        if (specifier!.startsWith("."))
          await visit(join(dirname(file), specifier!.replace(/\.js$/u, ".d.ts")));
        else bare.push(specifier!);
      }
    };
    await visit(join(repoRoot, "dist/src/redis/node.d.ts"));

    expect([...seen].map((file) => relative(repoRoot, file))).toContain(
      "dist/src/redis/types.d.ts",
    );
    expect([...new Set(bare)].sort()).toEqual([]);
  });

  test("rate-limiter-flexible is the package's one peer dependency, optional; no Redis client is one", async () => {
    const manifest = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    expect(Object.keys(manifest.peerDependencies)).toEqual(["rate-limiter-flexible"]);
    expect(manifest.peerDependenciesMeta["rate-limiter-flexible"]).toEqual({ optional: true });
    expect(Object.keys(manifest.dependencies)).toEqual(["openapi-fetch"]);
  });

  test.each([
    ["the main entry under Node", "togai-credits", "node"],
    ["the main entry in a browser", "togai-credits", "browser"],
    ["the testing kit under Node", "togai-credits/testing", "node"],
  ] as const)(
    "nothing of Redis or rate-limiter-flexible reaches %s",
    async (_label, specifier, platform) => {
      const result = await esbuild.build({
        stdin: { contents: `export * from ${JSON.stringify(specifier)};`, resolveDir: repoRoot },
        absWorkingDir: repoRoot,
        bundle: true,
        write: false,
        metafile: true,
        tsconfigRaw: {},
        logLevel: "silent",
        platform,
        ...(platform === "node" && { packages: "bundle" as const }),
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect(
        inputs.filter((input) => REDIS_ONLY.test(input) || input.startsWith("dist/src/redis/")),
      ).toEqual([]);
    },
  );
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

/**
 * The package as a consumer gets it: `npm pack`, installed into a fresh project from the
 * tarball (its one dependency, openapi-fetch, from the npm cache), type-checked, run with plain
 * `node` against the mock server, and loaded with `require()`.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bin, repoRoot, run, toolEnv } from "../../scripts/lib/exec.ts";
import { startMockServer } from "../helpers/mock.ts";
import type { MockServer } from "../helpers/mock.ts";
import { ensureDist } from "./dist.ts";
import { runToExit } from "./run-to-exit.ts";

interface PackResult {
  filename: string;
  size: number;
  files: { path: string }[];
}

/** The same strict settings under both resolutions; the consumer has no Node types. */
const STRICT = {
  strict: true,
  target: "es2022",
  lib: ["es2022", "dom", "dom.iterable"],
  types: [],
  skipLibCheck: false,
};

const TSCONFIGS = {
  "tsconfig.node16.json": {
    compilerOptions: { ...STRICT, module: "node16", moduleResolution: "node16", outDir: "out" },
    files: ["consumer.ts"],
  },
  "tsconfig.bundler.json": {
    compilerOptions: { ...STRICT, module: "esnext", moduleResolution: "bundler", noEmit: true },
    files: ["consumer.ts"],
  },
};

const REQUIRE_CJS = `const togai = require("togai-credits");
const mechanism = process.features.require_module ? "require(esm)" : "CommonJS build";
console.log(JSON.stringify({
  mechanism,
  namespace: Object.prototype.toString.call(togai),
  createCreditsClient: typeof togai.createCreditsClient,
  apiVersion: togai.API_VERSION,
}));
`;

/**
 * The environment of the npm commands: the tool environment without the `npm_*` variables
 * that `npm test` passes down, so that npm runs as a consumer would run it.
 */
const npmEnv = Object.fromEntries(
  Object.entries(toolEnv).filter(([name]) => !name.startsWith("npm_")),
);

let scratch: string;
let app: string;
let packed: PackResult;

async function mustRun(command: string, args: string[], cwd: string, env = toolEnv) {
  const result = await run(command, args, { cwd, env });
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  }
  return result;
}

beforeAll(async () => {
  await ensureDist();
  scratch = await mkdtemp(join(tmpdir(), "togai-consumer-"));
  const packArgs = ["pack", "--json", "--pack-destination", scratch];
  const pack = await mustRun("npm", packArgs, repoRoot, npmEnv);
  const [result] = JSON.parse(pack.stdout) as PackResult[];
  if (!result) throw new Error(`npm pack printed no result:\n${pack.stdout}`);
  packed = result;
  app = join(scratch, "app");
  await mkdir(app);
  await writeFile(
    join(app, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  const install = ["install", "--prefer-offline", "--no-audit", "--no-fund"];
  await mustRun("npm", [...install, join(scratch, packed.filename)], app, npmEnv);
  await copyFile(join(repoRoot, "test/package/fixtures/consumer.ts"), join(app, "consumer.ts"));
  for (const [name, config] of Object.entries(TSCONFIGS)) {
    await writeFile(join(app, name), JSON.stringify(config, null, 2));
  }
  await writeFile(join(app, "require.cjs"), REQUIRE_CJS);
}, 120_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("npm pack", () => {
  test("ships only dist/, README.md, LICENSE and package.json", () => {
    const paths = packed.files.map((file) => file.path);
    const unexpected = paths.filter(
      (path) =>
        !["README.md", "LICENSE", "package.json"].includes(path) &&
        !/^dist\/(src|generated)\/[\w-]+\.(js|d\.ts|d\.ts\.map)$/u.test(path),
    );
    expect(unexpected).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        "README.md",
        "LICENSE",
        "package.json",
        "dist/src/index.js",
        "dist/src/index.d.ts",
        "dist/src/index.d.ts.map",
      ]),
    );
  });
});

describe("a fresh project that installed the tarball", () => {
  test("type-checks a strict consumer under module node16", async () => {
    const tsc = await run(bin("tsc"), ["-p", "tsconfig.node16.json"], { cwd: app });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
  }, 60_000);

  test("type-checks a strict consumer under moduleResolution bundler", async () => {
    const tsc = await run(bin("tsc"), ["-p", "tsconfig.bundler.json"], { cwd: app });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
  }, 60_000);

  describe("against the mock server", () => {
    let server: MockServer;
    beforeAll(async () => {
      server = await startMockServer();
    });
    afterAll(async () => {
      await server.close();
    });

    test("runs the consumer with plain node: every method answers, and it exits", async () => {
      await mustRun(bin("tsc"), ["-p", "tsconfig.node16.json"], app);
      const env = { ...toolEnv, TOGAI_BASE_URL: server.url, TOGAI_API_TOKEN: server.token };
      const result = await runToExit(process.execPath, ["out/consumer.js"], { cwd: app, env });
      expect(result.hung, `the consumer did not exit after its last call`).toBe(false);
      expect(result.stderr).toBe("");
      expect(JSON.parse(result.stdout)).toEqual({
        apiVersion: "1.0",
        granted: "ACTIVE",
        transactions: ["CREDITED"],
        listed: 1,
        listAll: 1,
        pages: 1,
        activeCredits: 250,
        voided: "VOIDED",
        raw: "VOIDED",
        notFound: 404,
      });
    }, 60_000);
  });

  test("loads with require() from a .cjs file, through Node's require(esm)", async () => {
    const result = await mustRun(process.execPath, ["require.cjs"], app);
    expect(JSON.parse(result.stdout)).toEqual({
      mechanism: "require(esm)",
      namespace: "[object Module]",
      createCreditsClient: "function",
      apiVersion: "1.0",
    });
    expect(result.stderr).toBe("");
  });
});

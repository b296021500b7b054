/**
 * The package as a consumer gets it: `npm pack`, installed into a fresh project from the
 * tarball (its one dependency, openapi-fetch, from the npm cache), type-checked, run with plain
 * `node` against the mock server, and loaded with `require()`. Its shared rate limit too
 * (`togai-credits/redis`, with rate-limiter-flexible, node-redis and ioredis installed beside
 * it, against the suite's Redis), and the README's example of it. Its testing kit too: the
 * README's two examples of "Testing your own code" run there as written, under vitest and
 * under `node --test`, and the installed `togai-credits-mock` bin serves the installed client.
 *
 * Offline, the project gets vitest as a symlink to this repository's node_modules/vitest: Node
 * follows it to its real path, so vitest's own dependencies resolve from this repository.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bin, repoRoot, run, toolEnv } from "../../scripts/lib/exec.ts";
import { startMockServer } from "../helpers/mock.ts";
import type { MockServer } from "../helpers/mock.ts";
import { ensureDist } from "./dist.ts";
import { redisUrl, uniqueKey } from "../helpers/redis.ts";
import { mockCliEnv, startMockCli, type RunningMockCli } from "./mock-cli.ts";
import {
  README_TEST_FILES,
  readmeBlock,
  runNodeTest,
  runVitest,
  testTitles,
} from "./readme-examples.ts";
import { runToExit } from "./run-to-exit.ts";

interface PackResult {
  filename: string;
  size: number;
  files: { path: string; mode: number }[];
}

/** The fixtures consumer.ts (the client), testing-consumer.ts (the kit), redis-consumer.ts (the shared limit). */
const FIXTURES = ["consumer.ts", "testing-consumer.ts", "redis-consumer.ts"];

/** What the project installs beside the tarball for togai-credits/redis, at this repository's versions. */
const REDIS_PACKAGES = ["rate-limiter-flexible", "redis", "ioredis"];

/** The bin, as the tarball holds it. */
const BIN_PATH = "dist/src/testing/node/cli.js";

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
    files: FIXTURES,
  },
  "tsconfig.bundler.json": {
    compilerOptions: { ...STRICT, module: "esnext", moduleResolution: "bundler", noEmit: true },
    files: FIXTURES,
  },
  "tsconfig.readme.json": {
    compilerOptions: { ...STRICT, module: "node16", moduleResolution: "node16", noEmit: true },
    files: [README_TEST_FILES.vitest.file],
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

/** A script of the consumer's that reads TOGAI_BASE_URL and TOGAI_API_TOKEN, as the README says. */
const BIN_CLIENT = `import { createCreditsClient } from "togai-credits";
const togai = createCreditsClient();
const page = await togai.credits.list({ account_id: "ACC00001" });
const balance = await togai.accounts.creditBalance("ACC00002");
console.log(JSON.stringify({
  accounts: [...new Set(page.data.map((credit) => credit.accountId))],
  activeCredits: balance.activeCredits > 0,
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
  const { devDependencies } = JSON.parse(
    await readFile(join(repoRoot, "package.json"), "utf8"),
  ) as {
    devDependencies: Record<string, string>;
  };
  const redisPackages = REDIS_PACKAGES.map((name) => `${name}@${devDependencies[name]}`);
  await mustRun("npm", [...install, join(scratch, packed.filename), ...redisPackages], app, npmEnv);
  for (const fixture of FIXTURES) {
    await copyFile(join(repoRoot, "test/package/fixtures", fixture), join(app, fixture));
  }
  for (const [name, config] of Object.entries(TSCONFIGS)) {
    await writeFile(join(app, name), JSON.stringify(config, null, 2));
  }
  await writeFile(join(app, "require.cjs"), REQUIRE_CJS);
  await writeFile(join(app, "bin-client.mjs"), BIN_CLIENT);
  for (const { tag, file } of Object.values(README_TEST_FILES)) {
    await writeFile(join(app, file), await readmeBlock(tag));
  }
  await symlink(join(repoRoot, "node_modules/vitest"), join(app, "node_modules/vitest"), "dir");
  await symlink(join(repoRoot, "node_modules/tsx"), join(app, "node_modules/tsx"), "dir");
  await writeFile(join(app, "redis-example.ts"), await readmeBlock("ts redis-example"));
}, 120_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("npm pack", () => {
  test("ships only dist/ (the client, its Node build, the testing kit, the Redis limiter), README.md, LICENSE and package.json", () => {
    const paths = packed.files.map((file) => file.path);
    const unexpected = paths.filter(
      (path) =>
        !["README.md", "LICENSE", "package.json"].includes(path) &&
        !/^dist\/(generated|src|src\/node|src\/schema|src\/schema\/keywords|src\/schema\/formats|src\/testing|src\/testing\/node|src\/redis)\/[\w-]+\.(js|d\.ts|d\.ts\.map)$/u.test(
          path,
        ),
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
        "dist/src/node.js",
        "dist/src/testing/node.js",
        "dist/src/testing/node.d.ts",
        "dist/src/testing/web.js",
        "dist/src/redis/node.js",
        "dist/src/redis/node.d.ts",
        "dist/src/redis/web.js",
        BIN_PATH,
      ]),
    );
  });

  test("ships the togai-credits-mock bin executable, starting with #!/usr/bin/env node", async () => {
    const entry = packed.files.find((file) => file.path === BIN_PATH);
    expect(entry?.mode.toString(8)).toBe("755");
    const installed = await readFile(join(app, "node_modules/togai-credits", BIN_PATH), "utf8");
    expect(installed.split("\n")[0]).toBe("#!/usr/bin/env node");
  });
});

/**
 * The limiter's lines for a Redis round trip past 500 ms and its end: on a loaded machine a
 * healthy Redis may be that slow, and the limiter is right to say so.
 */
const SLOW_REDIS =
  /^togai-credits\/redis: Redis is (down or slow \(no answer within 500 ms, or not connected\)|back): /u;

describe("a fresh project that installed the tarball", () => {
  test("type-checks strict consumers of the client and the kit under module node16", async () => {
    const tsc = await run(bin("tsc"), ["-p", "tsconfig.node16.json"], { cwd: app });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
  }, 60_000);

  test("type-checks strict consumers of the client and the kit under moduleResolution bundler", async () => {
    const tsc = await run(bin("tsc"), ["-p", "tsconfig.bundler.json"], { cwd: app });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
  }, 60_000);

  test("type-checks the README's vitest example as written", async () => {
    const tsc = await run(bin("tsc"), ["-p", "tsconfig.readme.json"], { cwd: app });
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

  test("runs the shared limit's consumer with plain node, against Redis, with node-redis and ioredis", async () => {
    await mustRun(bin("tsc"), ["-p", "tsconfig.node16.json"], app);
    const server = await startMockServer();
    try {
      const env = {
        ...toolEnv,
        TOGAI_BASE_URL: server.url,
        TOGAI_API_TOKEN: server.token,
        REDIS_URL: redisUrl(),
        LIMIT_KEY: uniqueKey("consumer"),
      };
      server.seed(1, { accountId: "ACC00001" });
      const result = await runToExit(process.execPath, ["out/redis-consumer.js"], {
        cwd: app,
        env,
      });
      expect(result.hung, "the Redis consumer did not exit after closing its clients").toBe(false);
      expect(result.stderr).toBe("");
      const { balances, lines } = JSON.parse(result.stdout) as {
        balances: string[];
        lines: string[];
      };
      expect(balances).toEqual(["USD", "USD"]);
      expect(
        lines.filter((line) => !SLOW_REDIS.test(line)),
        "log lines other than a slow round trip",
      ).toEqual([]);
    } finally {
      await server.close();
    }
  }, 60_000);

  test("runs the README's Redis example, as written, against Redis and the mock server", async () => {
    const server = await startMockServer();
    try {
      server.seed(1, { accountId: "ACC00001", creditAmount: 1000 });
      const env = {
        ...toolEnv,
        TOGAI_BASE_URL: server.url,
        TOGAI_API_TOKEN: server.token,
        REDIS_URL: redisUrl(),
      };
      const result = await runToExit(process.execPath, ["--import", "tsx", "redis-example.ts"], {
        cwd: app,
        env,
      });
      expect(result.hung, "the README's Redis example did not exit").toBe(false);
      expect(result.stderr).toBe("");
      expect(result.stdout).toBe("available: 1000 USD\n");
    } finally {
      await server.close();
    }
  }, 60_000);

  test("runs the testing kit's consumer with plain node: both front doors answer", async () => {
    await mustRun(bin("tsc"), ["-p", "tsconfig.node16.json"], app);
    const result = await runToExit(process.execPath, ["out/testing-consumer.js"], { cwd: app });
    expect(result.hung, `the kit's consumer did not exit after closing its mocks`).toBe(false);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      kind: "status",
      pending: 1,
      seeded: 2,
      granted: "ACTIVE",
      reached: ["createCredit", "createCredit"],
      keys: 1,
      afterReset: 0,
      violations: 0,
      sameUrl: true,
    });
  }, 60_000);

  test("runs the README's vitest example, as written, with vitest: every test passes", async () => {
    const { file, tag } = README_TEST_FILES.vitest;
    const titles = testTitles(await readmeBlock(tag));
    const result = await runVitest("node_modules/vitest/vitest.mjs", app, file);
    expect({ passed: result.passed, failed: result.failed }, result.output).toEqual({
      passed: titles,
      failed: [],
    });
    expect(result.code, result.output).toBe(0);
  }, 60_000);

  test("runs the README's node:test example, as written, with node --test: every test passes", async () => {
    const { file, tag } = README_TEST_FILES.nodeTest;
    const titles = testTitles(await readmeBlock(tag));
    const result = await runNodeTest(app, file);
    expect({ passed: result.passed, failed: result.failed }, result.output).toEqual({
      passed: titles,
      failed: [],
    });
    expect(result.code, result.output).toBe(0);
  }, 60_000);

  describe("node_modules/.bin/togai-credits-mock, started with PORT=0", () => {
    let mock: RunningMockCli | undefined;
    afterAll(() => {
      if (mock?.child.exitCode === null && mock.child.signalCode === null) {
        mock.child.kill("SIGKILL");
      }
    });

    test("serves the installed client from the variables it prints, and exits 0 on SIGTERM", async () => {
      mock = await startMockCli(join(app, "node_modules/.bin/togai-credits-mock"), [], {
        cwd: app,
        env: mockCliEnv({ PORT: "0" }),
      });
      expect(mock.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/u);
      const env = { ...toolEnv, TOGAI_BASE_URL: mock.baseUrl, TOGAI_API_TOKEN: mock.token };
      const result = await runToExit(process.execPath, ["bin-client.mjs"], { cwd: app, env });
      expect(result.stderr).toBe("");
      expect(JSON.parse(result.stdout)).toEqual({ accounts: ["ACC00001"], activeCredits: true });
      expect(await mock.stop("SIGTERM")).toEqual([0, null]);
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

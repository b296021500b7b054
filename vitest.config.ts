import { defineConfig } from "vitest/config";

/**
 * The suites that run on both transports (the transport matrix): the client suite (security
 * tests included) and the fault-injection suite, over the HTTP mock server. They pick their
 * transport in test/helpers/transport.ts.
 */
const TRANSPORT_MATRIX = ["test/client/**/*.test.ts", "test/faults/**/*.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One redis-server for the run, for the tests of togai-credits/redis.
    globalSetup: ["test/setup/redis.ts"],
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text-summary", "text"],
      thresholds: { lines: 95, branches: 90, functions: 95, statements: 95 },
    },
    projects: [
      {
        extends: true,
        test: {
          name: "fetch",
          include: ["test/**/*.test.ts"],
          env: { TOGAI_TEST_TRANSPORT: "fetch" },
          typecheck: {
            enabled: true,
            include: ["test/**/*.test-d.ts"],
            tsconfig: "./tsconfig.json",
          },
        },
      },
      {
        extends: true,
        test: {
          name: "node transport",
          include: TRANSPORT_MATRIX,
          env: { TOGAI_TEST_TRANSPORT: "node" },
        },
      },
    ],
  },
});

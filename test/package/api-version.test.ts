import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../../scripts/lib/exec.ts";
import { API_VERSION } from "../../src/index.ts";

describe("API_VERSION", () => {
  test("is the spec's info.version, apart from the package's own semver version", async () => {
    const spec = parse(await readFile(join(repoRoot, "openapi/credits.yaml"), "utf8")) as {
      info: { version: string };
    };
    const pkg = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as {
      version: string;
    };
    expect(API_VERSION).toBe(spec.info.version);
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+(?:-[\w.]+)?$/u);
  });
});

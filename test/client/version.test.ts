import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { VERSION } from "../../src/index.ts";

describe("VERSION", () => {
  test("matches package.json's version, which the client sends in User-Agent", async () => {
    const pkg = JSON.parse(
      await readFile(new URL("../../package.json", import.meta.url), "utf8"),
    ) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
  });
});

import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { useMockServer } from "./helpers/mock-client.ts";

const run = promisify(execFile);
const repo = join(import.meta.dirname, "..");
const server = useMockServer();

async function readmeExample(): Promise<string> {
  const readme = await readFile(join(repo, "README.md"), "utf8");
  const match = /```ts readme-example\n([^]*?)```/u.exec(readme);
  if (!match?.[1]) throw new Error("README.md has no ```ts readme-example block");
  return match[1];
}

describe("README", () => {
  test("the consumer example runs as written against the mock server", async () => {
    const scratch = await mkdtemp(join(tmpdir(), "togai-readme-"));
    try {
      const file = join(scratch, "example.mts");
      await writeFile(file, await readmeExample());
      const { stdout } = await run(
        join(repo, "node_modules/.bin/tsx"),
        ["--tsconfig", join(repo, "tsconfig.json"), file],
        {
          cwd: repo,
          env: { ...process.env, TOGAI_BASE_URL: server().url, TOGAI_API_TOKEN: server().token },
        },
      );
      const lines = stdout.trim().split("\n");
      expect(lines[0]).toMatch(/^granted \S+ with key [0-9a-f-]{36}$/u);
      expect(lines[1]).toMatch(/^\S+ is ACTIVE with 1 transaction\(s\)$/u);
      expect(lines[2]).toMatch(/^active: \S+ 1000$/u);
      expect(lines[3]).toBe("available: 1000 USD");
      expect(lines[4]).toMatch(/^not found: GET \/credits\/creds\.does-not-exist 404: /u);
      expect(server().store.all()[0]?.status).toBe("VOIDED");
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

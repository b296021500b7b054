import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import type { ListCreditsResponse } from "../../generated/credits.ts";
import { validateAgainstSchema } from "../helpers/spec-validator.ts";

const CLI = fileURLToPath(new URL("../server/cli.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let child: ChildProcessWithoutNullStreams | undefined;

afterEach(() => {
  if (child?.exitCode === null) child.kill("SIGKILL");
  child = undefined;
});

/** Starts `npm run mock`'s script with tsx and reads its output until the two env lines. */
async function startCli(): Promise<{ baseUrl: string; token: string; lines: string[] }> {
  child = spawn(process.execPath, ["--import", "tsx", CLI], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0" },
  });
  const lines: string[] = [];
  const env = new Map<string, string>();
  for await (const line of createInterface({ input: child.stdout })) {
    lines.push(line);
    const match = /^(TOGAI_BASE_URL|TOGAI_API_TOKEN)=(.+)$/.exec(line);
    if (match !== null) env.set(match[1]!, match[2]!);
    if (env.size === 2) break;
  }
  return { baseUrl: env.get("TOGAI_BASE_URL")!, token: env.get("TOGAI_API_TOKEN")!, lines };
}

describe("npm run mock", () => {
  test.each(["SIGINT", "SIGTERM"] as const)(
    "prints TOGAI_BASE_URL and TOGAI_API_TOKEN, serves seeded credits, and stops on %s",
    async (signal) => {
      const { baseUrl, token, lines } = await startCli();
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(token).toBe("test-token");
      expect(lines[0]).toContain(baseUrl);

      const response = await fetch(`${baseUrl}/credits?account_id=ACC00001`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      const page = (await response.json()) as ListCreditsResponse;
      validateAgainstSchema("ListCreditsResponse", page);
      expect(page.data.length).toBeGreaterThan(0);

      const exited = once(child!, "exit");
      child!.kill(signal);
      expect(await exited).toEqual([0, null]);
    },
  );
});

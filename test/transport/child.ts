/**
 * One `credits.get` of the Node build in a child Node process started with a given
 * environment (child-call.ts), for what Node reads only at startup.
 */
import { fileURLToPath } from "node:url";
import { run } from "../../scripts/lib/exec.ts";

const CALL_SCRIPT = fileURLToPath(new URL("child-call.ts", import.meta.url));

/** What the child printed: `{ ok: true, details }` or `{ ok: false, name, message }`. */
export type ChildOutcome = { ok: boolean } & Record<string, unknown>;

/**
 * Runs child-call.ts against `baseUrl` with this process's environment, less the variables
 * that change how Node connects, plus `env`.
 */
export async function callInChild(
  baseUrl: string,
  creditId: string,
  env: NodeJS.ProcessEnv,
): Promise<ChildOutcome> {
  const { stdout, stderr } = await run(
    process.execPath,
    ["--import", "tsx", CALL_SCRIPT, baseUrl, creditId],
    {
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: undefined,
        NODE_USE_ENV_PROXY: undefined,
        HTTP_PROXY: undefined,
        HTTPS_PROXY: undefined,
        http_proxy: undefined,
        https_proxy: undefined,
        ...env,
      },
    },
  );
  const line = stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(line) as ChildOutcome;
  } catch {
    throw new Error(`the child printed no outcome:\n${stdout}\n${stderr}`);
  }
}

/**
 * Run in a child process (`node --import tsx`, see child.ts) by the tests that need Node
 * started with some environment (`NODE_EXTRA_CA_CERTS`, `NODE_USE_ENV_PROXY`, read at
 * startup): one `credits.get` with the Node build against `baseUrl`, printing its outcome as
 * one line of JSON (with, on success, what still keeps the process alive). Usage:
 * `child-call.ts <baseUrl> <creditId>`.
 */
import { createCreditsClient } from "../../src/node.ts";

const [baseUrl = "", creditId = ""] = process.argv.slice(2);
const togai = createCreditsClient({ token: "test-token", baseUrl, maxRetries: 0 });
try {
  const details = await togai.credits.get(creditId);
  // What keeps this process alive once the call is over (the socket goes back to its agent's
  // pool on a later tick): an idle keep-alive socket must not.
  await new Promise((resolve) => setImmediate(resolve));
  const keptAlive = process.getActiveResourcesInfo();
  console.log(JSON.stringify({ ok: true, details, keptAlive }));
} catch (error) {
  const { name, message } = error as Error;
  console.log(JSON.stringify({ ok: false, name, message }));
  process.exitCode = 1;
}

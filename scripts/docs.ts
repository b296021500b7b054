/** `npm run docs`: builds the API reference into site/index.html. */
import { bin, run, withoutNodeBanner } from "./lib/exec.ts";

const result = await run(bin("redocly"), [
  "build-docs",
  "openapi/credits.yaml",
  "--output",
  "site/index.html",
]);
console.log(withoutNodeBanner(result.stdout + result.stderr).trim());
process.exit(result.code);

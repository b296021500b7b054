/**
 * The offline check of the docs build (scripts/docs/check-offline.ts) and the post-processing
 * that makes Redocly's page self-contained (scripts/docs/self-contained.ts).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findExternalLoads } from "../../scripts/docs/check-offline.ts";
import { makeSelfContained } from "../../scripts/docs/self-contained.ts";
import { bin, run, withoutNodeBanner } from "../../scripts/lib/exec.ts";

const urls = (html: string) => findExternalLoads(html).map(({ url }) => url);

describe("findExternalLoads", () => {
  test.each([
    ["a script", `<script src="https://cdn.example.com/app.js"></script>`],
    ["an image", `<img src='//images.example.com/logo.svg'>`],
    ["a stylesheet", `<link rel="stylesheet" href="https://cdn.example.com/site.css">`],
    ["a preloaded module", `<link rel="modulepreload" href="https://cdn.example.com/m.js" />`],
    ["a favicon", `<link rel="icon" href="https://example.com/favicon.ico">`],
    ["a web font", `@font-face{src:url(https://fonts.example.com/a.woff2)}`],
    ["a CSS import", `@import url("https://fonts.googleapis.com/css2?family=Inter");`],
    ["a module import", `import { hydrate } from "https://cdn.example.com/redoc.js";`],
    ["a dynamic import", `await import("https://cdn.example.com/chunk.js")`],
    ["a fetch", `fetch("https://api.example.com/data.json")`],
    [
      "an image set by script",
      "jsx(`img`,{alt:`logo`,src:e?`https://cdn.example.com/a.svg`:null})",
    ],
    ["a reference to a CDN host", "const icons = `https://cdn.redocly.com/icons/fa/7.0.0`;"],
  ])("reports %s", (_what, html) => {
    expect(urls(html)).toHaveLength(1);
  });

  test.each([
    ["a hyperlink", `<a href="https://togai.com">Togai</a>`],
    ["a link that loads nothing", `<link rel="canonical" href="https://example.com/docs">`],
    ["a same-origin file", `<a href="openapi.json">openapi.json</a><img src="logo.svg">`],
    ["a data: URL", `<img src="data:image/svg+xml,%3Csvg%3E"><link rel="icon" href="data:,">`],
    ["a URL in text", "description:`See https://redocly.com/docs/cli for the rules`"],
    ["an XML namespace", `<svg xmlns="http://www.w3.org/2000/svg"></svg>`],
  ])("ignores %s", (_what, html) => {
    expect(urls(html)).toEqual([]);
  });

  test("names each reference once, with the context it was found in", () => {
    const html = `<img src="https://cdn.example.com/a.png"><img src="https://cdn.example.com/a.png">`;
    expect(findExternalLoads(html)).toEqual([
      { context: "HTML attribute", url: "https://cdn.example.com/a.png" },
    ]);
  });
});

describe("what redocly build-docs emits", () => {
  let folder: string;
  const pages: Record<"cdn" | "inlined", string> = { cdn: "", inlined: "" };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "togai-build-docs-"));
    const build = async (name: keyof typeof pages, extra: string[]) => {
      const output = join(folder, `${name}.html`);
      const args = ["build-docs", "openapi/credits.yaml", "-o", output, ...extra];
      const result = await run(bin("redocly"), args);
      if (result.code !== 0) throw new Error(withoutNodeBanner(result.stdout + result.stderr));
      pages[name] = await readFile(output, "utf8");
    };
    await Promise.all([build("cdn", []), build("inlined", ["--inlineBundle"])]);
  }, 60_000);

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  test("without --inlineBundle, loads the Redoc bundle from the CDN: the check fails", () => {
    expect(urls(pages.cdn).some((url) => url.includes("redoc.standalone.js"))).toBe(true);
  });

  test("with --inlineBundle, still loads Redocly's logo from the CDN: the check fails", () => {
    expect(urls(pages.inlined)).toContain("https://cdn.redoc.ly/redoc/logo-mini-full.svg");
  });

  test("made self-contained, loads nothing from another origin", () => {
    expect(urls(makeSelfContained(pages.inlined))).toEqual([]);
  });
});

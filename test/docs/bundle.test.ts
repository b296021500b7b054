/**
 * The bundled spec the docs are built from: openapi/credits.yaml plus every operation's code
 * samples, written into a copy (scripts/docs/bundle.ts, scripts/docs/samples.ts), and the
 * site/openapi.json that `npm run docs` writes from it.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import {
  bundleSpec,
  toYaml,
  withCodeSamples,
  type OpenApiDocument,
} from "../../scripts/docs/bundle.ts";
import { OPERATIONS } from "../../generated/operations.ts";
import { SERVERS } from "../../generated/spec-info.ts";
import type { CodeSample } from "../../scripts/docs/samples.ts";
import { repoRoot } from "../../scripts/lib/exec.ts";
import { ensureSite, siteDir } from "./site.ts";

const OPERATION_IDS = OPERATIONS.map(({ operationId }) => operationId);

let bundled: OpenApiDocument;
let withSamples: OpenApiDocument;

beforeAll(async () => {
  bundled = await bundleSpec();
  withSamples = withCodeSamples(bundled);
}, 60_000);

/** Every operation of a document with its `x-codeSamples`, by operationId. */
function samplesByOperation(spec: OpenApiDocument): Map<string, CodeSample[] | undefined> {
  const found = new Map<string, CodeSample[] | undefined>();
  for (const pathItem of Object.values(spec.paths ?? {})) {
    for (const operation of Object.values(pathItem)) {
      const op = operation as { operationId: string; "x-codeSamples"?: CodeSample[] };
      found.set(op.operationId, op["x-codeSamples"]);
    }
  }
  return found;
}

describe("the bundled spec of the docs", () => {
  test("gives every operation a TypeScript and a curl sample", () => {
    const samples = samplesByOperation(withSamples);
    expect([...samples.keys()].sort()).toEqual([...OPERATION_IDS].sort());
    for (const [operationId, list] of samples) {
      expect(
        list?.map(({ lang, label }) => `${lang}/${label}`),
        operationId,
      ).toEqual(["TypeScript/TypeScript", "curl/curl"]);
    }
  });

  test("shows the client call in TypeScript and the production URL with a bearer token in curl", () => {
    const samples = samplesByOperation(withSamples);
    for (const entry of OPERATIONS) {
      const [typescript, curl] = (samples.get(entry.operationId) ?? []).map(({ source }) => source);
      expect(typescript, entry.operationId).toContain(
        'import { createCreditsClient } from "togai-credits";',
      );
      expect(typescript, entry.operationId).toContain(
        `const answer = await togai.${entry.group}.${entry.name}(`,
      );
      expect(curl, entry.operationId).toContain(`curl -X ${entry.method} "${SERVERS.production}/`);
      expect(curl, entry.operationId).toContain('-H "Authorization: Bearer $TOGAI_API_TOKEN"');
    }
  });

  test("leaves the bundle it was given, and the hand-maintained spec, without samples", async () => {
    expect([...samplesByOperation(bundled).values()].every((list) => list === undefined)).toBe(
      true,
    );
    const source = await readFile(join(repoRoot, "openapi", "credits.yaml"), "utf8");
    expect(source).not.toContain("x-codeSamples");
  });

  test("refuses an operation without samples", () => {
    const extra = structuredClone(bundled);
    extra.paths = { ...extra.paths, "/extra": { get: { operationId: "extraOperation" } } };
    expect(() => withCodeSamples(extra)).toThrow(/extraOperation/u);
  });

  test("refuses samples of an operation the spec does not have", () => {
    const entry = OPERATIONS.at(-1)!;
    const fewer = structuredClone(bundled);
    delete fewer.paths?.[entry.path]?.[entry.method.toLowerCase()];
    expect(() => withCodeSamples(fewer)).toThrow(new RegExp(entry.operationId, "u"));
  });

  test("writes YAML that reads back as the same document", () => {
    expect(parse(toYaml(withSamples))).toEqual(withSamples);
  });
});

describe("site/openapi.json, as npm run docs writes it", () => {
  let site: OpenApiDocument;

  beforeAll(async () => {
    await ensureSite();
    site = JSON.parse(await readFile(join(siteDir, "openapi.json"), "utf8")) as OpenApiDocument;
  }, 120_000);

  test("gives every operation of OPERATIONS a TypeScript sample calling its method, then curl", () => {
    const samples = samplesByOperation(site);
    for (const entry of OPERATIONS) {
      const list = samples.get(entry.operationId);
      expect(
        list?.map(({ lang, label }) => `${lang}/${label}`),
        entry.operationId,
      ).toEqual(["TypeScript/TypeScript", "curl/curl"]);
      expect(list?.[0]?.source, entry.operationId).toContain(`togai.${entry.group}.${entry.name}(`);
      expect(list?.[1]?.source, entry.operationId).toMatch(/^curl -X /u);
    }
  });
});

/**
 * The bundled spec the docs are built from: openapi/credits.yaml plus every operation's code
 * samples, written into a copy (scripts/docs/bundle.ts, scripts/docs/samples.ts).
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
import type { CodeSample } from "../../scripts/docs/samples.ts";
import { repoRoot } from "../../scripts/lib/exec.ts";

const OPERATION_IDS = [
  "createCredit",
  "listCredits",
  "getCreditDetails",
  "voidCredit",
  "CreditBalanceForAccount",
];

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
    const samples = samplesByOperation(withSamples).get("getCreditDetails") ?? [];
    const [typescript, curl] = samples.map(({ source }) => source);
    expect(typescript).toContain('import { createCreditsClient } from "togai-credits";');
    expect(typescript).toContain(
      'const credit = await togai.credits.get("creds.1znQx9jiIXw.r44fc");',
    );
    expect(curl).toContain('"https://api.togai.com/credits/creds.1znQx9jiIXw.r44fc"');
    expect(curl).toContain('-H "Authorization: Bearer $TOGAI_API_TOKEN"');
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
    const fewer = structuredClone(bundled);
    delete fewer.paths?.["/accounts/{account_id}/credit_balance"];
    expect(() => withCodeSamples(fewer)).toThrow(/CreditBalanceForAccount/u);
  });

  test("writes YAML that reads back as the same document", () => {
    expect(parse(toYaml(withSamples))).toEqual(withSamples);
  });
});

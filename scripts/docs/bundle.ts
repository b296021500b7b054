/**
 * The spec the docs are built from: openapi/credits.yaml bundled into one document (the same
 * bundle the generator reads), with every operation's `x-codeSamples` written in. The
 * hand-maintained spec is never changed.
 */
import { stringify } from "yaml";
import { bundleSpec as bundle } from "../generate/bundle.ts";
import { repoRoot } from "../lib/exec.ts";
import { fileReader } from "../lib/file-reader.ts";
import { SAMPLES, codeSamplesFor } from "./samples.ts";

/** The part of an OpenAPI document this module reads. */
export interface OpenApiDocument {
  paths?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/**
 * The spec as every layer reads it: openapi/credits.yaml and the files it refers to, bundled
 * by scripts/generate/bundle.ts (the generator's own bundle).
 */
export async function bundleSpec(): Promise<OpenApiDocument> {
  const { document } = await bundle(fileReader(repoRoot));
  return document;
}

/**
 * Returns a copy of the document with `x-codeSamples` (TypeScript, then curl) on every
 * operation. Throws when an operation has no samples or a sample names no operation.
 */
export function withCodeSamples(spec: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(spec);
  const seen = new Set<string>();
  for (const pathItem of Object.values(copy.paths ?? {})) {
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!HTTP_METHODS.has(method)) continue;
      const op = operation as { operationId?: string; "x-codeSamples"?: unknown };
      if (!op.operationId) throw new Error(`An operation has no operationId (${method})`);
      op["x-codeSamples"] = codeSamplesFor(op.operationId);
      seen.add(op.operationId);
    }
  }
  const unused = Object.keys(SAMPLES).filter((id) => !seen.has(id));
  if (unused.length > 0) {
    throw new Error(`Code samples for operations the spec does not have: ${unused.join(", ")}`);
  }
  return copy;
}

/** The document as YAML, with a header saying where it comes from. */
export function toYaml(spec: OpenApiDocument): string {
  const header =
    "# The Togai Credits API, bundled from openapi/credits.yaml by `npm run docs`,\n" +
    "# with code samples (x-codeSamples). Do not edit: change the source and rebuild.\n";
  return header + stringify(spec, { lineWidth: 0 });
}

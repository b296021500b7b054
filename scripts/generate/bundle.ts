/**
 * The spec as every layer reads it: openapi/credits.yaml and the files its `$ref`s reach,
 * bundled into one document by Redocly's own bundler (@redocly/openapi-core), before anything
 * else reads it. The generator, openapi-typescript and the docs all take this document.
 *
 * - Bundle only (`dereference: false`): a named schema stays a `$ref`, so it keeps its name in
 *   the types and the API report; a schema in a file of its own becomes a component named
 *   after the file.
 * - Local files only: every file is read through the {@link FileReader} (so overrides apply),
 *   and a `$ref` to a URL or to a file outside openapi/ fails, naming where it stands. Redocly's
 *   own resolver would fetch a URL at generate time.
 * - Nothing is renamed silently: two different components that would share a name, or a
 *   component name that is not a TypeScript identifier, fail, naming the file and the component.
 * - An OpenAPI 3.0 document is read as 3.1 (openapi-30.ts): `nullable` and the boolean
 *   `exclusiveMinimum`/`exclusiveMaximum` are rewritten in JSON Schema 2020-12's terms.
 */
import { relative, resolve, sep } from "node:path";
import {
  BaseResolver,
  Source,
  bundle,
  createConfig,
  isAbsoluteUrl,
  type NormalizedProblem,
} from "@redocly/openapi-core";
import type { FileReader } from "../lib/file-reader.ts";
import { asOpenApi31 } from "./openapi-30.ts";

/** The folder every file of the spec lives in, relative to the repository root. */
export const SPEC_FOLDER = "openapi";

/** The spec's entry file, relative to the repository root. */
export const SPEC = `${SPEC_FOLDER}/credits.yaml`;

/** The bundled spec, and the files it was read from (relative to the repository root). */
export interface BundledSpec {
  document: Record<string, unknown>;
  files: string[];
}

/** Reads the spec's files through a {@link FileReader}, refusing URLs and files outside openapi/. */
class LocalFilesResolver extends BaseResolver {
  constructor(private readonly reader: FileReader) {
    super();
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    if (isAbsoluteUrl(absoluteRef)) {
      throw new Error(
        `${absoluteRef} is a URL: only files under ${SPEC_FOLDER}/ may be referred to`,
      );
    }
    const path = this.relativePath(absoluteRef);
    if (path === undefined) {
      throw new Error(
        `${absoluteRef} is outside ${SPEC_FOLDER}/: only files under it may be referred to`,
      );
    }
    return new Source(absoluteRef, (await this.reader.read(path)).replace(/\r\n/gu, "\n"));
  }

  /** `openapi/…` for a file under the spec's folder, else undefined. */
  relativePath(absolute: string): string | undefined {
    const path = relative(this.reader.root, absolute).split(sep).join("/");
    return path.startsWith(`${SPEC_FOLDER}/`) ? path : undefined;
  }
}

/** `credit-request` → `CreditRequest`: a TypeScript identifier to suggest. */
function identifierFor(name: string): string {
  const words = name.split(/[^A-Za-z0-9_$]+/u).filter(Boolean);
  const joined = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
  return /^[0-9]/u.test(joined) ? `_${joined}` : joined || "Schema";
}

/** Where a problem stands: `openapi/schemas/x.yaml#/properties/a`. */
function locationOf(problem: NormalizedProblem, root: string): string {
  const [location] = problem.location;
  if (location === undefined) return "the spec";
  const file = relative(root, location.source.absoluteRef).split(sep).join("/");
  return `${file}${location.pointer ?? ""}`;
}

/**
 * Checks the component names a TypeScript type is made from: each must be an identifier. A
 * name that came from a file (`credit-request.yaml`) names the file too.
 */
function checkComponentNames(document: Record<string, unknown>, files: readonly string[]): void {
  const components = (document.components ?? {}) as Record<string, Record<string, unknown>>;
  for (const [section, entries] of Object.entries(components)) {
    for (const name of Object.keys(entries)) {
      if (/^[A-Za-z_$][\w$]*$/u.test(name)) continue;
      const file = files.find(
        (path) => path.replace(/^.*\//u, "").replace(/\.[^.]+$/u, "") === name,
      );
      throw new Error(
        `${file === undefined ? "" : `${file}: `}the component ${section}/${name} is not a ` +
          `TypeScript identifier, so it cannot name a type; rename it ` +
          `(${file === undefined ? "" : "the file, or "}the component) to ${identifierFor(name)}`,
      );
    }
  }
}

/** Bundles the spec `entry` (relative to `reader.root`), read through `reader`. */
export async function bundleSpec(reader: FileReader, entry: string = SPEC): Promise<BundledSpec> {
  const resolver = new LocalFilesResolver(reader);
  const config = await createConfig({});
  const result = await bundle({
    ref: resolve(reader.root, entry),
    config,
    externalRefResolver: resolver,
    dereference: false,
    componentRenamingConflicts: "error",
  });
  const errors = result.problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) {
    const lines = errors.map(
      (problem) => `${locationOf(problem, reader.root)}: ${problem.message}`,
    );
    throw new Error(`the spec does not bundle:\n${lines.join("\n")}`);
  }
  const files = [...result.fileDependencies].flatMap((file) => resolver.relativePath(file) ?? []);
  const document = asOpenApi31(result.bundle.parsed as Record<string, unknown>);
  checkComponentNames(document, files);
  return { document, files };
}

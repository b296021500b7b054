/**
 * The code samples of the API reference: for every operation, the call with this package's
 * client (TypeScript) and the same request with curl. Both are written from the operation table
 * and the spec's examples (generated/operations.ts, generated/examples.ts), so an operation added
 * to the spec gets its samples from `npm run generate` alone: nothing here names an operation.
 * The docs build writes them into the bundled spec as `x-codeSamples`;
 * test/docs/samples.test.ts type-checks every TypeScript sample against the client, so a sample
 * cannot drift from the API it shows.
 */
import { EXAMPLES } from "../../generated/examples.ts";
import { OPERATIONS } from "../../generated/operations.ts";
import { SERVERS } from "../../generated/spec-info.ts";
import { headerParameter } from "../../src/header-parameters.ts";
import { styledQuery } from "../../src/query-styles.ts";
import { type CallSource, completeExamples, exampleCall } from "../generate/example-call.ts";

/** One entry of an operation's `x-codeSamples`, as Redoc reads it. */
export interface CodeSample {
  lang: "TypeScript" | "curl";
  label: string;
  source: string;
}

/** The two samples of one operation. */
export interface OperationSamples {
  /** A complete module: the import, the client's creation and the call. */
  typescript: string;
  /** The same request with curl, against the production server. */
  curl: string;
}

/** What an operation's samples are written from: its table entry and its examples. */
export type SampleSource = CallSource;

/** The TypeScript sample: a complete module that makes the call with the spec's examples. */
export function typescriptSample(call: SampleSource): string {
  const { entry } = call;
  const lines = [
    'import { createCreditsClient } from "togai-credits";',
    "",
    "// The token comes from TOGAI_API_TOKEN.",
    "const togai = createCreditsClient();",
    "",
  ];
  if (entry.idempotency) {
    const { array, key } = entry.idempotency;
    lines.push(
      `// Each item of ${array} that has no ${key} gets a fresh one,`,
      "// so a retried call never acts twice.",
    );
  }
  const { pagination } = entry;
  if (pagination) {
    lines.push(
      `// One page; ${pagination.nextCursor} is the cursor of the next one, absent on the last:`,
      `const answer = await ${exampleCall(call)};`,
      `console.log(answer.${pagination.results}.length, answer.${pagination.nextCursor});`,
      "",
      `// Every item, across pages (${pagination.nextCursor} followed for you):`,
      `for await (const item of ${exampleCall(call, pagination.items)}) {`,
      "  console.log(item);",
      "}",
    );
  } else if (entry.answers.every((answer) => answer.kind === "none")) {
    lines.push(
      "// The API answers with no content: the call resolves to undefined.",
      `await ${exampleCall(call)};`,
    );
  } else if (entry.answers.every((answer) => answer.kind === "binary")) {
    lines.push(
      `const answer = await ${exampleCall(call)};`,
      "console.log(answer.size, answer.type);",
    );
  } else {
    lines.push(`const answer = await ${exampleCall(call)};`, "console.log(answer);");
  }
  return `${lines.join("\n")}\n`;
}

/** `encodeURIComponent`, with `!'()*` encoded too, so the URL is safe in double quotes. */
function encode(value: unknown): string {
  const text = typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  return quoteSafe(encodeURIComponent(text));
}

/** Percent-encoded text with `!'()*` encoded too, so that it is safe in double quotes. */
function quoteSafe(encoded: string): string {
  return encoded.replace(
    /[!'()*]/gu,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The production URL of the call: path parameters filled in, the query examples appended as
 * the client writes them (each parameter by its style), `!'()*` encoded too.
 */
function sampleUrl({ entry, examples }: SampleSource): string {
  const path = entry.path.replace(/\{([^}]+)\}/gu, (_, name: string) =>
    encode(examples.path?.[name]),
  );
  const written = quoteSafe(styledQuery({ ...examples.query }, entry.queryParams));
  return `${SERVERS.production.replace(/\/+$/u, "")}${path}${written ? `?${written}` : ""}`;
}

/** The curl sample: the same request, one option a line, the bearer token from the environment. */
export function curlSample(source: SampleSource): string {
  const { entry } = source;
  const examples = completeExamples(source);
  const lines = [
    `curl -X ${entry.method} "${sampleUrl({ entry, examples })}"`,
    `  -H "Authorization: Bearer $TOGAI_API_TOKEN"`,
    `  -H "Accept: ${entry.accept ?? "application/json"}"`,
  ];
  for (const parameter of entry.headerParams ?? []) {
    const value = examples.header?.[parameter.name];
    if (value !== undefined) {
      const written = headerParameter(value, parameter).replace(/["\\$`]/gu, "\\$&");
      lines.push(`  -H "${parameter.name}: ${written}"`);
    }
  }
  if (entry.body !== undefined) {
    const json = JSON.stringify(examples.body ?? {}, null, 2)
      .replaceAll("'", "'\\''")
      .replaceAll("\n", "\n  ");
    lines.push(
      `  -H "Content-Type: ${entry.body.contentType ?? "application/json"}"`,
      `  -d '${json}'`,
    );
  }
  return lines.join(" \\\n");
}

/** The samples of one operation, written from its entry and examples. */
export function samplesOf(source: SampleSource): OperationSamples {
  return { typescript: typescriptSample(source), curl: curlSample(source) };
}

/** The samples of every operation of OPERATIONS, by operationId. */
export const SAMPLES: Readonly<Record<string, OperationSamples>> = Object.fromEntries(
  OPERATIONS.map((entry) => [
    entry.operationId,
    samplesOf({ entry, examples: EXAMPLES[entry.operationId] ?? {} }),
  ]),
);

/**
 * The `x-codeSamples` of one operation: TypeScript first, then curl.
 * Throws for an operationId that is not in generated/operations.ts.
 */
export function codeSamplesFor(operationId: string): CodeSample[] {
  const samples = Object.hasOwn(SAMPLES, operationId) ? SAMPLES[operationId] : undefined;
  if (!samples) {
    throw new Error(
      `No code samples for operation "${operationId}": it is not in generated/operations.ts ` +
        "(run `npm run generate` after changing openapi/credits.yaml)",
    );
  }
  return [
    { lang: "TypeScript", label: "TypeScript", source: samples.typescript },
    { lang: "curl", label: "curl", source: samples.curl },
  ];
}

/**
 * Renders the generated modules that carry the spec's operations: the operation table with the
 * request schemas, the response schemas (loaded only when responses are validated), the
 * examples, and the typed client surface (one interface per group).
 */
import { exampleCall } from "./example-call.ts";
import type { GeneratedOperation, OperationModel } from "./operations.ts";
import { pascalCase } from "./operations.ts";
import { vocabularyOf } from "./vocabulary.ts";
import { FORMAT_FILES, KEYWORD_FILES } from "../../src/schema/catalogue.ts";
import type { SubSchema } from "../../src/schema/types.ts";

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** The schemas of the operation table's entries: path parameters, query and body. */
function entrySchemas(model: OperationModel): SubSchema[] {
  return model.operations.flatMap(({ entry }) => [
    ...entry.pathParams.map((parameter) => parameter.schema),
    ...(entry.query ? [entry.query] : []),
    ...(entry.header ? [entry.header] : []),
    ...(entry.body ? [entry.body.schema] : []),
  ]);
}

/**
 * The imports of the keyword and format checks that `schemas` use, and the `Validators`
 * constant that hands them to the interpreter with the table `tableName`.
 */
function validators(
  schemas: readonly SubSchema[],
  name: string,
  tableName: string,
  what: string,
): { imports: string; constant: string } {
  const { keywords, formats } = vocabularyOf(schemas);
  // One import per file, not through the folders' index: a bundler then keeps only these.
  const byFile = new Map<string, string[]>();
  const add = (file: string, exported: string) =>
    byFile.set(file, [...new Set([...(byFile.get(file) ?? []), exported])].sort());
  for (const keyword of keywords) {
    add(`keywords/${KEYWORD_FILES[keyword as keyof typeof KEYWORD_FILES]}`, keyword);
  }
  for (const exported of Object.values(formats))
    add(`formats/${FORMAT_FILES[exported] ?? ""}`, exported);
  const imports = [...byFile]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([file, names]) => `import { ${names.join(", ")} } from "../src/schema/${file}.js";`)
    .join("\n");
  const formatEntries = Object.entries(formats).map(([format, exportName]) =>
    format === exportName ? format : `${JSON.stringify(format)}: ${exportName}`,
  );
  const constant = `/** ${what}. */
export const ${name}: Validators = {
  schemas: ${tableName},
  keywords: [${keywords.join(", ")}],
  formats: { ${formatEntries.join(", ")} },
};`;
  return { imports, constant };
}

/** generated/operations.ts: the operation table, the request schemas and their checks. */
export function renderOperations(model: OperationModel): string {
  const tableSchemas = Object.values(model.requestSchemas);
  const checks = validators(
    [...tableSchemas, ...entrySchemas(model)],
    "REQUEST_VALIDATORS",
    "REQUEST_SCHEMAS",
    "What requests are validated with: the table, and the checks its schemas use (in the order they run)",
  );
  const entries = model.operations.map((op) => op.entry);
  const writers = [
    ...(entries.some((entry) => entry.pathParams.some((parameter) => parameter.types))
      ? [["path", "typedPathValue", "path-types"]]
      : []),
    ...(entries.some((entry) => entry.header)
      ? [["header", "headerParameters", "header-parameters"]]
      : []),
    ...(entries.some((entry) => entry.queryParams)
      ? [["query", "styledQuery", "query-styles"]]
      : []),
  ];
  const imports = writers
    .map(([, name, file]) => `import { ${name} } from "../src/${file}.js";\n`)
    .join("");
  const serializers = writers.map(([key, name]) => `${key}: ${name}`).join(", ");
  return `${imports}import type { OperationEntry, Serializers } from "../src/operation-table.js";
import type { SchemaTable, Validators } from "../src/schema/types.js";
${checks.imports}

/** The schemas requests are validated against, by name. */
export const REQUEST_SCHEMAS: SchemaTable = ${json(model.requestSchemas)};

${checks.constant}

/** The operationId of every operation of the API. */
export type OperationId = ${model.operations.map((op) => JSON.stringify(op.entry.operationId)).join(" | ")};

/** Every operation of the API, in the spec's order. */
export const OPERATIONS: readonly OperationEntry[] = ${json(entries)};

/** The writers the operations need beyond a query of primitives (only those the spec uses). */
export const SERIALIZERS: Serializers = { ${serializers} };
`;
}

/**
 * generated/response-schemas.ts: what 2xx answers are validated against, when asked: the
 * request table plus the schemas only answers use, with the checks of both. It imports the
 * request table rather than repeating it, so loading it on first use brings only what answers
 * add (the checks both use are the same modules).
 */
export function renderResponseSchemas(model: OperationModel): string {
  const shared = (name: string) =>
    JSON.stringify(model.requestSchemas[name]) === JSON.stringify(model.responseSchemas[name]);
  const own = Object.fromEntries(
    Object.entries(model.responseSchemas).filter(([name]) => !shared(name)),
  );
  const checks = validators(
    [...Object.values(model.requestSchemas), ...entrySchemas(model), ...Object.values(own)],
    "RESPONSE_VALIDATORS",
    "{ ...REQUEST_SCHEMAS, ...RESPONSE_SCHEMAS }",
    "What 2xx answers are validated with: the request table and the schemas only answers use, and the checks they all use (in the order they run)",
  );
  return `import type { SchemaTable, Validators } from "../src/schema/types.js";
import { REQUEST_SCHEMAS } from "./operations.js";
${checks.imports}

/** The schemas 2xx answers are validated against (\`validateResponses: true\`) that requests do not use, by name. */
export const RESPONSE_SCHEMAS: SchemaTable = ${json(own)};

${checks.constant}
`;
}

/**
 * generated/mock-readers.ts: how the mock server reads the parameters the operations declare
 * beyond primitives (styled query parameters, header parameters): it imports only the readers
 * the spec needs, as generated/operations.ts does the client's writers.
 */
export function renderMockReaders(model: OperationModel): string {
  const entries = model.operations.map((op) => op.entry);
  const readers = [
    ...(entries.some((entry) => entry.header) ? [["header", "readHeaderParameters"]] : []),
    ...(entries.some((entry) => entry.queryParams) ? [["query", "readStyledQuery"]] : []),
  ];
  const from = `from "../src/testing/parameter-readers.js";`;
  // A type-only import when no reader is needed: nothing of the module is then loaded.
  const imports =
    readers.length === 0
      ? `import type { ParameterReaders } ${from}`
      : `import { ${readers.map(([, name]) => name).join(", ")}, type ParameterReaders } ${from}`;
  const fields = readers.map(([key, name]) => `${key}: ${name}`).join(", ");
  return `${imports}

/** The readers of the parameters the operations declare beyond primitives (only those the spec uses). */
export const READERS: ParameterReaders = { ${fields} };
`;
}

/** generated/examples.ts: each operation's examples from the spec. */
export function renderExamples(model: OperationModel): string {
  const examples = Object.fromEntries(
    model.operations.map((op) => [op.entry.operationId, op.examples]),
  );
  return `/** An operation's examples, from the spec. */
export interface OperationExamples {
  /** Path parameters, by wire name. */
  readonly path?: Readonly<Record<string, unknown>>;
  /** Query parameters, by wire name (the pagination cursor left out). */
  readonly query?: Readonly<Record<string, unknown>>;
  /** Header parameters, by their declared name. */
  readonly header?: Readonly<Record<string, unknown>>;
  /** The request body. */
  readonly body?: unknown;
  /** The body of the first 2xx answer the spec declares. */
  readonly response?: unknown;
  /** Its status. */
  readonly responseStatus?: number;
  /** Its media type; absent when it has no content. */
  readonly responseType?: string;
}

/** Each operation's examples, by operationId. */
export const EXAMPLES: Readonly<Record<string, OperationExamples>> = ${json(examples)};
`;
}

/** A JSDoc block at the given indentation. */
function jsdoc(lines: string[], indent: string): string {
  const body = lines.map((line) => `${indent} *${line ? ` ${line.replaceAll("*/", "*\\/")}` : ""}`);
  return `${indent}/**\n${body.join("\n")}\n${indent} */`;
}

function exampleLines(code: string): string[] {
  return ["@example", ...code.split("\n")];
}

/** What the retry class and the idempotency declaration mean for a caller. */
function retryNote({ entry }: GeneratedOperation): string | undefined {
  const { idempotency, retry } = entry;
  if (idempotency !== undefined) {
    return (
      `Every item of \`${idempotency.array}\` without an \`${idempotency.key}\` gets a fresh one, ` +
      "so retries never act twice; errors carry the keys as `idempotencyKeys`."
    );
  }
  if (retry.class === "safe-only") {
    return "Retried only where the server cannot have acted: a 429, or a connection refused before the request was sent.";
  }
  return undefined;
}

/** The type of a method's options: with an `header` member when it declares header parameters. */
function optionsType(
  base: string,
  { header, headerRequired }: GeneratedOperation["types"],
): string {
  if (header === undefined) return `options?: ${base}`;
  return headerRequired
    ? `options: ${base} & { readonly header: ${header} }`
    : `options?: ${base} & { readonly header?: ${header} }`;
}

function methodSignatures(op: GeneratedOperation): string {
  const { entry, types } = op;
  const indent = "  ";
  const params: string[] = entry.pathParams.map(
    ({ argument }, index) => `${argument}: ${types.path[index] ?? "string"}`,
  );
  if (types.body !== undefined) params.push(`body: ${types.body}`);
  const optionalParams = !types.queryRequired && !types.headerRequired;
  if (types.query !== undefined) params.push(`params${optionalParams ? "?" : ""}: ${types.query}`);
  const head = `${op.summary} (\`${entry.method} ${entry.path}\`).`;
  const note = retryNote(op);
  const deprecated = op.deprecated
    ? ["", `@deprecated ${op.description || "The spec marks this operation deprecated."}`]
    : [];
  const doc = [head, "", ...op.description.split("\n"), ...(note ? ["", note] : []), ...deprecated];
  const call =
    types.response === "void"
      ? `await ${exampleCall(op)};`
      : `const answer = await ${exampleCall(op)};`;
  const blocks = [
    `${jsdoc([...doc, ...exampleLines(call)], indent)}\n${indent}${entry.name}(${[...params, optionsType("RequestOptions", types)].join(", ")}): Promise<${types.response}>;`,
  ];
  const { pagination } = entry;
  if (pagination !== undefined && types.item !== undefined) {
    const iterated = [...params, optionsType("PaginationOptions", types)].join(", ");
    const deprecatedIterator = op.deprecated
      ? ["", `@deprecated ${op.description || "The spec marks this operation deprecated."}`]
      : [];
    blocks.push(
      `${jsdoc(
        [
          `Every item of ${op.summary} (\`${entry.method} ${entry.path}\`), across pages: follows \`${pagination.nextCursor}\` lazily, one page in memory.`,
          ...deprecatedIterator,
          ...exampleLines(
            `for await (const item of ${exampleCall(op, pagination.items)}) console.log(item);`,
          ),
        ],
        indent,
      )}\n${indent}${pagination.items}(${iterated}): AsyncIterable<${types.item}>;`,
      `${jsdoc(
        [
          `Every page of ${op.summary} (\`${entry.method} ${entry.path}\`), following \`${pagination.nextCursor}\` lazily.`,
          ...deprecatedIterator,
          ...exampleLines(
            `for await (const page of ${exampleCall(op, pagination.pages)}) console.log(page.${pagination.results}.length);`,
          ),
        ],
        indent,
      )}\n${indent}${pagination.pages}(${iterated}): AsyncIterable<${types.response}>;`,
    );
  }
  return blocks.join("\n\n");
}

/** Types of TypeScript itself, or of the web platform, that a signature may name. */
const BUILT_IN_TYPES = new Set([
  "string",
  "number",
  "boolean",
  "undefined",
  "void",
  "unknown",
  "Blob",
]);

/** The operations of each group, in the spec's order. */
function operationGroups(model: OperationModel): Map<string, GeneratedOperation[]> {
  const groups = new Map<string, GeneratedOperation[]>();
  for (const op of model.operations) {
    const members = groups.get(op.entry.group) ?? [];
    members.push(op);
    groups.set(op.entry.group, members);
  }
  return groups;
}

/**
 * The names generated/resources.ts declares or imports besides the spec's schemas: a schema of
 * one of these names can be neither imported nor re-exported there.
 */
export function surfaceNames(model: OperationModel): Set<string> {
  return new Set([
    "CreditsClient",
    "CreditsFetchClient",
    "PaginationOptions",
    "RequestOptions",
    "components",
    "operations",
    ...[...operationGroups(model).keys()].map((group) => `${pascalCase(group)}Resource`),
    ...model.operations.flatMap(({ types }) => (types.query === undefined ? [] : [types.query])),
  ]);
}

/**
 * generated/resources.ts: the client's public surface, one interface per group, and the spec's
 * named schemas the package exports by name (`schemas`, see exports.ts).
 */
export function renderResources(model: OperationModel, schemas: readonly string[]): string {
  const groups = operationGroups(model);
  const typeNames = new Set<string>();
  const queryTypes: string[] = [];
  const named = (type: string | undefined) => {
    for (const part of (type ?? "").split(" | ")) {
      if (/^[A-Za-z_$][\w$]*$/u.test(part) && !BUILT_IN_TYPES.has(part)) typeNames.add(part);
    }
  };
  for (const { types, entry } of model.operations) {
    named(types.response);
    named(types.body);
    named(types.item);
    if (types.query !== undefined) {
      queryTypes.push(
        `/** The query parameters of \`${entry.method} ${entry.path}\` (${entry.operationId}), as the spec names them. */\nexport type ${types.query} = NonNullable<operations[${JSON.stringify(entry.operationId)}]["parameters"]["query"]>;`,
      );
    }
  }
  const interfaces = [...groups].map(
    ([group, ops]) =>
      `/** The ${group} operations of {@link CreditsClient}. */\nexport interface ${pascalCase(group)}Resource {\n${ops.map(methodSignatures).join("\n\n")}\n}`,
  );
  const members = [...groups.keys()].map(
    (group) =>
      `  /** The ${group} operations. */\n  readonly ${group}: ${pascalCase(group)}Resource;`,
  );
  const usesPagination = model.operations.some((op) => op.entry.pagination !== undefined);
  const surface = surfaceNames(model);
  for (const name of typeNames) {
    if (surface.has(name)) {
      throw new Error(
        `schema ${name}: a method's signature names it, and the client's surface has a type of that name (generated/resources.ts); rename the schema`,
      );
    }
  }
  const reexport =
    schemas.length === 0
      ? ""
      : `\n/** The spec's named schemas, exported by the package by name. */\nexport type { ${schemas.join(", ")} } from "./credits.js";\n`;
  return `import type { CreditsFetchClient } from "./client.js";
import type { ${[...typeNames, "operations"].sort().join(", ")} } from "./credits.js";
import type { ${usesPagination ? "PaginationOptions, " : ""}RequestOptions } from "../src/options.js";

${queryTypes.join("\n\n")}

${interfaces.join("\n\n")}

/** A Togai Credits API client, made by \`createCreditsClient\`. */
export interface CreditsClient {
${members.join("\n")}
  /**
   * The typed openapi-fetch client, with the same base URL, auth and headers but no retries,
   * timeouts, validation or thrown errors: calls answer \`{ data, error, response }\`.
   */
  readonly raw: CreditsFetchClient;
}
${reexport}`;
}

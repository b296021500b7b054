/**
 * Reads the spec's operations (the bundled document: scripts/generate/bundle.ts) into the
 * operation table the runtime binds to methods (see src/operation-table.ts), with the schemas
 * their requests and 2xx answers are validated against, and each operation's examples. Each
 * OpenAPI object is read by a file of its own: parameters.ts, request-body.ts, responses.ts.
 * Everything that differs between operations comes from here; a spec that lacks what the client
 * needs fails, naming the operation and what is missing.
 */
import type {
  Idempotency,
  OperationEntry,
  Pagination,
  RetryRule,
} from "../../src/operation-table.ts";
import type { Schema, SchemaTable } from "../../src/schema/types.ts";
import { camelCase, readParameters } from "./parameters.ts";
import { readRequestBody } from "./request-body.ts";
import { readResponses } from "./responses.ts";
import { SchemaReader } from "./schemas.ts";
import type { SpecSchema } from "./schemas.ts";

export { camelCase };

interface SpecOperation {
  [keyword: string]: unknown;
  operationId?: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

/** The parts of the spec the generator reads. */
export interface SpecDocument {
  info: { version: string };
  /** Read by servers.ts, which names what is wrong with them. */
  servers?: unknown;
  paths: Record<string, Record<string, unknown>>;
  components?: {
    schemas?: Record<string, SpecSchema>;
    [section: string]: Record<string, unknown> | undefined;
  };
}

/** An operation's examples, from the spec: for docs samples, JSDoc and the mock server. */
export interface OperationExamples {
  /** Path parameters by wire name. */
  path?: Record<string, unknown>;
  /** Query parameters by wire name, the pagination cursor left out. */
  query?: Record<string, unknown>;
  /** Header parameters by their declared name. */
  header?: Record<string, unknown>;
  body?: unknown;
  /** The body of the first 2xx answer the spec declares. */
  response?: unknown;
  /** Its status. */
  responseStatus?: number;
  /** Its media type; absent when it has no content. */
  responseType?: string;
}

/** An operation as generated: its table entry, its documentation and its examples. */
export interface GeneratedOperation {
  entry: OperationEntry;
  summary: string;
  description: string;
  /** Whether the spec marks the operation deprecated. */
  deprecated: boolean;
  /**
   * The TypeScript types of the method's arguments and answer: names in generated/credits.ts,
   * or types reached through its `operations`. `header` is the type of `options.header`, and
   * `headerRequired` whether the options (and their `header`) must be given.
   */
  types: {
    path: string[];
    body?: string;
    query?: string;
    queryRequired: boolean;
    header?: string;
    headerRequired: boolean;
    response: string;
    item?: string;
  };
  examples: OperationExamples;
}

/** What the generator writes from the spec's operations. */
export interface OperationModel {
  operations: GeneratedOperation[];
  requestSchemas: SchemaTable;
  responseSchemas: SchemaTable;
  /** Lines for the person running generate (a header parameter OpenAPI says to ignore). */
  notes: string[];
}

const METHODS = ["get", "put", "post", "delete", "patch", "head"] as const;
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE"]);
const IDEMPOTENT_RETRY = { statusCodes: [408, 429, 500, 502, 503, 504], connectionErrors: true };
const SAFE_ONLY_RETRY = { statusCodes: [429], connectionErrors: false };

/** `listCredits` → `ListCredits`. */
export function pascalCase(name: string): string {
  const camel = camelCase(name);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The `$.name` of a JSONPath output, or a clear error. */
function topLevelField(path: unknown, where: string): string {
  const match = typeof path === "string" ? /^\$\.([A-Za-z_$][\w$]*)$/u.exec(path) : null;
  if (!match?.[1]) {
    throw new Error(`${where}: must be a JSONPath to a top-level field, such as $.nextToken`);
  }
  return match[1];
}

function readPagination(op: SpecOperation, id: string, query: string[]): Pagination | undefined {
  const spec = op["x-speakeasy-pagination"];
  if (spec === undefined) return undefined;
  const where = `${id}: x-speakeasy-pagination`;
  if (!isRecord(spec) || spec.type !== "cursor") {
    throw new Error(`${where}: only type: cursor is supported`);
  }
  const inputs = Array.isArray(spec.inputs) ? (spec.inputs as unknown[]) : [];
  const cursor = inputs.find(
    (input): input is { name: string } =>
      isRecord(input) && input.type === "cursor" && input.in === "parameters",
  );
  if (cursor === undefined || !query.includes(cursor.name)) {
    throw new Error(
      `${where}: needs an input of type cursor in: parameters, naming a query parameter`,
    );
  }
  const outputs = isRecord(spec.outputs) ? spec.outputs : {};
  const iterators = op["x-togai-iterators"];
  if (
    !isRecord(iterators) ||
    typeof iterators.items !== "string" ||
    typeof iterators.pages !== "string"
  ) {
    throw new Error(`${id}: a paginated operation needs x-togai-iterators: { items, pages }`);
  }
  return {
    cursorParam: cursor.name,
    nextCursor: topLevelField(outputs.nextCursor, `${where}.outputs.nextCursor`),
    results: topLevelField(outputs.results, `${where}.outputs.results`),
    items: iterators.items,
    pages: iterators.pages,
  };
}

function readIdempotency(op: SpecOperation, id: string): Idempotency | undefined {
  const declared = op["x-togai-idempotency-key"];
  if (declared === undefined) return undefined;
  const match = typeof declared === "string" ? /^(\w+)\[\]\.(\w+)$/u.exec(declared) : null;
  if (!match?.[1] || !match[2]) {
    throw new Error(
      `${id}: x-togai-idempotency-key must read <array>[].<key>, e.g. items[].idempotencyKey`,
    );
  }
  return { array: match[1], key: match[2] };
}

function readRetry(op: SpecOperation, id: string, method: string, idempotent: boolean): RetryRule {
  const retryClass = IDEMPOTENT_METHODS.has(method) || idempotent ? "idempotent" : "safe-only";
  const base = retryClass === "idempotent" ? IDEMPOTENT_RETRY : SAFE_ONLY_RETRY;
  const declared = op["x-speakeasy-retries"];
  if (declared === undefined) return { class: retryClass, ...base };
  if (!isRecord(declared)) throw new Error(`${id}: x-speakeasy-retries must be an object`);
  const { statusCodes, retryConnectionErrors } = declared;
  const validCodes =
    Array.isArray(statusCodes) &&
    statusCodes.every(
      (code) =>
        (typeof code === "number" && Number.isInteger(code)) ||
        /^[1-5](\d\d|XX)$/u.test(String(code)),
    );
  if (statusCodes !== undefined && !validCodes) {
    throw new Error(
      `${id}: x-speakeasy-retries.statusCodes must list statuses such as 503 or "5XX"`,
    );
  }
  if (retryConnectionErrors !== undefined && typeof retryConnectionErrors !== "boolean") {
    throw new Error(`${id}: x-speakeasy-retries.retryConnectionErrors must be true or false`);
  }
  return {
    class: retryClass,
    statusCodes:
      (statusCodes as (number | string)[] | undefined)?.map((code) =>
        /^\d+$/u.test(String(code)) ? Number(code) : String(code),
      ) ?? base.statusCodes,
    connectionErrors: retryConnectionErrors ?? base.connectionErrors,
  };
}

/**
 * The item type of a paginated operation: the named schema of the page's results array, else
 * the page type indexed (`Page["data"][number]`).
 */
function itemType(
  spec: SpecDocument,
  page: string,
  answerSchema: Schema | undefined,
  results: string,
  id: string,
): string {
  const named =
    answerSchema?.$ref === undefined ? undefined : spec.components?.schemas?.[answerSchema.$ref];
  const items = named?.properties?.[results]?.items?.$ref;
  const match = items === undefined ? null : /^#\/components\/schemas\/([^/]+)$/u.exec(items);
  if (match?.[1] !== undefined) return match[1];
  if (answerSchema === undefined) throw new Error(`${id}: a paginated operation needs a JSON page`);
  return `${page}[${JSON.stringify(results)}][number]`;
}

/** Reads every operation of the spec, in path order, and the schemas they need. */
export function readOperations(spec: SpecDocument): OperationModel {
  const request = new SchemaReader(spec);
  const response = new SchemaReader(spec);
  request.checkComponents();
  const operations: GeneratedOperation[] = [];
  const notes: string[] = [];
  const methodNames = new Map<string, string>();

  for (const [path, pathItem] of Object.entries(spec.paths)) {
    if (!isRecord(pathItem)) throw new Error(`path ${path}: must be an object`);
    for (const [lowerMethod, value] of Object.entries(pathItem)) {
      if (!(METHODS as readonly string[]).includes(lowerMethod)) continue;
      const op = value as SpecOperation;
      const method = lowerMethod.toUpperCase() as OperationEntry["method"];
      const id = op.operationId ?? `${method} ${path}`;
      const group = op["x-speakeasy-group"];
      const name = op["x-speakeasy-name-override"];
      if (typeof group !== "string" || typeof name !== "string") {
        throw new Error(
          `operation ${id} needs x-speakeasy-group and x-speakeasy-name-override (its client method togai.<group>.<name>)`,
        );
      }
      if (group === "raw") {
        throw new Error(`operation ${id}: the group name raw is taken by the client's togai.raw`);
      }
      /** Registers `togai.<group>.<method>` for this operation; two operations may not share one. */
      const claim = (method: string): void => {
        const clash = methodNames.get(`${group}.${method}`);
        if (clash !== undefined) {
          throw new Error(`${id} and ${clash} are both togai.${group}.${method}`);
        }
        methodNames.set(`${group}.${method}`, id);
      };
      claim(name);

      const parameters = readParameters(spec, request, { path, pathItem, op, id });
      notes.push(...parameters.notes);
      const queryNames = Object.keys(parameters.query?.properties ?? {});
      const pagination = readPagination(op, id, queryNames);
      const body = readRequestBody(spec, request, op, id);
      const answers = readResponses(spec, response, op, id);

      const idempotency = readIdempotency(op, id);
      if (pagination !== undefined) {
        if (idempotency !== undefined) {
          throw new Error(
            `${id}: a paginated operation with idempotency keys is not supported (its pages would be retried without keys)`,
          );
        }
        claim(pagination.items);
        claim(pagination.pages);
      }
      const entry: OperationEntry = {
        operationId: id,
        group,
        name,
        method,
        path,
        pathParams: parameters.pathParams,
        ...(parameters.query && { query: parameters.query }),
        ...(parameters.queryParams?.length && { queryParams: parameters.queryParams }),
        ...(parameters.header && {
          header: parameters.header,
          headerParams: parameters.headerParams,
        }),
        ...(body && { body: body.body }),
        answers: answers.answers,
        ...(answers.accept !== "application/json" && { accept: answers.accept }),
        retry: readRetry(op, id, method, idempotency !== undefined),
        ...(pagination && { pagination }),
        ...(idempotency && { idempotency }),
      };
      const examples: OperationExamples = { ...parameters.examples };
      if (pagination !== undefined && examples.query !== undefined) {
        const query = Object.entries(examples.query).filter(
          ([name]) => name !== pagination.cursorParam,
        );
        if (query.length > 0) examples.query = Object.fromEntries(query);
        else delete examples.query;
      }
      if (body !== undefined) examples.body = body.example;
      examples.response = answers.example.body;
      examples.responseStatus = answers.example.status;
      if (answers.example.contentType !== undefined)
        examples.responseType = answers.example.contentType;
      const firstJson = answers.answers.find((answer) => answer.kind === "json");
      operations.push({
        entry,
        summary: op.summary ?? id,
        description: (op.description ?? "").trim(),
        deprecated: op.deprecated === true,
        types: {
          path: parameters.pathTypes,
          response: answers.type,
          queryRequired: parameters.queryRequired,
          headerRequired: parameters.headerRequired,
          ...(body && { body: body.type }),
          ...(parameters.query && { query: `${pascalCase(id)}Params` }),
          ...(parameters.header && {
            header: `NonNullable<operations[${JSON.stringify(id)}]["parameters"]["header"]>`,
          }),
          ...(pagination && {
            item: itemType(
              spec,
              answers.namedType ?? answers.type,
              firstJson?.schema === undefined ? undefined : { $ref: firstJson.schema },
              pagination.results,
              id,
            ),
          }),
        },
        examples,
      });
    }
  }
  return { operations, requestSchemas: request.table(), responseSchemas: response.table(), notes };
}

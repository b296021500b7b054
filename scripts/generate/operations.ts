/**
 * Reads the spec's operations into the operation table the runtime binds to methods (see
 * src/operation-table.ts), with the schemas their requests and 2xx answers are validated
 * against, and each operation's examples. Everything that differs between operations comes
 * from here; a spec that lacks what the client needs fails, naming the operation and what is
 * missing.
 */
import type {
  Idempotency,
  OperationEntry,
  Pagination,
  PathParameter,
  RetryRule,
} from "../../src/operation-table.ts";
import type { Schema, SchemaTable, SubSchema } from "../../src/schema/types.ts";
import { SchemaReader } from "./schemas.ts";
import type { SpecSchema } from "./schemas.ts";

interface SpecParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: SpecSchema;
  example?: unknown;
}

interface SpecMedia {
  schema?: SpecSchema;
  example?: unknown;
}

interface SpecOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: (SpecParameter | { $ref: string })[];
  requestBody?: { $ref?: string; required?: boolean; content?: Record<string, SpecMedia> };
  responses?: Record<string, { $ref?: string; content?: Record<string, SpecMedia> }>;
  [extension: `x-${string}`]: unknown;
}

/** The parts of the spec the generator reads. */
export interface SpecDocument {
  info: { version: string };
  servers: { url: string; description: string }[];
  paths: Record<string, Record<string, SpecOperation>>;
  components: {
    schemas: Record<string, SpecSchema>;
    parameters?: Record<string, SpecParameter>;
    requestBodies?: Record<string, SpecOperation["requestBody"]>;
    responses?: Record<string, { content?: Record<string, SpecMedia> }>;
  };
}

/** An operation's examples, from the spec: for docs samples, JSDoc and the mock server. */
export interface OperationExamples {
  /** Path parameters by wire name. */
  path?: Record<string, unknown>;
  /** Query parameters by wire name, the pagination cursor left out. */
  query?: Record<string, unknown>;
  body?: unknown;
  /** The 2xx answer. */
  response?: unknown;
}

/** An operation as generated: its table entry, its documentation and its examples. */
export interface GeneratedOperation {
  entry: OperationEntry;
  summary: string;
  description: string;
  /** The TypeScript types of the method's arguments and answer, as names in generated/credits.ts. */
  types: { body?: string; query?: string; response: string; item?: string };
  examples: OperationExamples;
}

/** What the generator writes from the spec's operations. */
export interface OperationModel {
  operations: GeneratedOperation[];
  requestSchemas: SchemaTable;
  responseSchemas: SchemaTable;
}

const METHODS = ["get", "put", "post", "delete", "patch", "head"] as const;
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE"]);
const IDEMPOTENT_RETRY = { statusCodes: [408, 429, 500, 502, 503, 504], connectionErrors: true };
const SAFE_ONLY_RETRY = { statusCodes: [429], connectionErrors: false };

/** `credit_id` → `creditId`; `account-id` → `accountId`. */
export function camelCase(name: string): string {
  return name.replace(/[_-]+([a-z0-9])/giu, (_, letter: string) => letter.toUpperCase());
}

/** `listCredits` → `ListCredits`. */
export function pascalCase(name: string): string {
  const camel = camelCase(name);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf("/") + 1);
}

function resolve<T>(
  value: T | { $ref: string },
  table: Record<string, T> | undefined,
  where: string,
): T {
  if (typeof value !== "object" || value === null || !("$ref" in value)) return value;
  const found = table?.[refName(value.$ref)];
  if (found === undefined) throw new Error(`${where}: unresolved $ref ${value.$ref}`);
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function firstExample(example: unknown, schema: SpecSchema | undefined): unknown {
  if (example !== undefined) return example;
  return Array.isArray(schema?.examples) ? schema.examples[0] : undefined;
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

/** The schema of a media type's JSON content, and the type name it has in generated/credits.ts. */
function jsonSchema(
  media: SpecMedia | undefined,
  where: string,
): { schema: SpecSchema; typeName: string } {
  const schema = media?.schema;
  if (schema?.$ref === undefined) {
    throw new Error(`${where}: needs an application/json schema that is a $ref to a named schema`);
  }
  return { schema, typeName: refName(schema.$ref) };
}

/** The types a parameter's schema names, its `$ref` followed. */
function parameterTypes(schema: SpecSchema, spec: SpecDocument, where: string): string[] {
  const { type } = resolve(schema, spec.components.schemas, where);
  return type === undefined ? [] : Array.isArray(type) ? type : [type];
}

/**
 * Throws unless a parameter's type is one the client can send: a path segment is a string; a
 * query value is one string, number or boolean (the query serializer sends no arrays or objects).
 */
function checkParameterType(
  schema: SpecSchema,
  spec: SpecDocument,
  where: string,
  allowed: readonly string[],
): void {
  const refused = parameterTypes(schema, spec, where).find((type) => !allowed.includes(type));
  if (refused !== undefined) {
    throw new Error(`${where}: type ${refused} is not supported (only ${allowed.join(", ")})`);
  }
}

/** Reads every operation of the spec, in path order, and the schemas they need. */
export function readOperations(spec: SpecDocument): OperationModel {
  const request = new SchemaReader(spec);
  const response = new SchemaReader(spec);
  request.checkComponents();
  const operations: GeneratedOperation[] = [];
  const methodNames = new Map<string, string>();

  for (const [path, pathItem] of Object.entries(spec.paths)) {
    for (const [lowerMethod, op] of Object.entries(pathItem)) {
      if (!(METHODS as readonly string[]).includes(lowerMethod)) continue;
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

      const parameters = (op.parameters ?? []).map((parameter) =>
        resolve(parameter, spec.components.parameters, `${id} parameters`),
      );
      const examples: OperationExamples = {};
      const pathParams: PathParameter[] = [];
      for (const segment of path.matchAll(/\{(\w+)\}/gu)) {
        const wire = segment[1] ?? "";
        const parameter = parameters.find((p) => p.in === "path" && p.name === wire);
        if (parameter?.schema === undefined) {
          throw new Error(`${id}: path parameter ${wire} has no parameter with a schema`);
        }
        checkParameterType(parameter.schema, spec, `${id} path parameter ${wire}`, ["string"]);
        pathParams.push({
          name: wire,
          argument: camelCase(wire),
          schema: request.strip(parameter.schema, `${id} path parameter ${wire}`),
        });
        (examples.path ??= {})[wire] = firstExample(parameter.example, parameter.schema);
      }
      const queryParams = parameters.filter((p) => p.in === "query");
      const unsupported = parameters.find((p) => p.in !== "query" && p.in !== "path");
      if (unsupported !== undefined) {
        throw new Error(`${id}: ${unsupported.in} parameter ${unsupported.name} is not supported`);
      }
      const pagination = readPagination(
        op,
        id,
        queryParams.map((p) => p.name),
      );
      let query: Schema | undefined;
      if (queryParams.length > 0) {
        const properties: Record<string, SubSchema> = {};
        const required: string[] = [];
        for (const parameter of queryParams) {
          if (parameter.schema === undefined)
            throw new Error(`${id}: query parameter ${parameter.name} has no schema`);
          checkParameterType(parameter.schema, spec, `${id} query parameter ${parameter.name}`, [
            "string",
            "number",
            "integer",
            "boolean",
          ]);
          properties[parameter.name] = request.strip(
            parameter.schema,
            `${id} query parameter ${parameter.name}`,
          );
          if (parameter.required === true) required.push(parameter.name);
          const example = firstExample(parameter.example, parameter.schema);
          if (example !== undefined && parameter.name !== pagination?.cursorParam) {
            (examples.query ??= {})[parameter.name] = example;
          }
        }
        query = { type: "object", properties, ...(required.length > 0 && { required }) };
      }

      let body: OperationEntry["body"];
      let bodyType: string | undefined;
      if (op.requestBody !== undefined) {
        const requestBody = resolve(
          op.requestBody,
          spec.components.requestBodies,
          `${id} requestBody`,
        );
        const media = requestBody?.content?.["application/json"];
        const { schema, typeName } = jsonSchema(media, `${id} requestBody`);
        body = {
          schema: request.strip(schema, `${id} requestBody`),
          required: requestBody?.required === true,
        };
        bodyType = typeName;
        examples.body = firstExample(media?.example, spec.components.schemas[typeName]);
      }

      const success = Object.keys(op.responses ?? {}).find((status) => /^2\d\d$/u.test(status));
      if (success === undefined) throw new Error(`${id}: needs a 2xx response`);
      const answer = resolve(
        op.responses?.[success] ?? {},
        spec.components.responses,
        `${id} ${success}`,
      );
      const media = answer.content?.["application/json"];
      const { schema: answerSchema, typeName: responseType } = jsonSchema(
        media,
        `${id} ${success} response`,
      );
      response.strip(answerSchema, `${id} ${success} response`);
      examples.response = firstExample(media?.example, spec.components.schemas[responseType]);

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
        pathParams,
        ...(query && { query }),
        ...(body && { body }),
        response: responseType,
        retry: readRetry(op, id, method, idempotency !== undefined),
        ...(pagination && { pagination }),
        ...(idempotency && { idempotency }),
      };
      let item: string | undefined;
      if (pagination !== undefined) {
        const results = spec.components.schemas[responseType]?.properties?.[pagination.results];
        const itemsRef = results?.items?.$ref;
        if (itemsRef === undefined) {
          throw new Error(
            `${id}: the page's ${pagination.results} must be an array of a named schema`,
          );
        }
        item = refName(itemsRef);
      }
      operations.push({
        entry,
        summary: op.summary ?? id,
        description: (op.description ?? "").trim(),
        types: {
          response: responseType,
          ...(bodyType !== undefined && { body: bodyType }),
          ...(query && { query: `${pascalCase(id)}Params` }),
          ...(item !== undefined && { item }),
        },
        examples,
      });
    }
  }
  return { operations, requestSchemas: request.table(), responseSchemas: response.table() };
}

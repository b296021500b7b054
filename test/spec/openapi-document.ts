/**
 * Reads openapi/credits.yaml for the spec tests: a typed view of the parts of an OpenAPI 3.1
 * document the tests look at, and helpers that follow `$ref`s and merge `allOf`s.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** The path of the spec the tests read. */
export const SPEC_PATH = fileURLToPath(new URL("../../openapi/credits.yaml", import.meta.url));

/** A JSON Schema (OpenAPI 3.1 flavour), limited to the keywords the tests read. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  description?: string;
  enum?: unknown[];
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  allOf?: SchemaObject[];
  additionalProperties?: boolean | SchemaObject;
  unevaluatedProperties?: boolean | SchemaObject;
  [keyword: string]: unknown;
}

/** An OpenAPI parameter, or a `$ref` to one. */
export interface ParameterObject {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, unknown>;
}

/** An OpenAPI media type (the value under `content["application/json"]`). */
export interface MediaTypeObject {
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, unknown>;
}

/** An OpenAPI response, or a `$ref` to one. */
export interface ResponseObject {
  $ref?: string;
  description?: string;
  content?: Record<string, MediaTypeObject>;
}

/** An OpenAPI request body, or a `$ref` to one. */
export interface RequestBodyObject {
  $ref?: string;
  description?: string;
  required?: boolean;
  content?: Record<string, MediaTypeObject>;
}

/** An OpenAPI operation. */
export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses?: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
}

/** The HTTP methods a path item can hold. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** An OpenAPI document, limited to the parts the tests read. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: { url: string; description?: string }[];
  security?: Record<string, string[]>[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, OperationObject | ParameterObject[] | undefined>>;
  components: {
    schemas: Record<string, SchemaObject>;
    responses: Record<string, ResponseObject>;
    parameters: Record<string, ParameterObject>;
    securitySchemes: Record<string, { type: string; scheme?: string; description?: string }>;
  };
}

/** One operation with the path and method it is found under. */
export interface LocatedOperation {
  path: string;
  method: string;
  operation: OperationObject;
}

/** Parses the spec (or the YAML document at `path`). */
export function loadSpec(path: string = SPEC_PATH): OpenApiDocument {
  return parse(readFileSync(path, "utf8")) as OpenApiDocument;
}

/** The value a local `$ref` (`#/components/...`) points at; throws when it points nowhere. */
export function lookUp(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`not a local $ref: ${ref}`);
  let node: unknown = document;
  for (const token of ref.slice(2).split("/")) {
    const key = token.replaceAll("~1", "/").replaceAll("~0", "~");
    if (typeof node !== "object" || node === null || !(key in node)) {
      throw new Error(`unresolvable $ref: ${ref}`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Follows `$ref`s until a node that is not a reference. */
export function resolve<T extends { $ref?: string }>(document: OpenApiDocument, node: T): T {
  let current = node;
  while (current.$ref !== undefined) current = lookUp(document, current.$ref) as T;
  return current;
}

/** The properties and required list of a schema once its `allOf` branches are merged. */
export interface EffectiveSchema {
  properties: Record<string, SchemaObject>;
  required: string[];
}

/**
 * The effective properties and required list of a schema: its own, plus those of every `allOf`
 * branch, references followed.
 */
export function effectiveSchema(document: OpenApiDocument, schema: SchemaObject): EffectiveSchema {
  const resolved = resolve(document, schema);
  const merged: EffectiveSchema = { properties: {}, required: [] };
  for (const branch of resolved.allOf ?? []) {
    const part = effectiveSchema(document, branch);
    Object.assign(merged.properties, part.properties);
    merged.required.push(...part.required);
  }
  Object.assign(merged.properties, resolved.properties ?? {});
  merged.required.push(...(resolved.required ?? []));
  merged.required = [...new Set(merged.required)];
  return merged;
}

/** Every operation of the document, in document order. */
export function operations(document: OpenApiDocument): LocatedOperation[] {
  const found: LocatedOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation !== undefined && !Array.isArray(operation)) {
        found.push({ path, method, operation });
      }
    }
  }
  return found;
}

/** The operation with this operationId, if the document has one. */
export function findOperation(
  document: OpenApiDocument,
  operationId: string,
): LocatedOperation | undefined {
  return operations(document).find((entry) => entry.operation.operationId === operationId);
}

/** The operation's parameters (path-item ones included), references followed. */
export function parametersOf(
  document: OpenApiDocument,
  located: LocatedOperation,
): ParameterObject[] {
  const shared = document.paths[located.path]?.parameters;
  const all = [...(Array.isArray(shared) ? shared : []), ...(located.operation.parameters ?? [])];
  return all.map((parameter) => resolve(document, parameter));
}

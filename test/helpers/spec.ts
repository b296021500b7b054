/**
 * The spec as the tests' reference validator reads it: openapi/credits.yaml bundled once (the
 * bundle every layer reads, so a spec in several files works too), an ajv 2020-12 instance that
 * knows the whole document, and the few lookups it needs (what a response declares, a closed
 * schema, the operationIds).
 *
 * Nothing here restates a schema: every rule comes from the spec.
 */
import { fileURLToPath } from "node:url";
import { Ajv2020, type SchemaObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { bundleSpec } from "../../scripts/generate/bundle.ts";
import { fileReader } from "../../scripts/lib/file-reader.ts";
import { mediaKind } from "../../src/answers.ts";

/** A JSON Schema of the spec, limited to the keywords read here. */
export interface SpecSchema {
  $ref?: string;
  type?: string;
  properties?: Record<string, SpecSchema>;
  items?: SpecSchema;
  allOf?: SpecSchema[];
  additionalProperties?: boolean | SpecSchema;
  unevaluatedProperties?: boolean | SpecSchema;
  default?: unknown;
  [keyword: string]: unknown;
}

interface SpecResponse {
  $ref?: string;
  content?: Record<string, { schema?: SpecSchema }>;
}

interface SpecRequestBody {
  $ref?: string;
  content?: Record<string, { schema?: SpecSchema }>;
}

interface SpecOperation {
  operationId: string;
  requestBody?: SpecRequestBody;
  responses: Record<string, SpecResponse>;
}

interface SpecDocument {
  paths: Record<string, Record<string, SpecOperation>>;
  components: {
    schemas: Record<string, SpecSchema>;
    responses: Record<string, SpecResponse>;
  };
}

/** The bundled spec: openapi/credits.yaml and the files it refers to. */
export const spec = (
  await bundleSpec(fileReader(fileURLToPath(new URL("../../", import.meta.url))))
).document as unknown as SpecDocument;

/** The `$id` under which the spec is known to ajv; its local `$ref`s resolve against it. */
export const SPEC_ID = "https://togai-credits.test/openapi/credits.yaml";

/** The absolute `$ref` of a schema of the spec, e.g. `schemaRef("Credit")`. */
export function schemaRef(name: string): string {
  return `${SPEC_ID}#/components/schemas/${name}`;
}

/**
 * A new ajv 2020-12 instance with ajv-formats that holds the spec's `components/schemas` under
 * {@link SPEC_ID}, so `{ $ref: schemaRef("Credit") }` works and the spec's own
 * `#/components/schemas/X` references resolve unchanged.
 */
export function createSpecAjv(): Ajv2020 {
  // strictTypes off: the spec's own style (`unevaluatedProperties` beside `allOf` without
  // `type`) is Redocly's to lint, not ajv's.
  const ajv = new Ajv2020({ allErrors: true, strictTypes: false });
  addFormats.default(ajv);
  ajv.addVocabulary(["components", "paths"]);
  ajv.addSchema({
    $id: SPEC_ID,
    components: { schemas: spec.components.schemas },
    paths: spec.paths,
  });
  return ajv;
}

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf("/") + 1);
}

/** Whether a named schema is an object schema that accepts properties it does not define. */
function isOpen(name: string): boolean {
  const schema = spec.components.schemas[name];
  if (schema === undefined || (schema.type !== "object" && schema.allOf === undefined)) {
    return false;
  }
  return schema.additionalProperties !== false && schema.unevaluatedProperties !== false;
}

function closedRef(name: string): SchemaObject {
  return isOpen(name)
    ? { type: "object", $ref: schemaRef(name), unevaluatedProperties: false }
    : { $ref: schemaRef(name) };
}

/**
 * The named schema, closed: `Credit` and `CreditRequest` are left open in the spec because
 * other schemas build on them with `allOf`; a value sent whole must still carry no property the
 * spec does not define. The array properties whose items are such an open schema (a list
 * page's `data`, `CreateCreditResponse.credits`, `CreateCreditRequest.creditRequests`) get
 * their items closed too.
 */
export function closedSchema(name: string): SchemaObject {
  const schema = spec.components.schemas[name];
  if (schema === undefined) throw new Error(`no schema named ${name} in the spec`);
  const closedItems: Record<string, SchemaObject> = {};
  for (const [property, definition] of Object.entries(schema.properties ?? {})) {
    const itemsRef = definition.items?.$ref;
    if (itemsRef !== undefined && isOpen(refName(itemsRef))) {
      closedItems[property] = { type: "array", items: closedRef(refName(itemsRef)) };
    }
  }
  if (Object.keys(closedItems).length === 0) return closedRef(name);
  return { type: "object", allOf: [closedRef(name)], properties: closedItems };
}

const operations = new Map<string, SpecOperation>();
for (const pathItem of Object.values(spec.paths)) {
  for (const operation of Object.values(pathItem)) operations.set(operation.operationId, operation);
}

function operation(operationId: string): SpecOperation {
  const found = operations.get(operationId);
  if (found === undefined) throw new Error(`no operation ${operationId} in the spec`);
  return found;
}

/** `a/b~c` as a JSON pointer segment: `a~1b~0c`. */
function pointerSegment(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** The response the spec declares for `status` of the operation (its own entry, else `default`). */
function declared(
  operationId: string,
  status: number,
): { key: string; response: SpecResponse } | undefined {
  const responses = operation(operationId).responses;
  const key = Object.hasOwn(responses, String(status))
    ? String(status)
    : Object.hasOwn(responses, `${String(status).charAt(0)}XX`)
      ? `${String(status).charAt(0)}XX`
      : "default";
  let response = responses[key];
  if (response?.$ref !== undefined) response = spec.components.responses[refName(response.$ref)];
  return response === undefined ? undefined : { key, response };
}

/** Where an operation stands in the document, as a JSON pointer. */
function operationPointer(operationId: string): string {
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, candidate] of Object.entries(item)) {
      if (candidate.operationId === operationId) return `#/paths/${pointerSegment(path)}/${method}`;
    }
  }
  throw new Error(`no operation ${operationId} in the spec`);
}

/** What the spec promises as the body of an answer: a JSON schema, another media type, or none. */
export type DeclaredBody =
  | { kind: "json"; schema: SchemaObject; name?: string }
  | { kind: "other"; mediaType: string }
  | { kind: "none" };

/**
 * The body the spec promises for `status` of the operation: a named JSON schema closed (see
 * {@link closedSchema}), an inline one by reference, a media type other than JSON, or none. An
 * unknown operation (a route the spec does not have) answers `ErrorResponse`.
 */
export function declaredBody(operationId: string | undefined, status: number): DeclaredBody {
  if (operationId === undefined) {
    return { kind: "json", schema: closedSchema("ErrorResponse"), name: "ErrorResponse" };
  }
  const found = declared(operationId, status);
  const content = Object.entries(found?.response.content ?? {});
  const json = content.find(([type]) => mediaKind(type) === "json");
  if (json === undefined) {
    const [first] = content;
    return first === undefined ? { kind: "none" } : { kind: "other", mediaType: first[0] };
  }
  const ref = json[1].schema?.$ref;
  if (ref?.startsWith("#/components/schemas/")) {
    return { kind: "json", schema: closedSchema(refName(ref)), name: refName(ref) };
  }
  const pointer =
    `${operationPointer(operationId)}/responses/${pointerSegment(found?.key ?? "default")}` +
    `/content/${pointerSegment(json[0])}/schema`;
  return { kind: "json", schema: { $ref: `${SPEC_ID}${pointer}` } };
}

/**
 * The name of the schema of the JSON body that the spec promises for `status` of the
 * operation (its own entry, else `default`); throws when the spec gives it no named JSON
 * schema. An unknown operation (a route the spec does not have) answers `ErrorResponse`.
 */
export function responseSchemaName(operationId: string | undefined, status: number): string {
  if (operationId === undefined) return "ErrorResponse";
  const response = declared(operationId, status)?.response;
  const ref = response?.content?.["application/json"]?.schema?.$ref;
  if (ref === undefined) throw new Error(`${operationId} ${status}: no JSON schema in the spec`);
  return refName(ref);
}

/** The operationIds of the spec. */
export function operationIds(): string[] {
  return [...operations.keys()];
}

/**
 * The spec as the tests' reference validator reads it: openapi/credits.yaml parsed once, an
 * ajv 2020-12 instance that knows the spec's own `components/schemas`, and the few lookups it
 * needs (a response's schema name, a closed schema, the operationIds).
 *
 * Nothing here restates a schema: every rule comes from the YAML document.
 */
import { readFileSync } from "node:fs";
import { Ajv2020, type SchemaObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

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

interface SpecOperation {
  operationId: string;
  responses: Record<string, SpecResponse>;
}

interface SpecDocument {
  paths: Record<string, Record<string, SpecOperation>>;
  components: {
    schemas: Record<string, SpecSchema>;
    responses: Record<string, SpecResponse>;
  };
}

/** The parsed spec, openapi/credits.yaml. */
export const spec = parse(
  readFileSync(new URL("../../openapi/credits.yaml", import.meta.url), "utf8"),
) as SpecDocument;

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
  ajv.addVocabulary(["components"]);
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: spec.components.schemas } });
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

/**
 * The name of the schema of the JSON body that the spec promises for `status` of the
 * operation (its own entry, else `default`); throws when the spec gives it no JSON body. An
 * unknown operation (a route the spec does not have) answers `ErrorResponse`.
 */
export function responseSchemaName(operationId: string | undefined, status: number): string {
  if (operationId === undefined) return "ErrorResponse";
  const responses = operation(operationId).responses;
  let response = responses[String(status)] ?? responses.default;
  if (response?.$ref !== undefined) response = spec.components.responses[refName(response.$ref)];
  const ref = response?.content?.["application/json"]?.schema?.$ref;
  if (ref === undefined) throw new Error(`${operationId} ${status}: no JSON schema in the spec`);
  return refName(ref);
}

/** The operationIds of the spec. */
export function operationIds(): string[] {
  return [...operations.keys()];
}

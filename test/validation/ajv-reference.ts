/**
 * ajv's 2020-12 validator with ajv-formats (`full` mode), run on a schema of the validators'
 * format (src/schema/types.ts): the table becomes `$defs` and each `$ref` name a `#/$defs/<name>`.
 * The reference the unit tests hold `findViolation` to wherever the two are meant to agree.
 */
import { Ajv2020, type ErrorObject, type SchemaObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { SchemaTable, SubSchema } from "../../src/schema/types.ts";

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);

/**
 * A schema of the validators' format for ajv: each `$ref` (a name of the table) rewritten by
 * `target`, e.g. to `#/$defs/<name>`.
 */
export function withRefs(
  schema: SubSchema,
  target: (name: string) => string,
): SchemaObject | boolean {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown): unknown =>
    key === "$ref" && typeof value === "string" ? target(value) : value,
  ) as SchemaObject | boolean;
}

const toDefs = (name: string): string => `#/$defs/${name}`;

/** Whether ajv accepts `value` for `schema`, whose `$ref`s name schemas of `table`. */
export function ajvAccepts(schema: SubSchema, value: unknown, table: SchemaTable = {}): boolean {
  const $defs = Object.fromEntries(
    Object.entries(table).map(([name, entry]) => [name, withRefs(entry, toDefs)]),
  );
  const root = withRefs(schema, toDefs);
  return ajv.validate(
    typeof root === "boolean" ? { allOf: [root], $defs } : { ...root, $defs },
    value,
  );
}

/** A path as the client writes it from the root "": `creditRequests[0].effectiveFrom`. */
export function pathOf(segments: readonly (string | number)[]): string {
  let path = "";
  for (const segment of segments) {
    path += typeof segment === "number" ? `[${segment}]` : path ? `.${segment}` : segment;
  }
  return path;
}

/** Where an ajv error is, in the client's notation; a missing, unknown or badly named property's own path. */
export function errorPath(error: ErrorObject): string {
  const segments: (string | number)[] = error.instancePath
    .split("/")
    .slice(1)
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
  const params = error.params as Record<string, unknown>;
  const property =
    params.missingProperty ??
    params.additionalProperty ??
    params.unevaluatedProperty ??
    params.propertyName;
  if (typeof property === "string") segments.push(property);
  return pathOf(segments);
}

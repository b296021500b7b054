/**
 * An operation's request body: its JSON media type (`application/json` or any `+json` type,
 * sent as the body's `Content-Type`), its schema for the validators (a named one by its name,
 * an inline one under the internal key `<operationId>.requestBody`), the TypeScript type of the
 * method's `body` argument, and its example. Any other media type fails, naming it.
 */
import type { OperationEntry } from "../../src/operation-table.ts";
import { mediaKind } from "../../src/answers.ts";
import { resolved } from "./refs.ts";
import type { SchemaReader, SpecSchema } from "./schemas.ts";

/** A media type object as written in the spec. */
export interface SpecMedia {
  schema?: SpecSchema;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

/** What an operation's request body gives the table, the surface and the examples. */
export interface ReadBody {
  body: NonNullable<OperationEntry["body"]>;
  /** The TypeScript type of the method's `body` argument. */
  type: string;
  example: unknown;
}

const NAMED = /^#\/components\/schemas\/([^/]+)$/u;

/** A media type's first example: `example`, else the first of `examples`, else its schema's. */
export function mediaExample(document: unknown, media: SpecMedia, where: string): unknown {
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  if (first !== undefined) return resolved(document, first, where).value;
  const schema = media.schema && resolved<SpecSchema>(document, media.schema, where);
  return Array.isArray(schema?.examples) ? schema.examples[0] : undefined;
}

/**
 * The schema of a media type for the validators (`{ $ref: <name or key> }`) and the TypeScript
 * type of its values: the schema's name when it is a named one, else `inlineType`.
 */
export function mediaSchema(
  collector: SchemaReader,
  media: SpecMedia,
  { key, inlineType, where }: { key: string; inlineType: string; where: string },
): { schema: { $ref: string }; key: string; type: string } {
  const ref = media.schema?.$ref;
  const named = ref === undefined ? undefined : NAMED.exec(ref)?.[1];
  if (ref !== undefined && named !== undefined) {
    const schema = collector.strip({ $ref: ref }, where) as { $ref: string };
    return { schema, key: schema.$ref, type: named };
  }
  const schema = collector.register(key, media.schema ?? {}, where) as { $ref: string };
  return { schema, key, type: inlineType };
}

/** Reads the request body of `op` (`id` names it), or undefined when it has none. */
export function readRequestBody(
  document: unknown,
  request: SchemaReader,
  op: Record<string, unknown>,
  id: string,
): ReadBody | undefined {
  if (op.requestBody === undefined) return undefined;
  const where = `${id} requestBody`;
  const requestBody = resolved<{ required?: boolean; content?: Record<string, SpecMedia> }>(
    document,
    op.requestBody as object,
    where,
  );
  const content = Object.entries(requestBody.content ?? {});
  const json =
    content.find(([type]) => type.split(";")[0]?.trim().toLowerCase() === "application/json") ??
    content.find(([type]) => mediaKind(type) === "json");
  if (json === undefined) {
    const types = content.map(([type]) => type).join(", ") || "no media type";
    throw new Error(`${where}: ${types} is not supported (only application/json and +json types)`);
  }
  const [contentType, media] = json;
  const literal = JSON.stringify(contentType);
  const { schema, type } = mediaSchema(request, media, {
    key: `${id}.requestBody`,
    inlineType: `NonNullable<operations[${JSON.stringify(id)}]["requestBody"]>["content"][${literal}]`,
    where,
  });
  return {
    body: {
      schema,
      required: requestBody.required === true,
      ...(contentType !== "application/json" && { contentType }),
    },
    type,
    example: mediaExample(document, media, where),
  };
}

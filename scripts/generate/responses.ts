/**
 * An operation's 2xx answers: for each declared status, how its body is read (JSON with its
 * schema, text, bytes, or nothing), the `Accept` the operation sends, the TypeScript type the
 * method resolves to (the union of the answers'), and the example the testing kit answers with.
 * A media type is classified by its essence: JSON is `application/json`, any `+json` type and a
 * range (`*\/*`, `application/*`) that declares a schema; text is `text/*`; the rest is bytes.
 */
import { mediaKind } from "../../src/answers.ts";
import type { Answer, AnswerKind } from "../../src/operation-table.ts";
import type { SchemaType } from "../../src/schema/types.ts";
import { resolved } from "./refs.ts";
import { mediaExample, mediaSchema, type SpecMedia } from "./request-body.ts";
import { schemaTypes } from "./schema-types.ts";
import type { SchemaReader } from "./schemas.ts";

/** The example answer of an operation: its first declared 2xx. */
export interface AnswerExample {
  status: number;
  contentType?: string;
  body?: unknown;
}

/** What an operation's 2xx answers give the table, the surface and the examples. */
export interface ReadResponses {
  answers: Answer[];
  accept: string;
  /** The TypeScript type the method resolves to. */
  type: string;
  /** The type of its JSON answer of the first 2xx, when it is a named schema (a page's type). */
  namedType?: string;
  example: AnswerExample;
}

const SUCCESS = /^(2\d\d|2XX)$/u;

/** The kind of a declared media type, a range counting as JSON when it declares a schema. */
function kindOf(type: string, media: SpecMedia): Exclude<AnswerKind, "none"> {
  const essence = type.split(";")[0]?.trim() ?? "";
  if (/^(\*\/\*|application\/\*)$/u.test(essence) && media.schema !== undefined) return "json";
  return mediaKind(type);
}

/** Reads the 2xx answers of `op` (`id` names it); fails when it declares none. */
export function readResponses(
  document: unknown,
  response: SchemaReader,
  op: Record<string, unknown>,
  id: string,
): ReadResponses {
  const declared = Object.entries((op.responses ?? {}) as Record<string, object>).filter(
    ([status]) => SUCCESS.test(status),
  );
  if (declared.length === 0) throw new Error(`${id}: needs a 2xx response`);
  const answers: Answer[] = [];
  const types: string[] = [];
  const accept = new Set<string>();
  let example: AnswerExample | undefined;
  let namedType: string | undefined;
  for (const [status, value] of declared) {
    const where = `${id} ${status} response`;
    const answer = resolved<{ content?: Record<string, SpecMedia> }>(document, value, where);
    const content = Object.entries(answer.content ?? {});
    const chosen = content.find(([type, media]) => kindOf(type, media) === "json") ?? content[0];
    const exampleStatus = status === "2XX" ? 200 : Number(status);
    if (chosen === undefined) {
      answers.push({ status, kind: "none" });
      types.push("undefined");
      example ??= { status: exampleStatus };
      continue;
    }
    const [contentType, media] = chosen;
    const kind = kindOf(contentType, media);
    accept.add(contentType);
    example ??= { status: exampleStatus, contentType, body: mediaExample(document, media, where) };
    if (kind !== "json") {
      answers.push({ status, kind });
      types.push(kind === "text" ? "string" : "Blob");
      continue;
    }
    const literal = JSON.stringify(contentType);
    const { key, type } = mediaSchema(response, media, {
      key: `${id}.${status}`,
      inlineType: `operations[${JSON.stringify(id)}]["responses"][${JSON.stringify(status)}]["content"][${literal}]`,
      where,
    });
    const top = schemaTypes(document, media.schema);
    answers.push({
      status,
      kind,
      schema: key,
      ...(top.length > 0 && { types: top as SchemaType[] }),
    });
    types.push(type);
    if (answers.length === 1 && media.schema?.$ref !== undefined) namedType = type;
  }
  const distinct = [...new Set(types)];
  return {
    answers,
    accept: accept.size === 0 ? "*/*" : [...accept].join(", "),
    type: distinct.length === 1 && distinct[0] === "undefined" ? "void" : distinct.join(" | "),
    ...(namedType !== undefined && { namedType }),
    example: example ?? { status: 200 },
  };
}

/**
 * What a 2xx answer's body becomes: the value its operation declares for its status (parsed
 * JSON of any type, a string, a `Blob`, or nothing), or what is wrong with it. A status the spec
 * does not declare is read by its own `Content-Type`.
 */
import type { Answer, AnswerKind } from "./operation-table.js";

/**
 * The kind of a media type, by its essence (parameters such as `charset` ignored): JSON for
 * `application/json` and any `+json` type, text for `text/*`, bytes for anything else.
 */
export function mediaKind(mediaType: string): Exclude<AnswerKind, "none"> {
  const essence = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (essence === "application/json" || essence.endsWith("+json")) return "json";
  return essence.startsWith("text/") ? "text" : "binary";
}

/** The answer the spec declares for `status`: the exact status, else its range (`2XX`). */
export function declaredAnswer(answers: readonly Answer[], status: number): Answer | undefined {
  const exact = String(status);
  return (
    answers.find((answer) => answer.status === exact) ??
    answers.find((answer) => answer.status === `${exact.charAt(0)}XX`)
  );
}

const JSON_NAMES: Readonly<Record<string, string>> = {
  object: "a JSON object",
  array: "a JSON array",
  string: "a JSON string",
  number: "a JSON number",
  integer: "a JSON integer",
  boolean: "a JSON boolean",
  null: "JSON null",
};

/**
 * What is wrong with a parsed JSON body's type, when the declared answer names the types its
 * schema allows at the top: `the body is not a JSON object`.
 */
export function typeProblem(answer: Answer | undefined, body: unknown): string | undefined {
  const types = answer?.types;
  if (types === undefined) return undefined;
  const kind = body === null ? "null" : Array.isArray(body) ? "array" : typeof body;
  const fits =
    types.includes(kind as never) ||
    (kind === "number" && types.includes("integer") && Number.isInteger(body));
  return fits ? undefined : `the body is not ${types.map((type) => JSON_NAMES[type]).join(" or ")}`;
}

/** A body's value, or the problem that makes it unusable. */
export type ReadBody = { value: unknown } | { problem: string };

/**
 * Reads a 2xx body (`data` as openapi-fetch read it: text, or a `Blob` for an operation that
 * answers bytes) as `kind` says; for a status the spec does not declare, `kind` comes from the
 * answer's `Content-Type`. `check` judges a parsed JSON body.
 */
export function readBody(
  data: string | Blob | undefined,
  kind: AnswerKind | undefined,
  contentType: string | null,
  check: (body: unknown) => string | undefined,
): ReadBody | Promise<ReadBody> {
  const read = kind ?? (contentType === null ? (data ? "text" : "none") : mediaKind(contentType));
  if (read === "none") return { value: undefined };
  if (read === "binary") {
    return { value: data instanceof Blob ? data : new Blob(data === undefined ? [] : [data]) };
  }
  if (data instanceof Blob)
    return data.text().then((text) => readBody(text, kind, contentType, check));
  const text = data ?? "";
  if (read === "text") return { value: text };
  if (!text) return kind === undefined ? { value: undefined } : { problem: "the body is empty" };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { problem: "the body is not valid JSON" };
  }
  const problem = check(body);
  return problem ? { problem } : { value: body };
}

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

/**
 * What is wrong with a parsed JSON body's type, when the declared answer names the types its
 * schema allows at the top: `the body is not a JSON object`.
 */
function typeProblem({ types }: Answer, body: unknown): string | undefined {
  const kind = body === null ? "null" : Array.isArray(body) ? "array" : typeof body;
  const fits =
    !types ||
    types.includes(kind as never) ||
    (types.includes("integer") && Number.isInteger(body));
  const names = types?.map((type) => (type === "null" ? "JSON null" : `a JSON ${type}`));
  return fits ? undefined : `the body is not ${names?.join(" or ") ?? ""}`;
}

/** A body's value, or the problem that makes it unusable (with the body as read). */
export type ReadAnswer = { value: unknown } | { problem: string; body: unknown };

/** A body read as its answer says, its JSON's top-level type checked. */
async function readBody(
  response: Response,
  answer: Answer | undefined,
  bodiless: boolean,
): Promise<ReadAnswer> {
  const contentType = response.headers.get("content-type");
  const kind = answer?.kind ?? (contentType ? mediaKind(contentType) : "text");
  if (kind === "binary") return { value: await response.blob() };
  const text = await response.text();
  if (kind === "none") return { value: undefined };
  if (!answer && !text) {
    return bodiless ? { value: undefined } : { problem: "the body is empty", body: text };
  }
  if (kind === "text") return { value: text };
  if (!text) return { problem: "the body is empty", body: text };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { problem: "the body is not valid JSON", body: text };
  }
  const problem = answer && typeProblem(answer, body);
  return problem ? { problem, body } : { value: body };
}

/**
 * Reads a 2xx answer as the spec declares it for its status (`answer`). A status it does not
 * declare is read as its `Content-Type` says; empty, it is nothing only where the operation
 * declares a bodiless answer (`bodiless`), else "the body is empty". `check` judges a parsed
 * JSON body beyond its type, and any body of an undeclared status, which must still be what the
 * operation needs (a listing's page is an object).
 */
export async function readAnswer(
  response: Response,
  answer: Answer | undefined,
  check: (body: unknown) => string | undefined,
  bodiless = false,
): Promise<ReadAnswer> {
  const read = await readBody(response, answer, bodiless);
  if (!("value" in read) || (answer && answer.kind !== "json")) return read;
  const problem = check(read.value);
  return problem ? { problem, body: read.value } : read;
}

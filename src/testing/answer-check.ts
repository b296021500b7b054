/**
 * The mock's check of its own answers (`checkAnswers: true`), with the validators generated
 * from the spec: a 2xx answer of an operation must have a status the spec declares, and a JSON
 * one must be valid against its response schema, closed. Answers a fault makes off-spec on purpose are never checked.
 */
import { RESPONSE_VALIDATORS } from "../../generated/response-schemas.js";
import { declaredAnswer } from "../answers.js";
import { findViolation } from "../schema/walk.js";
import type { FaultKind, SentResponse } from "./types.js";
import { operationEntry } from "./validate-request.js";

/** Faults whose answers are off the spec on purpose (`contentType`: its `Content-Type`). */
const OFF_SPEC_FAULTS = new Set<FaultKind>(["html", "emptyBody", "body", "contentType"]);

/** Whether a fault made this answer off the spec on purpose, so no check applies to it. */
export function isOffSpecOnPurpose(sent: SentResponse): boolean {
  const fault = sent.fault;
  if (fault === undefined) return false;
  return OFF_SPEC_FAULTS.has(fault.kind) || (fault.kind === "status" && fault.body !== undefined);
}

/** `METHOD target -> status`, to start a violation's message. */
export function answerLabel(sent: SentResponse): string {
  return `${sent.request.method} ${sent.request.url.slice(0, 200)} -> ${sent.status}`;
}

/**
 * An answer's JSON body, or what keeps it from being one (a `Content-Type` other than
 * `application/json`, a body that does not parse), starting with {@link answerLabel}.
 */
export function answerJson(sent: SentResponse): { body: unknown } | { problem: string } {
  const contentType = sent.headers["content-type"];
  if (contentType !== "application/json") {
    return {
      problem: `${answerLabel(sent)}: Content-Type is ${String(contentType)}, not application/json`,
    };
  }
  try {
    return { body: JSON.parse(sent.body) as unknown };
  } catch {
    return { problem: `${answerLabel(sent)}: the body is not JSON` };
  }
}

/** What is wrong with a 2xx answer of an operation by the generated response schemas, or `undefined`. */
export function checkAnswer(sent: SentResponse): string | undefined {
  if (sent.operationId === undefined || sent.status < 200 || sent.status > 299) return undefined;
  const answer = declaredAnswer(operationEntry(sent.operationId).answers, sent.status);
  if (answer === undefined) return `${answerLabel(sent)}: the spec declares no such status`;
  if (answer.kind !== "json") return undefined;
  const json = answerJson(sent);
  if ("problem" in json) return json.problem;
  if (answer.schema === undefined) return undefined;
  const violation = findViolation(RESPONSE_VALIDATORS, { $ref: answer.schema }, json.body, "");
  return violation && `${answerLabel(sent)}: ${violation.path || "the body"}: ${violation.rule}`;
}

/**
 * The mock's check of its own answers (`checkAnswers: true`), with the validators generated
 * from the spec: a 2xx answer of an operation must be JSON, valid against the operation's
 * response schema, closed. Answers a fault makes off-spec on purpose are never checked.
 */
import { OPERATIONS } from "../../generated/operations.js";
import { RESPONSE_SCHEMAS } from "../../generated/response-schemas.js";
import { findViolation } from "../schema-check.js";
import type { FaultKind, SentResponse } from "./types.js";

const RESPONSE_SCHEMA_OF = new Map(OPERATIONS.map((entry) => [entry.operationId, entry.response]));

/** Faults whose answers are off the spec on purpose. */
const OFF_SPEC_FAULTS = new Set<FaultKind>(["html", "emptyBody", "body"]);

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

/** What is wrong with a 2xx answer of an operation by the generated response schemas, or `undefined`. */
export function checkAnswer(sent: SentResponse): string | undefined {
  const schema = sent.operationId && RESPONSE_SCHEMA_OF.get(sent.operationId);
  if (schema === undefined || sent.status < 200 || sent.status > 299) return undefined;
  const contentType = sent.headers["content-type"];
  if (sent.fault?.kind !== "contentType" && contentType !== "application/json") {
    return `${answerLabel(sent)}: Content-Type is ${String(contentType)}, not application/json`;
  }
  let body: unknown;
  try {
    body = JSON.parse(sent.body);
  } catch {
    return `${answerLabel(sent)}: the body is not JSON`;
  }
  const violation = findViolation(RESPONSE_SCHEMAS, { $ref: schema }, body, "");
  return violation && `${answerLabel(sent)}: ${violation.path || "the body"}: ${violation.rule}`;
}

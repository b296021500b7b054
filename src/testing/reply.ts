/**
 * The answers of the mock server before they reach the socket: a {@link Reply} (status and
 * JSON value) and its {@link Wire} form (status, headers and body text).
 */

/** An answer as a handler gives it: a status and a JSON value. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** An answer ready to send: the body is already serialised. */
export interface Wire {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/** The spec's limit on `ErrorResponse.message`. */
export const MAX_MESSAGE_LENGTH = 500;

/** `message`, shortened with `...` to fit {@link MAX_MESSAGE_LENGTH} characters. */
export function limitMessage(message: string): string {
  const characters = Array.from(message);
  if (characters.length <= MAX_MESSAGE_LENGTH) return message;
  return `${characters.slice(0, MAX_MESSAGE_LENGTH - 3).join("")}...`;
}

/** An `ErrorResponse` answer. */
export function errorReply(
  status: number,
  message: string,
  headers?: Record<string, string>,
): Reply {
  const reply: Reply = { status, body: { message: limitMessage(message) } };
  if (headers !== undefined) reply.headers = headers;
  return reply;
}

/** The wire form of a reply: JSON body, `Content-Type: application/json`, `x-request-id`. */
export function toWire(reply: Reply, requestId: string): Wire {
  return {
    status: reply.status,
    headers: {
      "content-type": "application/json",
      "x-request-id": requestId,
      ...reply.headers,
    },
    body: JSON.stringify(reply.body),
  };
}

/**
 * The answers of the mock server before they reach the socket: a {@link Reply} (status and
 * JSON value) and its {@link Wire} form (status, headers and body text).
 */

/**
 * An answer as a handler gives it: a status and a JSON value, or, with `contentType`, a body
 * of that media type given as text (`undefined`: no body at all, as a `204`).
 */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** A media type other than JSON: `body` is then its text, or `undefined` for no body. */
  contentType?: string | null;
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

/**
 * The wire form of a reply, with `x-request-id`: a JSON body with `Content-Type:
 * application/json`; or, for a reply with `contentType`, its text with that type (`null`: no
 * body and no `Content-Type`).
 */
export function toWire(reply: Reply, requestId: string): Wire {
  const { contentType } = reply;
  const text =
    contentType === undefined
      ? JSON.stringify(reply.body)
      : typeof reply.body === "string"
        ? reply.body
        : "";
  const type = contentType === undefined ? "application/json" : contentType;
  return {
    status: reply.status,
    headers: {
      ...(type !== null && { "content-type": type }),
      "x-request-id": requestId,
      ...reply.headers,
    },
    body: contentType === null ? "" : text,
  };
}

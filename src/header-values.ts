/**
 * Header values as they are sent: trimmed, and refused (naming the header) when they hold what
 * would split or corrupt a header, before anything is sent. Every header the client sends
 * goes through here: the client's `headers`, a call's `headers`, and header parameters.
 */
import { TogaiValidationError } from "./errors.js";

/** A header value without its leading and trailing white space (CR and LF included). */
export function trimHeader(value: string): string {
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/gu, "");
}

/**
 * A header value as sent: leading and trailing white space trimmed, as `Headers` does; an
 * interior CR, LF or NUL (which would split the header or end it early), another control
 * character, or a character beyond Latin-1 (which HTTP cannot carry) refused, naming `where`.
 */
export function headerValue(value: unknown, where: string): string {
  if (typeof value !== "string") throw new TogaiValidationError(where, "must be a string");
  const trimmed = trimHeader(value);
  if (trimmed.includes("\r") || trimmed.includes("\n") || trimmed.includes("\0")) {
    throw new TogaiValidationError(where, "must not contain CR, LF or NUL");
  }
  if (/[^\t\x20-\x7e\x80-\xff]/u.test(trimmed)) {
    throw new TogaiValidationError(where, "must hold only printable Latin-1 characters");
  }
  return trimmed;
}

/** A header name as HTTP has it: a token (RFC 9110). */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/u;

/**
 * Checks every name (a token) and value ({@link headerValue}) of a headers record; returns the
 * trimmed copy.
 */
export function checkHeaders(
  headers: Readonly<Record<string, unknown>>,
  where: string,
): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) {
      throw new TogaiValidationError(`${where}.${name}`, "is not a valid header name");
    }
    checked[name] = headerValue(value, `${where}.${name}`);
  }
  return checked;
}

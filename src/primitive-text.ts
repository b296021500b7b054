/**
 * A parameter's primitive value as it travels in a URL or a header: a string as it is, a
 * finite number or a boolean as its text. Anything else (an object where a primitive belongs,
 * `NaN`, `Infinity`, a lone surrogate in a URL) is a {@link TogaiValidationError} naming it.
 */
import { TogaiValidationError } from "./errors.js";

/** The text of a primitive, naming `where` when it is none. */
export function primitiveText(value: unknown, where: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) {
    return String(value);
  }
  throw new TogaiValidationError(
    where,
    typeof value === "number"
      ? "must be a finite number"
      : "must be a string, a finite number or a boolean",
  );
}

/** `encodeURIComponent` of a primitive's text, naming `where` when it cannot be encoded. */
export function encodePrimitive(value: unknown, where: string): string {
  const text = primitiveText(value, where);
  try {
    return encodeURIComponent(text);
  } catch {
    throw new TogaiValidationError(where, "must be a well-formed string (no lone surrogate)");
  }
}

/**
 * `date-time`: an RFC 3339 date, `T` (or `t`, or one white-space character, as ajv-formats and
 * the client before accept), and a time with its offset (time.ts).
 */
import type { Format } from "../types.js";
import { isDate } from "./date.js";
import { isTime } from "./time.js";

// Only one place can split a date-time: after the ten characters of a date.
const SEPARATOR = /^[t\s]$/i;

export const dateTime: Format = {
  test: (value) =>
    typeof value !== "string" ||
    (isDate(value.slice(0, 10)) && SEPARATOR.test(value.charAt(10)) && isTime(value.slice(11))),
  rule: "a date-time with a time zone offset (RFC 3339)",
};

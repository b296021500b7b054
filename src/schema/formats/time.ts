/**
 * `time`: an RFC 3339 full-time with its offset. It keeps what `date-time` accepted before
 * JSON Schema's formats were complete, as ajv-formats does: offsets `+05:30`, `+0530` and `+05`.
 * Second 60 is accepted only at 23:59 UTC.
 */
import type { Format } from "../types.js";

const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(?:z|([+-])(\d\d)(?::?(\d\d))?)$/i;

/** Whether a text is a full-time with an offset, a leap second only at 23:59:60 UTC. */
export function isTime(text: string): boolean {
  const match = TIME.exec(text);
  if (!match) return false;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = Number(match[3]);
  const sign = match[4] === "-" ? -1 : 1;
  const offsetHour = Number(match[5] ?? 0);
  const offsetMinute = Number(match[6] ?? 0);
  if (offsetHour > 23 || offsetMinute > 59) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  // A leap second: 23:59:60 in UTC, by ajv-formats' arithmetic.
  const utcMinute = minute - sign * offsetMinute;
  const utcHour = hour - sign * offsetHour - (utcMinute < 0 ? 1 : 0);
  return (
    (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61
  );
}

export const time: Format = {
  test: (value) => typeof value !== "string" || isTime(value),
  rule: "a time with a time zone offset (RFC 3339)",
};

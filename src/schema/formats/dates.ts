/**
 * RFC 3339 dates and times. `date-time` and `time` keep what the client accepted before JSON
 * Schema's formats were complete, as ajv-formats does: offsets `+05:30`, `+0530` and `+05`, and
 * one white-space character between date and time. Second 60 is accepted only at 23:59 UTC.
 */
import type { Format } from "../types.js";

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(?:z|([+-])(\d\d)(?::?(\d\d))?)$/i;
// Only one place can split a date-time: at `t` or white space, after the ten characters of a date.
const SEPARATOR = /^[t\s]$/i;

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day >= 1 && day <= (month === 2 && leap ? 29 : (DAYS[month] ?? 0));
}

function isTime(text: string): boolean {
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

/** `date`: an RFC 3339 full-date that exists in the calendar (`2023-02-29` does not). */
export const date: Format = {
  test: (value) => typeof value !== "string" || isDate(value),
  rule: "a date (YYYY-MM-DD) that exists",
};

/** `date-time`: a date, `T` (or `t`, or one white-space character), a time with its offset. */
export const dateTime: Format = {
  test: (value) =>
    typeof value !== "string" ||
    (isDate(value.slice(0, 10)) && SEPARATOR.test(value.charAt(10)) && isTime(value.slice(11))),
  rule: "a date-time with a time zone offset (RFC 3339)",
};

/** `time`: an RFC 3339 full-time, with the offsets `date-time` accepts. */
export const time: Format = {
  test: (value) => typeof value !== "string" || isTime(value),
  rule: "a time with a time zone offset (RFC 3339)",
};

const DURATION_DATE = "(?:[0-9]+Y(?:[0-9]+M(?:[0-9]+D)?)?|[0-9]+M(?:[0-9]+D)?|[0-9]+D)";
const DURATION_TIME = "T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S)";
const DURATION = new RegExp(
  `^P(?:${DURATION_DATE}(?:${DURATION_TIME})?|${DURATION_TIME}|[0-9]+W)$`,
);

/** `duration`: an ISO 8601 duration as RFC 3339's appendix A writes it (`P1DT2H`, `P3W`). */
export const duration: Format = {
  test: (value) => typeof value !== "string" || DURATION.test(value),
  rule: "a duration (RFC 3339 appendix A, e.g. P1DT2H)",
};

/** `date`: an RFC 3339 full-date that exists in the calendar (`2023-02-29` does not). */
import type { Format } from "../types.js";

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether a text is a full-date whose day exists. */
export function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day >= 1 && day <= (month === 2 && leap ? 29 : (DAYS[month] ?? 0));
}

export const date: Format = {
  test: (value) => typeof value !== "string" || isDate(value),
  rule: "a date (YYYY-MM-DD) that exists",
};

/** `duration`: an ISO 8601 duration as RFC 3339's appendix A writes it (`P1DT2H`, `P3W`). */
import type { Format } from "../types.js";

const DURATION_DATE = "(?:[0-9]+Y(?:[0-9]+M(?:[0-9]+D)?)?|[0-9]+M(?:[0-9]+D)?|[0-9]+D)";
const DURATION_TIME = "T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S)";
const DURATION = new RegExp(
  `^P(?:${DURATION_DATE}(?:${DURATION_TIME})?|${DURATION_TIME}|[0-9]+W)$`,
);

export const duration: Format = {
  test: (value) => typeof value !== "string" || DURATION.test(value),
  rule: "a duration (RFC 3339 appendix A, e.g. P1DT2H)",
};

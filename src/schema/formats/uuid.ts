import type { Format } from "../types.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `uuid`: RFC 4122's string form, 32 hex digits in groups of 8-4-4-4-12, any version. */
export const uuid: Format = {
  test: (value) => typeof value !== "string" || UUID.test(value),
  rule: "a UUID (RFC 4122)",
};

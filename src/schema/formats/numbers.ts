/** OpenAPI's number formats. They judge numbers only. */
import type { Format } from "../types.js";

/** `int32`: an integer in [−2^31, 2^31 − 1]. */
export const int32: Format = {
  test: (value) =>
    typeof value !== "number" ||
    (Number.isInteger(value) && value >= -2_147_483_648 && value <= 2_147_483_647),
  rule: "a 32-bit integer (int32)",
};

/**
 * `int64`: an integer within ±(2^53 − 1). A larger one cannot be a JavaScript number exactly,
 * so the client refuses it rather than send another number than the caller meant.
 */
export const int64: Format = {
  test: (value) => typeof value !== "number" || Number.isSafeInteger(value),
  rule: "an integer within ±9007199254740991 (int64, as a JavaScript number holds it exactly)",
};

/** `float`: any finite number. */
export const float: Format = {
  test: (value) => typeof value !== "number" || Number.isFinite(value),
  rule: "a finite number (float)",
};

/** `double`: any finite number. */
export const double: Format = {
  test: (value) => typeof value !== "number" || Number.isFinite(value),
  rule: "a finite number (double)",
};

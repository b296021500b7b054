import type { Keyword } from "../types.js";

/** `minimum`, `maximum` (inclusive), `exclusiveMinimum`, `exclusiveMaximum`, for numbers. */
export const limitNumber: Keyword = {
  names: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"],
  check({ minimum, maximum, exclusiveMinimum, exclusiveMaximum }, value, path) {
    if (typeof value !== "number") return undefined;
    const rule =
      value < (minimum ?? -Infinity)
        ? `must be at least ${minimum}`
        : value > (maximum ?? Infinity)
          ? `must be at most ${maximum}`
          : value <= (exclusiveMinimum ?? -Infinity)
            ? `must be greater than ${exclusiveMinimum}`
            : value >= (exclusiveMaximum ?? Infinity)
              ? `must be less than ${exclusiveMaximum}`
              : undefined;
    return rule === undefined ? undefined : { path, rule, value };
  },
};

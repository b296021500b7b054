import type { Keyword, SchemaType } from "../types.js";

function kindOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

/** `type`: the value's JSON type is one of those listed; `integer` takes any whole number. */
export const jsonType: Keyword = {
  names: ["type"],
  check({ type: types = [] }, value, path) {
    const allowed: readonly SchemaType[] = typeof types === "string" ? [types] : types;
    const kind = kindOf(value);
    // `NaN` and `±Infinity` pass as integers here, to be refused as not finite.
    const integer = kind === "number" && !((value as number) % 1);
    if (allowed.includes(kind as SchemaType) || (integer && allowed.includes("integer"))) {
      return undefined;
    }
    const names = allowed.map((name) =>
      name === "null" ? name : `${/^[aio]/.test(name) ? "an" : "a"} ${name}`,
    );
    return { path, rule: `must be ${names.join(" or ")}`, value };
  },
};

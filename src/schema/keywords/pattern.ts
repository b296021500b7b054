import type { Keyword } from "../types.js";

const compiled = new Map<string, RegExp>();

/** A pattern of the table as a regular expression with the `u` flag, compiled once. */
export function regex(pattern: string): RegExp {
  let found = compiled.get(pattern);
  if (!found) compiled.set(pattern, (found = new RegExp(pattern, "u")));
  return found;
}

/** `pattern`: a string matches the regular expression somewhere, unless it anchors itself. */
export const pattern: Keyword = {
  names: ["pattern"],
  check: ({ pattern: source = "" }, value, path) =>
    typeof value !== "string" || regex(source).test(value)
      ? undefined
      : { path, rule: `must match the pattern ${source}`, value },
};

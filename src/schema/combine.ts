import type { Validators } from "./types.js";

/**
 * Validators over the schemas of both, with the keywords and formats of both, in their order:
 * the response table is the request table plus what only answers use.
 */
export function combine(base: Validators, extra: Validators): Validators {
  const keywords = [...new Set([...base.keywords, ...extra.keywords])].sort(
    (a, b) => a.order - b.order,
  );
  return {
    schemas: { ...base.schemas, ...extra.schemas },
    keywords,
    formats: { ...base.formats, ...extra.formats },
  };
}

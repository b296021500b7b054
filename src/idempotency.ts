import type { Idempotency } from "./operation-table.js";

/**
 * Copies a request body and gives every item of its `declared.array` without a key a fresh
 * `crypto.randomUUID()` in `declared.key`, keeping the caller's own keys. The caller's object
 * is not changed. Sent unchanged on every attempt, the keys make the operation safe to retry.
 */
export function withIdempotencyKeys(
  body: unknown,
  declared: Idempotency,
): { body: unknown; keys: string[] } {
  const items = (body as Record<string, unknown> | undefined)?.[declared.array];
  if (!Array.isArray(items)) return { body, keys: [] };
  const keyed = items.map((item: unknown) =>
    typeof item === "object" && item !== null
      ? {
          ...item,
          [declared.key]: (item as Record<string, unknown>)[declared.key] ?? crypto.randomUUID(),
        }
      : item,
  );
  return {
    body: { ...(body as object), [declared.array]: keyed },
    keys: keyed.map((item) => String((item as Record<string, unknown> | null)?.[declared.key])),
  };
}

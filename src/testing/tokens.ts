/**
 * The mock's `nextToken`: opaque to clients, like the upstream ones a base64 JSON
 * object, here `{"lastItemId":"<id of the page's last credit>","sortOrder":"desc"}`.
 */

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The token of the page that follows the credit `lastItemId`. */
export function encodeNextToken(lastItemId: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ lastItemId, sortOrder: "desc" }));
  return btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(""));
}

/** The `lastItemId` a token carries, or `undefined` when it is not a token of this server. */
export function decodeNextToken(token: string): string | undefined {
  if (token === "" || !BASE64.test(token)) return undefined;
  try {
    const bytes = Uint8Array.from(atob(token), (character) => character.charCodeAt(0));
    const decoded: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    if (typeof decoded !== "object" || decoded === null) return undefined;
    const { lastItemId } = decoded as { lastItemId?: unknown };
    return typeof lastItemId === "string" ? lastItemId : undefined;
  } catch {
    return undefined;
  }
}

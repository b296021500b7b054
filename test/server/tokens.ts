/**
 * The mock server's `nextToken`: opaque to clients, like the upstream ones a base64 JSON
 * object, here `{"lastItemId":"<id of the page's last credit>","sortOrder":"desc"}`.
 */

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The token of the page that follows the credit `lastItemId`. */
export function encodeNextToken(lastItemId: string): string {
  return Buffer.from(JSON.stringify({ lastItemId, sortOrder: "desc" })).toString("base64");
}

/** The `lastItemId` a token carries, or `undefined` when it is not a token of this server. */
export function decodeNextToken(token: string): string | undefined {
  if (token === "" || !BASE64.test(token)) return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
    if (typeof decoded !== "object" || decoded === null) return undefined;
    const { lastItemId } = decoded as { lastItemId?: unknown };
    return typeof lastItemId === "string" ? lastItemId : undefined;
  } catch {
    return undefined;
  }
}

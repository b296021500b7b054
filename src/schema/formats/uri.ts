/** RFC 3986 URIs and URI references. */
import type { Format } from "../types.js";
import { isIpv6 } from "./internet.js";

const UNRESERVED = "a-z0-9\\-._~";
const SUB_DELIMS = "!$&'()*+,;=";
const PCT = "%[0-9a-f]{2}";
const PCHAR = `(?:[${UNRESERVED}${SUB_DELIMS}:@]|${PCT})`;
const SCHEME = /^[a-z][a-z0-9+\-.]*$/i;
const USERINFO = new RegExp(`^(?:[${UNRESERVED}${SUB_DELIMS}:]|${PCT})*$`, "i");
const REG_NAME = new RegExp(`^(?:[${UNRESERVED}${SUB_DELIMS}]|${PCT})*$`, "i");
const IPV_FUTURE = new RegExp(`^v[0-9a-f]+\\.[${UNRESERVED}${SUB_DELIMS}:]+$`, "i");
const PATH = new RegExp(`^(?:${PCHAR}|/)*$`, "i");
const QUERY = new RegExp(`^(?:${PCHAR}|[/?])*$`, "i");
const PORT = /^[0-9]*$/;

function isAuthority(authority: string): boolean {
  const at = authority.lastIndexOf("@");
  if (at >= 0 && !USERINFO.test(authority.slice(0, at))) return false;
  const hostPort = authority.slice(at + 1);
  if (hostPort.startsWith("[")) {
    const close = hostPort.indexOf("]");
    if (close < 0) return false;
    const literal = hostPort.slice(1, close);
    const rest = hostPort.slice(close + 1);
    if (!(isIpv6(literal) || IPV_FUTURE.test(literal))) return false;
    return rest === "" || (rest.startsWith(":") && PORT.test(rest.slice(1)));
  }
  const colon = hostPort.lastIndexOf(":");
  const host = colon < 0 ? hostPort : hostPort.slice(0, colon);
  return REG_NAME.test(host) && (colon < 0 || PORT.test(hostPort.slice(colon + 1)));
}

/** Whether `text` is a URI (`absolute`) or a URI reference, by RFC 3986's grammar. */
function isUri(text: string, absolute: boolean): boolean {
  const hash = text.indexOf("#");
  if (hash >= 0 && !QUERY.test(text.slice(hash + 1))) return false;
  let rest = hash < 0 ? text : text.slice(0, hash);
  const question = rest.indexOf("?");
  if (question >= 0 && !QUERY.test(rest.slice(question + 1))) return false;
  if (question >= 0) rest = rest.slice(0, question);
  const colon = rest.indexOf(":");
  const slash = rest.indexOf("/");
  const hasScheme = colon > 0 && (slash < 0 || colon < slash) && SCHEME.test(rest.slice(0, colon));
  if (absolute && !hasScheme) return false;
  // A relative reference's first segment may not hold a colon (path-noscheme).
  if (!hasScheme && colon >= 0 && (slash < 0 || colon < slash)) return false;
  if (hasScheme) rest = rest.slice(colon + 1);
  if (rest.startsWith("//")) {
    const end = rest.indexOf("/", 2);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    if (!isAuthority(authority)) return false;
    rest = end < 0 ? "" : rest.slice(end);
  }
  return PATH.test(rest);
}

/** `uri`: an absolute RFC 3986 URI, with its scheme (`https://example.com/a?b#c`, `urn:isbn:1`). */
export const uri: Format = {
  test: (value) => typeof value !== "string" || isUri(value, true),
  rule: "a URI with a scheme (RFC 3986)",
};

/** `uri-reference`: an RFC 3986 URI or relative reference (`../a`, `#top`, `//host/p`). */
export const uriReference: Format = {
  test: (value) => typeof value !== "string" || isUri(value, false),
  rule: "a URI reference (RFC 3986)",
};

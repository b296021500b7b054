/** Host names, IP addresses and email addresses: RFC 1123, RFC 791, RFC 4291 and RFC 5321. */
import type { Format } from "../types.js";

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** RFC 1123: dot-separated labels of letters, digits and inner hyphens, 253 characters at most. */
export function isHostname(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  return text.split(".").every((label) => LABEL.test(label));
}

const OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

const GROUP = /^[0-9a-f]{1,4}$/i;

/** RFC 4291's text forms: eight groups, one `::` for a run of zeros, an IPv4 tail. */
export function isIpv6(text: string): boolean {
  let head = text;
  let groups = 8;
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".")) {
    if (!isIpv4(text.slice(lastColon + 1))) return false;
    head = text.slice(0, lastColon + 1);
    if (!head.endsWith("::")) head = head.slice(0, -1);
    groups = 6;
  }
  const halves = head.split("::");
  if (halves.length > 2) return false;
  const parts = halves.map((half) => (half === "" ? [] : half.split(":")));
  if (!parts.every((list) => list.every((group) => GROUP.test(group)))) return false;
  const count = parts.reduce((sum, list) => sum + list.length, 0);
  return halves.length === 2 ? count < groups : count === groups;
}

const ATOM = "[a-z0-9!#$%&'*+/=?^_`{|}~-]+";
const DOT_STRING = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`, "i");
const QUOTED_STRING = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"$/;

/** RFC 5321's Mailbox: a dot-string or quoted local part, `@`, a domain or an address literal. */
function isEmail(text: string): boolean {
  const at = text.lastIndexOf("@");
  if (at < 1) return false;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (local.length > 64 || !(DOT_STRING.test(local) || QUOTED_STRING.test(local))) return false;
  if (domain.startsWith("[") && domain.endsWith("]")) {
    const literal = domain.slice(1, -1);
    return /^IPv6:/i.test(literal) ? isIpv6(literal.slice(5)) : isIpv4(literal);
  }
  return isHostname(domain);
}

/** `email`: an RFC 5321 mailbox (`name@example.com`, `"a b"@[127.0.0.1]`). */
export const email: Format = {
  test: (value) => typeof value !== "string" || isEmail(value),
  rule: "an email address (RFC 5321)",
};

/** `hostname`: an RFC 1123 host name. */
export const hostname: Format = {
  test: (value) => typeof value !== "string" || isHostname(value),
  rule: "a host name (RFC 1123)",
};

/** `ipv4`: a dotted-quad IPv4 address, without leading zeros. */
export const ipv4: Format = {
  test: (value) => typeof value !== "string" || isIpv4(value),
  rule: "an IPv4 address",
};

/** `ipv6`: an IPv6 address in RFC 4291's text forms (no zone). */
export const ipv6: Format = {
  test: (value) => typeof value !== "string" || isIpv6(value),
  rule: "an IPv6 address",
};

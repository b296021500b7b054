/**
 * Whether a URL may carry the token: `https:`, or plain `http:` to a loopback host (a local mock
 * server). The client's `baseUrl` and the spec's servers are both held to it.
 */
export function isSecureOrigin(url: URL): boolean {
  const loopback = /^(?:localhost|\[::1\]|127(?:\.\d{1,3}){3})$/u.test(url.hostname);
  return url.protocol === "https:" || (url.protocol === "http:" && loopback);
}

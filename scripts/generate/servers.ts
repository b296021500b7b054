/**
 * The spec's `servers`, as the client's environments: each server's `description`, lower-cased,
 * names it (`description: Production` is `environment: "production"`), with its URL's variables
 * filled by their defaults. The client's default environment is `production`, and the docs'
 * samples call it, so one server must be described `Production`. Anything the client could not
 * call fails, naming the server.
 */

import { DEFAULTS } from "../../src/options.ts";
import { isSecureOrigin } from "../../src/secure-origin.ts";

/** The environment every client calls unless told otherwise. */
const DEFAULT_ENVIRONMENT = DEFAULTS.environment;

interface ServerVariable {
  default?: unknown;
}

/** A server's URL with each `{variable}` replaced by its default, or an error naming it. */
function filledUrl(where: string, url: string, variables: unknown): string {
  return url.replace(/\{([^{}]*)\}/gu, (_match, name: string) => {
    const variable =
      typeof variables === "object" && variables !== null && Object.hasOwn(variables, name)
        ? ((variables as Record<string, ServerVariable>)[name] ?? {})
        : {};
    if (typeof variable.default !== "string") {
      throw new Error(`${where}: the url's variable {${name}} needs a string default`);
    }
    return variable.default;
  });
}

/** Checks a server's URL as the client's `baseUrl` is checked: absolute, `https:` (or loopback `http:`). */
function checkedUrl(where: string, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${where}: url ${JSON.stringify(url)} is not an absolute URL`);
  }
  if (!isSecureOrigin(parsed)) {
    throw new Error(
      `${where}: url ${JSON.stringify(url)} must use https: (plain http: only to a loopback host), as the client's baseUrl`,
    );
  }
  return url;
}

/** The spec's servers by environment name, or an error naming the server that cannot be one. */
export function readServers(servers: unknown): Record<string, string> {
  if (!Array.isArray(servers) || servers.length === 0) {
    throw new Error(
      `servers: the spec needs a list of servers, one described "Production" (the client's default environment)`,
    );
  }
  const environments: Record<string, string> = {};
  servers.forEach((server: unknown, index) => {
    const { url, description, variables } = (server ?? {}) as Record<string, unknown>;
    const where = `servers[${String(index)}]${typeof url === "string" ? ` (${url})` : ""}`;
    if (typeof url !== "string") throw new Error(`${where}: needs a url`);
    if (typeof description !== "string" || description.trim() === "") {
      throw new Error(
        `${where}: needs a description, which names its environment (description: Sandbox is environment: "sandbox")`,
      );
    }
    const name = description.trim().toLowerCase();
    if (Object.hasOwn(environments, name)) {
      throw new Error(`${where}: another server is described ${JSON.stringify(description)} too`);
    }
    environments[name] = checkedUrl(where, filledUrl(where, url, variables));
  });
  if (!Object.hasOwn(environments, DEFAULT_ENVIRONMENT)) {
    throw new Error(
      `servers: none is described "Production", the client's default environment (found ${Object.keys(
        environments,
      )
        .map((name) => JSON.stringify(name))
        .join(", ")})`,
    );
  }
  return environments;
}

/**
 * Spec conformance, document level: OpenAPI 3.1, the upstream API version, both servers,
 * HTTP bearer auth applied globally and the `Credits` tag.
 */
import { expect, test } from "vitest";
import { SERVERS } from "./facts.ts";
import { loadSpec } from "./openapi-document.ts";

const spec = loadSpec();

test("is an OpenAPI 3.1 document of the upstream API version 1.0", () => {
  expect(spec.openapi, "openapi").toMatch(/^3\.1\.\d+$/u);
  expect(spec.info.version, "info.version").toBe("1.0");
});

test("lists the production and the sandbox server, named after their environment", () => {
  const servers = spec.servers ?? [];
  expect(
    servers.map((server) => server.url),
    "server urls",
  ).toEqual([SERVERS.production, SERVERS.sandbox]);
  for (const [environment, url] of Object.entries(SERVERS)) {
    const server = servers.find((candidate) => candidate.url === url);
    expect(server?.description?.toLowerCase(), `${url} description`).toBe(environment);
  }
});

test("defines bearerAuth as HTTP bearer auth", () => {
  const scheme = spec.components.securitySchemes.bearerAuth;
  expect(scheme?.type, "bearerAuth type").toBe("http");
  expect(scheme?.scheme, "bearerAuth scheme").toBe("bearer");
});

test("applies bearerAuth to every operation globally", () => {
  expect(spec.security, "global security").toEqual([{ bearerAuth: [] }]);
});

test("declares the Credits tag with a description", () => {
  expect(
    spec.tags?.map((tag) => tag.name),
    "tags",
  ).toEqual(["Credits"]);
  expect(spec.tags?.[0]?.description, "Credits tag description").toBeTruthy();
});

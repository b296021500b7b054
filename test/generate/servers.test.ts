/**
 * What `npm run generate` makes of the spec's `servers`: the client's environments, named by
 * their descriptions, one of them "Production" (the default environment). A server the client
 * could not call fails naming it, never with a crash or with generated code that does not
 * compile.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { SPEC, renderGeneratedFiles } from "../../scripts/generate/files.ts";
import { readServers } from "../../scripts/generate/servers.ts";
import { repoRoot } from "../../scripts/lib/exec.ts";
import { fileReader } from "../../scripts/lib/file-reader.ts";

const PRODUCTION = { url: "https://api.example.com", description: "Production" };

describe("npm run generate, reading servers", () => {
  test("names each environment by its description, lower-cased", () => {
    expect(
      readServers([
        PRODUCTION,
        { url: "https://sandbox.example.com/", description: "Sandbox server" },
      ]),
    ).toEqual({
      production: "https://api.example.com",
      "sandbox server": "https://sandbox.example.com/",
    });
  });

  test("fills a url's variables with their defaults", () => {
    const templated = {
      url: "https://{region}.example.com/{version}",
      description: "Production",
      variables: { region: { default: "eu", enum: ["eu", "us"] }, version: { default: "v1" } },
    };
    expect(readServers([templated])).toEqual({ production: "https://eu.example.com/v1" });
  });

  test.each([
    [
      "no servers",
      undefined,
      /^servers: the spec needs a list of servers, one described "Production"/u,
    ],
    ["an empty list", [], /^servers: the spec needs a list of servers/u],
    [
      "a server without a description",
      [{ url: "https://api.example.com" }],
      /^servers\[0\] \(https:\/\/api\.example\.com\): needs a description, which names its environment/u,
    ],
    ["a server without a url", [{ description: "Production" }], /^servers\[0\]: needs a url/u],
    [
      "no server described Production",
      [{ url: "https://sandbox.example.com/", description: "Sandbox server" }],
      /^servers: none is described "Production", the client's default environment \(found "sandbox server"\)/u,
    ],
    [
      "two servers of one name",
      [PRODUCTION, { url: "https://other.example.com", description: "production" }],
      /^servers\[1\] \(https:\/\/other\.example\.com\): another server is described "production" too/u,
    ],
    [
      "a relative url",
      [{ url: "/v1", description: "Production" }],
      /^servers\[0\] \(\/v1\): url "\/v1" is not an absolute URL/u,
    ],
    [
      "plain http to another host",
      [{ url: "http://api.example.com", description: "Production" }],
      /must use https: \(plain http: only to a loopback host\)/u,
    ],
    [
      "a variable without a default",
      [{ url: "https://{region}.example.com", description: "Production" }],
      /^servers\[0\] \(https:\/\/\{region\}\.example\.com\): the url's variable \{region\} needs a string default/u,
    ],
  ])("refuses %s, naming it", (_name, servers, message) => {
    expect(() => readServers(servers)).toThrow(message);
  });

  test("a spec edit that drops a server's description fails generate naming it, in memory", async () => {
    const spec = await readFile(join(repoRoot, SPEC), "utf8");
    const edited = spec.replace(/\n {4}description: Production\n/u, "\n");
    expect(edited).not.toBe(spec);
    await expect(renderGeneratedFiles(fileReader(repoRoot, { [SPEC]: edited }))).rejects.toThrow(
      /^servers\[0\] \(https:\/\/api\.togai\.com\): needs a description/u,
    );
  });
});

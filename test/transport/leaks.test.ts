/**
 * What the Node transport hands back holds nothing of the connection: no object reachable from
 * an error or a returned value is a request, a response stream, a socket or an agent (which
 * would keep sockets alive, or let a caller write to them), and no string reachable from an
 * error carries the bearer token (errors get logged).
 */
import { Agent, ClientRequest, IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createCreditsClient } from "../../src/node.ts";
import {
  NotFoundError,
  TogaiConnectionError,
  TogaiTimeoutError,
  UnexpectedResponseError,
  type ClientOptions,
} from "../../src/index.ts";
import { closedPort, rejectionOf, sampleCreditRequest } from "../helpers/mock-client.ts";
import { startMockServer, type MockServer } from "../helpers/mock.ts";

/** A token no other string in the test would contain by chance. */
const TOKEN = "tok_leakcheck_5f0c2b9e7a";

const FORBIDDEN: readonly [string, abstract new (...args: never[]) => object][] = [
  ["http.ClientRequest", ClientRequest],
  ["http.IncomingMessage", IncomingMessage],
  ["net.Socket", Socket],
  ["http.Agent", Agent],
];

interface Reached {
  /** Every object reached, with the path it was reached by (e.g. `.cause.cause`). */
  objects: { path: string; value: object }[];
  /** Every string reached (values and property names), with its path. */
  strings: { path: string; value: string }[];
}

/**
 * Every object and string reachable from `root` within `maxDepth` steps: own properties
 * (string and symbol keys, data properties and own getters), entries of Maps, Sets and
 * `Headers`. Prototypes are not followed: what they hold is shared code, not this value's.
 */
function reachableFrom(root: unknown, maxDepth = 8): Reached {
  const reached: Reached = { objects: [], strings: [] };
  const seen = new Set<unknown>();
  const queue: { value: unknown; path: string; depth: number }[] = [
    { value: root, path: "", depth: 0 },
  ];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const { value, path, depth } = next;
    if (typeof value === "string") {
      reached.strings.push({ path, value });
      continue;
    }
    if ((typeof value !== "object" && typeof value !== "function") || value === null) continue;
    if (seen.has(value)) continue;
    seen.add(value);
    reached.objects.push({ path, value });
    if (depth === maxDepth) continue;
    const visit = (child: unknown, step: string): void => {
      queue.push({ value: child, path: `${path}${step}`, depth: depth + 1 });
    };
    if (value instanceof Map) {
      for (const [key, entry] of value) {
        visit(key, "<map key>");
        visit(entry, `<map ${String(key)}>`);
      }
    }
    if (value instanceof Set) for (const entry of value) visit(entry, "<set entry>");
    if (value instanceof Headers)
      for (const [name, entry] of value) visit(entry, `<header ${name}>`);
    for (const key of Reflect.ownKeys(value)) {
      const step = typeof key === "symbol" ? `[${String(key)}]` : `.${key}`;
      if (typeof key === "string")
        reached.strings.push({ path: `${path}${step} (name)`, value: key });
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined) continue;
      if ("value" in descriptor) visit(descriptor.value, step);
      else if (descriptor.get) {
        try {
          visit(descriptor.get.call(value), step);
        } catch {
          // A getter that throws holds nothing we can reach.
        }
      }
    }
  }
  return reached;
}

/** The paths of the connection objects reachable from `root`, named by class. */
function connectionObjectsIn(root: unknown): string[] {
  return reachableFrom(root).objects.flatMap(({ path, value }) =>
    FORBIDDEN.filter(([, Class]) => value instanceof Class).map(
      ([name]) => `${name} at ${path || "(root)"}`,
    ),
  );
}

/** The paths of the strings reachable from `root` that contain the token. */
function tokenSightings(root: unknown): string[] {
  return reachableFrom(root)
    .strings.filter(({ value }) => value.includes(TOKEN))
    .map(({ path }) => path || "(root)");
}

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ token: TOKEN });
});
beforeEach(() => {
  mock.reset();
});
afterAll(() => mock.close());

function client(options: ClientOptions = {}) {
  return createCreditsClient({ token: TOKEN, baseUrl: mock.url, maxRetries: 0, ...options });
}

describe("the walk itself", () => {
  test("finds a socket and the token where they are", () => {
    const socket = new Socket();
    const bait = { deep: { list: [new Map([["k", new Set([socket])]])] }, note: `Bearer ${TOKEN}` };
    expect(connectionObjectsIn(bait)).toEqual(["net.Socket at .deep.list.0<map k><set entry>"]);
    expect(tokenSightings(bait)).toEqual([".note"]);
    socket.destroy();
  });
});

describe("an error holds no connection object and no token", () => {
  test("a 404 (NotFoundError)", async () => {
    const error = await rejectionOf(client().credits.get("creds.missing"), NotFoundError);
    expect(error.status).toBe(404);
    expect(connectionObjectsIn(error)).toEqual([]);
    expect(tokenSightings(error)).toEqual([]);
  });

  test("a 2xx that is not what the operation promises (UnexpectedResponseError)", async () => {
    mock.inject({ kind: "body", body: "<html>not json</html>", contentType: "text/html" });
    const error = await rejectionOf(client().credits.list(), UnexpectedResponseError);
    expect(connectionObjectsIn(error)).toEqual([]);
    expect(tokenSightings(error)).toEqual([]);
  });

  test("a refused connection (TogaiConnectionError)", async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    const error = await rejectionOf(
      client({ baseUrl }).credits.get("creds.any"),
      TogaiConnectionError,
    );
    // The walk goes down the chain of causes, to Node's own error.
    expect(reachableFrom(error).objects.map(({ path }) => path)).toContain(".cause.cause");
    expect(connectionObjectsIn(error)).toEqual([]);
    expect(tokenSightings(error)).toEqual([]);
  });

  test("a body that stalls past the timeout (TogaiTimeoutError)", async () => {
    const [seeded] = mock.seed(1);
    mock.inject({ kind: "stallBody", ms: 10_000 });
    const error = await rejectionOf(
      client({ timeoutMs: 200 }).credits.get(seeded!.id),
      TogaiTimeoutError,
    );
    expect(connectionObjectsIn(error)).toEqual([]);
    expect(tokenSightings(error)).toEqual([]);
  });
});

describe("a returned value holds no connection object", () => {
  test("credits.get and credits.create", async () => {
    const [seeded] = mock.seed(1);
    const details = await client().credits.get(seeded!.id);
    const created = await client().credits.create({ creditRequests: [sampleCreditRequest()] });
    expect(connectionObjectsIn(details)).toEqual([]);
    expect(connectionObjectsIn(created)).toEqual([]);
  });
});

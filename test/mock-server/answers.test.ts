/**
 * The testing kit's answers beyond JSON, and how it orders routes: a reply of another media
 * type or with no body on the wire, its own check of a status the spec does not declare, and a
 * concrete path before a templated one, as OpenAPI says.
 */
import { describe, expect, test } from "vitest";
import { checkAnswer } from "../../src/testing/answer-check.ts";
import { toWire } from "../../src/testing/reply.ts";
import { moreConcrete } from "../../src/testing/routes.ts";
import type { SentResponse } from "../../src/testing/types.ts";

describe("the testing kit's replies", () => {
  test("a JSON reply is sent as application/json", () => {
    expect(toWire({ status: 200, body: { a: 1 } }, "r1")).toEqual({
      status: 200,
      headers: { "content-type": "application/json", "x-request-id": "r1" },
      body: '{"a":1}',
    });
  });

  test("a reply of another media type is sent as its text, with that type", () => {
    expect(toWire({ status: 200, body: "id\nw1\n", contentType: "text/csv" }, "r2")).toEqual({
      status: 200,
      headers: { "content-type": "text/csv", "x-request-id": "r2" },
      body: "id\nw1\n",
    });
  });

  test("a reply without content has no body and no Content-Type", () => {
    expect(toWire({ status: 204, body: undefined, contentType: null }, "r3")).toEqual({
      status: 204,
      headers: { "x-request-id": "r3" },
      body: "",
    });
  });

  test("its own check names a 2xx status the spec does not declare", () => {
    const sent = {
      operationId: "getCreditDetails",
      status: 201,
      headers: { "content-type": "application/json" },
      body: "{}",
      request: { method: "GET", url: "/credits/c1" },
    } as unknown as SentResponse;
    expect(checkAnswer(sent)).toBe("GET /credits/c1 -> 201: the spec declares no such status");
  });
});

describe("the testing kit's routes", () => {
  const route = (path: string) => ({ segments: path.slice(1).split("/") });

  test("a concrete path comes before a templated one, at the first segment they differ", () => {
    const paths = ["/credits/{credit_id}", "/credits/export", "/accounts/{id}/x", "/accounts/me/x"];
    const sorted = paths
      .map(route)
      .sort(moreConcrete)
      .map(({ segments }) => `/${segments.join("/")}`);
    expect(sorted).toEqual([
      "/accounts/me/x",
      "/accounts/{id}/x",
      "/credits/export",
      "/credits/{credit_id}",
    ]);
  });
});

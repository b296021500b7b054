import { once } from "node:events";
import { connect } from "node:net";
import { describe, expect, test } from "vitest";
import type { Fault } from "../helpers/mock.ts";
import { HTTP, useMockServer } from "./harness.ts";

// HTTP only: these tests read the bytes and the ending of a TCP connection.
const mock = useMockServer(HTTP);

/**
 * How a cut answer ends: a TCP reset, or, when the reset overtook bytes the client had not yet
 * read, a plain close right after them (Linux reports the reset only to a reader that is idle).
 */
const CUT = /^(ECONNRESET|end)$/;

interface WireResult {
  /** Every byte received, as latin1 text. */
  received: string;
  /** How the connection ended: `"end"` (FIN) or the socket error code. */
  ending: string;
}

/** Sends `GET /credits` on a raw TCP connection and collects what comes back. */
function rawExchange(): Promise<WireResult> {
  const { port } = new URL(mock.server.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), "127.0.0.1");
    let received = "";
    let ending = "";
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("end", () => (ending ||= "end"));
    socket.on("error", (error: NodeJS.ErrnoException) => (ending ||= error.code ?? "error"));
    socket.on("close", () => {
      resolve({ received, ending });
    });
    socket.write(
      `GET /credits HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${mock.server.token}\r\nConnection: close\r\n\r\n`,
    );
  });
}

function inject(fault: Fault): Promise<WireResult> {
  mock.server.seed(5);
  mock.server.inject(fault);
  return rawExchange();
}

describe("what the connection faults put on the wire", () => {
  test("resetBeforeHeaders: not a byte, then a TCP reset", async () => {
    expect(await inject({ kind: "resetBeforeHeaders" })).toEqual({
      received: "",
      ending: "ECONNRESET",
    });
  });

  test("resetMidHeaders: part of the status line and headers, then a TCP reset", async () => {
    const { received, ending } = await inject({ kind: "resetMidHeaders" });
    expect(received).toBe("HTTP/1.1 200 OK\r\ncontent-type: appl");
    expect(ending).toMatch(CUT);
  });

  test("resetMidBody: the headers and half the body, then a TCP reset", async () => {
    const { received, ending } = await inject({ kind: "resetMidBody" });
    const [head, body] = received.split("\r\n\r\n") as [string, string];
    const length = Number(/content-length: (\d+)/i.exec(head)![1]);
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(body.length).toBe(Math.floor(length / 2));
    expect(ending).toMatch(CUT);
  });

  test("dropAfterProcessing: not a byte, then a clean close", async () => {
    expect(await inject({ kind: "dropAfterProcessing" })).toEqual({ received: "", ending: "end" });
  });

  test("truncatedJson: a complete HTTP answer whose JSON is cut in half", async () => {
    const { received, ending } = await inject({ kind: "truncatedJson" });
    const [head, body] = received.split("\r\n\r\n") as [string, string];
    expect(Number(/content-length: (\d+)/i.exec(head)![1])).toBe(body.length);
    expect(ending).toBe("end");
  });
});

describe("a client that goes away", () => {
  test("mid-body: the request is dropped quietly and the server keeps answering", async () => {
    const { port } = new URL(mock.server.url);
    const socket = connect(Number(port), "127.0.0.1");
    await once(socket, "connect");
    socket.write(
      `POST /credits HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${mock.server.token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"credit`,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.destroy();
    await mock.server.whenIdle();
    expect(mock.server.store.size).toBe(0);
    const response = await fetch(`${mock.server.url}/credits`, {
      headers: { authorization: `Bearer ${mock.server.token}` },
    });
    expect(response.status).toBe(200);
  });
});

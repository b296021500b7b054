/**
 * The answer the Node transport hands to openapi-fetch: the few members it and the client read
 * (`status`, `ok`, `statusText`, `headers.get`, `text()`), over a body already read whole.
 * Building a real `Response` and `Headers` per call would cost about a third of what the
 * transport gains; the client turns these headers into a real `Headers` only for an error.
 * Nothing here holds the request, the response stream, the socket or the agent.
 */
import type { IncomingHttpHeaders } from "node:http";

/** Read access to an answer's headers, as `Headers` gives it. */
export class NodeHeaders implements Iterable<[string, string]> {
  readonly #headers: IncomingHttpHeaders;

  constructor(headers: IncomingHttpHeaders) {
    this.#headers = headers;
  }

  /** The value of `name`, repeated values joined with `, `; `null` when absent. */
  get(name: string): string | null {
    const value = this.#headers[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.#headers)) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }
}

/** An answer whose body has been read (and decompressed) whole. */
export class NodeResponse {
  readonly type = "basic";
  readonly redirected = false;
  readonly #text: string;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: NodeHeaders,
    text: string,
  ) {
    this.#text = text;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  text(): Promise<string> {
    return Promise.resolve(this.#text);
  }
}

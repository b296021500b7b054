/**
 * The answer the Node transport hands to openapi-fetch: the few members it and the client read
 * (`status`, `ok`, `statusText`, `headers.get`, `text()`, `blob()`, `arrayBuffer()`), over a
 * body already read whole, as bytes (a BOM is stripped from text only).
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

/** An answer whose body has been read (and decompressed) whole, or failed to decompress. */
export class NodeResponse {
  readonly type = "basic";
  readonly redirected = false;
  readonly #bytes: Buffer | Error;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: NodeHeaders,
    bytes: Buffer | Error,
  ) {
    this.#bytes = bytes;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** The body decoded as UTF-8, a leading BOM dropped, as `fetch` does. */
  text(): Promise<string> {
    const bytes = this.#bytes;
    if (bytes instanceof Error) return Promise.reject(bytes);
    const text = bytes.toString("utf8");
    return Promise.resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  }

  /** The body's bytes, typed with the answer's `Content-Type`. */
  blob(): Promise<Blob> {
    const bytes = this.#bytes;
    if (bytes instanceof Error) return Promise.reject(bytes);
    return Promise.resolve(
      new Blob([new Uint8Array(bytes)], { type: this.headers.get("content-type") ?? "" }),
    );
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.blob().then((blob) => blob.arrayBuffer());
  }
}

/**
 * The ceiling of a client on `node:http`: a bare `GET` through one keep-alive agent, the body
 * parsed with `JSON.parse`, nothing else. The per-call and the pagination benchmarks both
 * measure against it.
 */
import { Agent, request } from "node:http";

const agent = new Agent({ keepAlive: true });

/** `GET url` with bare `node:http`; rejects on a status other than 200. */
export function nodeHttpJson<T>(url: URL, headers: Record<string, string>): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          if (res.statusCode !== 200) reject(new Error(`node:http: ${String(res.statusCode)}`));
          else resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as T);
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** Starts the benchmarks' loopback server (loopback-server-main.ts) in a child process. */
import { fileURLToPath } from "node:url";
import { forkChild } from "./child-process.ts";

/** A running loopback server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** How many requests the server has answered so far. */
  requestCount(): Promise<number>;
  /** Stops the server and its process. */
  close(): Promise<void>;
}

/** Forks the loopback server on 127.0.0.1, port 0, and resolves once it listens. */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  const child = forkChild(fileURLToPath(new URL("./loopback-server-main.ts", import.meta.url)));
  const { port } = await child.next("listening");
  return {
    url: `http://127.0.0.1:${String(port)}`,
    async requestCount() {
      const { requests } = await child.ask({ type: "stats" });
      return Number(requests);
    },
    close: () => child.close(),
  };
}

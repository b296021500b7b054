/**
 * The keep-alive agents of the Node transport: one per origin, shared by every client of the
 * process, so that no client has to be closed for its sockets to go. Idle sockets are unref'd
 * (they never keep a finished process alive) and close after 4 s, or after the server's
 * `Keep-Alive: timeout` hint minus 1 s, whichever is shorter (Node's agent reads the hint), so
 * a socket the server has already closed is never reused.
 */
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";

/** How long an idle socket is kept, at most, in ms. */
export const IDLE_SOCKET_MS = 4_000;

const agents = new Map<string, HttpAgent>();

/** The agent of `origin` (`http://host:port` or `https://host`), made on first use. */
export function agentFor(origin: string, secure: boolean): HttpAgent {
  let agent = agents.get(origin);
  if (agent === undefined) {
    const options = { keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: "lifo" as const };
    agent = secure ? new HttpsAgent(options) : new HttpAgent(options);
    agents.set(origin, agent);
  }
  return agent;
}

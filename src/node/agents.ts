/**
 * The keep-alive agents of the Node transport: one for `http:`, one for `https:`, shared by
 * every client of the process (each pools its sockets per origin), so that no client has to
 * be closed for its sockets to go. Idle sockets are unref'd (they never keep a finished
 * process alive) and close after 4 s, or after the server's `Keep-Alive: timeout` hint minus
 * 1 s, whichever is shorter (Node's agent reads the hint), so a socket the server has already
 * closed is never reused.
 */
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";

/** How long an idle socket is kept, at most, in ms. */
export const IDLE_SOCKET_MS = 4_000;

const options = { keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: "lifo" as const };
const httpAgent = new HttpAgent(options);
const httpsAgent = new HttpsAgent(options);

/** The agent for a request: `https:` or plain `http:`. */
export function agentFor(secure: boolean): HttpAgent {
  return secure ? httpsAgent : httpAgent;
}

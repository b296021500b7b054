/**
 * Listening to an `AbortSignal` on behalf of many requests with one listener: a deadline's
 * signal is shared by many attempts, and handing it to each `http.request` would add a listener
 * each (`MaxListenersExceededWarning` under load). No `setMaxListeners` is needed.
 */
const watchers = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `onAbort` when `signal` aborts; returns how to stop watching. */
export function watchAbort(signal: AbortSignal, onAbort: () => void): () => void {
  let callbacks = watchers.get(signal);
  if (callbacks === undefined) {
    const set = new Set<() => void>();
    signal.addEventListener(
      "abort",
      () => {
        for (const callback of [...set]) callback();
        set.clear();
      },
      { once: true },
    );
    watchers.set(signal, set);
    callbacks = set;
  }
  callbacks.add(onAbort);
  return () => {
    callbacks.delete(onAbort);
  };
}

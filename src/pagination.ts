import type { Credit, ListCreditsResponse } from "../generated/credits.js";
import type { PaginationOptions, RequestOptions } from "./options.js";
import type { ListCreditsParams } from "./validation.js";

/**
 * Fetches one page of credits. `followed` holds the tokens already followed: a page that
 * hands one back again is an {@link UnexpectedResponseError}, raised by the request loop.
 */
export type PageFetcher = (
  params: ListCreditsParams,
  options: RequestOptions,
  followed: ReadonlySet<string>,
) => Promise<ListCreditsResponse>;

/**
 * Walks the pages of a listing: follows `nextToken` until a page comes without one, with the
 * caller's filters on every page. Lazy (nothing is fetched before the first step), it stops
 * when the loop breaks, and holds one page at a time (two with `prefetch`).
 */
export async function* walkPages(
  fetchPage: PageFetcher,
  params: ListCreditsParams,
  { prefetch, ...options }: PaginationOptions,
): AsyncGenerator<ListCreditsResponse, void, undefined> {
  const followed = new Set<string>();
  const caller = options.signal;
  const cancel = new AbortController();
  const onAbort = (): void => {
    cancel.abort(caller?.reason);
  };
  if (prefetch) {
    options.signal = cancel.signal;
    caller?.addEventListener("abort", onAbort);
    if (caller?.aborted) onAbort();
  }
  const fetchFrom = (nextToken: string | undefined) => {
    if (nextToken !== undefined) followed.add(nextToken);
    const page = fetchPage(
      nextToken === undefined ? params : { ...params, nextToken },
      options,
      followed,
    );
    page.catch(() => undefined);
    return page;
  };
  try {
    let next = fetchFrom(params.nextToken);
    for (;;) {
      const page = await next;
      const token = page.nextToken;
      if (prefetch && token !== undefined) next = fetchFrom(token);
      yield page;
      if (token === undefined) return;
      if (!prefetch) next = fetchFrom(token);
    }
  } finally {
    cancel.abort(new DOMException("The listing was closed", "AbortError"));
    caller?.removeEventListener("abort", onAbort);
  }
}

/**
 * Every credit of every page, one at a time. Awaits only at page boundaries: within a page,
 * each step resolves at once (an async generator would queue every item).
 */
export function walkItems(
  pages: AsyncGenerator<ListCreditsResponse, void, undefined>,
): AsyncIterable<Credit> {
  let items: Credit[] = [];
  let index = 0;
  const iterator: AsyncIterator<Credit, undefined> = {
    next: async () => {
      for (;;) {
        const value = items[index++];
        if (value !== undefined) return { done: false, value };
        const step = await pages.next();
        if (step.done) return { done: true, value: undefined };
        items = step.value.data;
        index = 0;
      }
    },
    return: async () => {
      items = [];
      await pages.return();
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}

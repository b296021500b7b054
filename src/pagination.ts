import type { PaginationOptions, RequestOptions } from "./options.js";
import type { Pagination } from "./operation-table.js";

/** A page of a listing, as parsed from JSON. */
export type Page = Record<string, unknown>;

/**
 * Fetches one page. `followed` holds the cursors already followed: a page that hands one back
 * again is an {@link UnexpectedResponseError}, raised by the request loop.
 */
export type PageFetcher = (
  params: Record<string, unknown>,
  options: RequestOptions,
  followed: ReadonlySet<string>,
) => Promise<Page>;

/** What is wrong with a page (no items array, a bad or repeated cursor), or undefined. */
export function checkPage(
  page: unknown,
  { results, nextCursor }: Pagination,
  followed: ReadonlySet<string>,
): string | undefined {
  if (typeof page !== "object" || page === null || Array.isArray(page)) {
    return "the page is not a JSON object";
  }
  const cursor = (page as Page)[nextCursor];
  if (!Array.isArray((page as Page)[results])) return `the page has no \`${results}\` array`;
  if (cursor === undefined) return undefined;
  if (typeof cursor !== "string") return `the page's ${nextCursor} is not a string`;
  return followed.has(cursor)
    ? `the page's ${nextCursor} ${JSON.stringify(cursor.slice(0, 40))} was already followed`
    : undefined;
}

/**
 * Walks the pages of a listing: follows the next cursor until a page comes without one, with
 * the caller's filters on every page. Lazy (nothing is fetched before the first step), it
 * stops when the loop breaks, and holds one page at a time (two with `prefetch`).
 */
export async function* walkPages(
  fetchPage: PageFetcher,
  { cursorParam, nextCursor }: Pagination,
  params: Record<string, unknown>,
  { prefetch, ...options }: PaginationOptions,
): AsyncGenerator<Page, void, undefined> {
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
  const fetchFrom = (cursor: string | undefined) => {
    if (cursor !== undefined) followed.add(cursor);
    const page = fetchPage(
      cursor === undefined ? params : { ...params, [cursorParam]: cursor },
      options,
      followed,
    );
    page.catch(() => undefined);
    return page;
  };
  try {
    let next = fetchFrom(params[cursorParam] as string | undefined);
    for (;;) {
      const page = await next;
      const token = page[nextCursor] as string | undefined;
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
 * Every item of every page, one at a time. Awaits only at page boundaries: within a page,
 * each step resolves at once (an async generator would queue every item).
 */
export function walkItems(
  pages: AsyncGenerator<Page, void, undefined>,
  { results }: Pagination,
): AsyncIterable<unknown> {
  let items: unknown[] = [];
  let index = 0;
  const iterator: AsyncIterator<unknown, undefined> = {
    next: async () => {
      for (;;) {
        const value = items[index++];
        if (value !== undefined) return { done: false, value };
        const step = await pages.next();
        if (step.done) return { done: true, value: undefined };
        items = step.value[results] as unknown[];
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

import type { Credit, ListCreditsResponse } from "../generated/credits.js";
import { UnexpectedResponseError } from "./errors.js";
import type { PaginationOptions, RequestOptions } from "./options.js";
import type { Answer } from "./request.js";
import type { ListCreditsParams } from "./validation.js";

/** Fetches one page of credits. */
export type PageFetcher = (
  params: ListCreditsParams,
  options: RequestOptions,
) => Promise<Answer<ListCreditsResponse>>;

function repeatedToken(answer: Answer<ListCreditsResponse>, token: string) {
  return new UnexpectedResponseError({
    status: answer.response.status,
    body: answer.body,
    headers: answer.response.headers,
    method: "GET",
    path: "/credits",
    description: `the page's nextToken ${JSON.stringify(token.slice(0, 40))} was already followed`,
  });
}

/** Links a controller to the caller's signal, so that aborting either cancels a prefetch. */
function linkedController(signal: AbortSignal | undefined): {
  controller: AbortController;
  unlink: () => void;
} {
  const controller = new AbortController();
  const onAbort = (): void => {
    controller.abort(signal?.reason);
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  return { controller, unlink: () => signal?.removeEventListener("abort", onAbort) };
}

/**
 * Walks the pages of a listing: follows `nextToken` until a page comes without one, with the
 * caller's filters on every page. Lazy (nothing is fetched before the first step), it stops
 * when the loop breaks, and holds one page at a time (two with `prefetch`). A token handed
 * back twice raises {@link UnexpectedResponseError} rather than loop forever.
 */
export async function* walkPages(
  fetchPage: PageFetcher,
  params: ListCreditsParams,
  options: PaginationOptions,
): AsyncGenerator<ListCreditsResponse, void, undefined> {
  const { prefetch = false, ...requestOptions } = options;
  const followed = new Set<string>();
  if (params.nextToken !== undefined) followed.add(params.nextToken);

  if (!prefetch) {
    let token = params.nextToken;
    for (;;) {
      const answer = await fetchPage(withToken(params, token), requestOptions);
      token = nextTokenOf(answer, followed);
      yield answer.body;
      if (token === undefined) return;
    }
  }

  const { controller, unlink } = linkedController(requestOptions.signal);
  const pageOptions = { ...requestOptions, signal: controller.signal };
  const fetchAhead = (nextToken: string | undefined) => {
    const pending = fetchPage(withToken(params, nextToken), pageOptions);
    pending.catch(() => undefined);
    return pending;
  };
  try {
    let pending = fetchAhead(params.nextToken);
    for (;;) {
      const answer = await pending;
      const token = nextTokenOf(answer, followed);
      if (token !== undefined) pending = fetchAhead(token);
      yield answer.body;
      if (token === undefined) return;
    }
  } finally {
    controller.abort(new DOMException("The listing was closed", "AbortError"));
    unlink();
  }
}

function withToken(params: ListCreditsParams, nextToken: string | undefined): ListCreditsParams {
  if (nextToken === undefined) return params;
  return { ...params, nextToken };
}

function nextTokenOf(
  answer: Answer<ListCreditsResponse>,
  followed: Set<string>,
): string | undefined {
  const token = answer.body.nextToken;
  if (token === undefined) return undefined;
  if (followed.has(token)) throw repeatedToken(answer, token);
  followed.add(token);
  return token;
}

/** Every credit of every page, one at a time. */
export async function* walkItems(
  pages: AsyncIterable<ListCreditsResponse>,
): AsyncGenerator<Credit, void, undefined> {
  for await (const page of pages) yield* page.data;
}

/**
 * Makes the page Redocly built fully self-contained. `build-docs --inlineBundle` (2.77) inlines
 * the Redoc script, but the bundle still names a few CDN resources: the Redocly logo of the
 * sidebar's "API docs by" attribution, which it loads as the page opens, and the base URLs of
 * icon packs it would load for named icons. Each is replaced by an inline `data:` URL, so
 * nothing is fetched. scripts/docs/check-offline.ts then fails the build on anything left.
 */

/** An SVG as a `data:` URL. */
function svgDataUrl(svg: string): string {
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

const SYSTEM_FONT = "system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif";

/** The "Redoc" wordmark in place of the CDN's logo: the attribution stays, offline. */
const REDOC_WORDMARK = svgDataUrl(
  `<svg xmlns="http://www.w3.org/2000/svg" width="44" height="14" viewBox="0 0 44 14">` +
    `<text x="0" y="11" font-family="${SYSTEM_FONT}" font-size="12" font-weight="700" fill="#6e6f7a">Redoc</text>` +
    `</svg>`,
);

/** A small "R" mark in place of the CDN's mini logo (shown when the sidebar is collapsed). */
const REDOC_MARK = svgDataUrl(
  `<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14" viewBox="0 0 14 14">` +
    `<text x="2" y="11" font-family="${SYSTEM_FONT}" font-size="12" font-weight="700" fill="#6e6f7a">R</text>` +
    `</svg>`,
);

/** What the bundle names on a CDN, and the inline value each is replaced with. */
const REPLACEMENTS: readonly { find: RegExp; replaceWith: string; what: string }[] = [
  {
    what: "the sidebar's Redocly logo",
    find: /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini-full\.svg/gu,
    replaceWith: REDOC_WORDMARK,
  },
  {
    what: "the collapsed sidebar's Redocly logo",
    find: /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg/gu,
    replaceWith: REDOC_MARK,
  },
  {
    // Named icons (unused by this page) would be loaded from `<base>/<style>/<name>.svg`.
    what: "the base URLs of the icon packs",
    find: /https:\/\/cdn\.redocly\.com\/icons\/[a-z-]+\/[\d.]+/gu,
    replaceWith: "data:,",
  },
];

/** The page with every known CDN reference replaced by an inline `data:` URL. */
export function makeSelfContained(html: string): string {
  return REPLACEMENTS.reduce(
    (page, { find, replaceWith }) => page.replace(find, () => replaceWith),
    html,
  );
}

/** What {@link makeSelfContained} replaces, for the build's log. */
export const REPLACED = REPLACEMENTS.map(({ what }) => what);

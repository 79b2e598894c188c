import fs from 'node:fs/promises';
import path from 'node:path';

/** `route-preloads.json` of the web build (scripts/vite/route-preloads.ts): built files per client path. */
interface RoutePreloads {
  routes?: Record<string, { scripts?: unknown; large?: unknown; styles?: unknown }>;
}

const HREF = /^\/assets\/[\w.-]+\.(?:js|css)$/;

/** The hrefs of a list from the file, only plain asset paths (the file is ours, but it is read from disk). */
function hrefs(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((h): h is string => typeof h === 'string' && HREF.test(h)) : [];
}

/**
 * The single-page application's `index.html` for a client path: for paths named in the build's
 * `route-preloads.json` (the atlas pages) with `<link rel="modulepreload">` for the page's
 * chunks, `<link rel="preload" as="script">` for its large ones (fetched, compiled when
 * imported) and `<link rel="preload" as="style">` for its style sheets, so that the browser
 * loads them beside the entry chunk. Read on every request (a rebuilt UI is served at once).
 */
export async function pageHtml(webDir: string, pathname: string): Promise<string> {
  const html = await fs.readFile(path.join(webDir, 'index.html'), 'utf8');
  const normalised = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  let preloads: RoutePreloads;
  try {
    preloads = JSON.parse(await fs.readFile(path.join(webDir, 'route-preloads.json'), 'utf8')) as RoutePreloads;
  } catch {
    return html;
  }
  const route = preloads.routes && Object.hasOwn(preloads.routes, normalised) ? preloads.routes[normalised] : undefined;
  if (!route) return html;
  const links = [
    ...hrefs(route.scripts).map((href) => `<link rel="modulepreload" crossorigin href="${href}">`),
    // Fetched ahead, compiled only when the page imports it (MapLibre).
    ...hrefs(route.large).map((href) => `<link rel="preload" as="script" crossorigin href="${href}">`),
    ...hrefs(route.styles).map((href) => `<link rel="preload" as="style" crossorigin href="${href}">`),
  ];
  if (links.length === 0 || !html.includes('</head>')) return html;
  return html.replace('</head>', `    ${links.join('\n    ')}\n  </head>`);
}

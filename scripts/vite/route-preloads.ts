/**
 * Vite plugin: writes `route-preloads.json` into the build, naming for some client routes the
 * JavaScript chunks (with their static imports) and style sheets their page loads on demand.
 * The server adds them as `<link rel="modulepreload">` / `<link rel="preload" as="style">` to
 * the page it serves for that path, so that the browser fetches and compiles the page's code
 * while the entry chunk runs instead of one after the other (ADR 0018).
 */
import type { Plugin } from 'vite';

/**
 * What a route needs, in load order (the route's module first): `scripts` to fetch and compile
 * (`modulepreload`), `large` scripts only to fetch (`preload`; compiling MapLibre's 1 MB on the
 * main thread before the entry chunk runs would delay the page's own start), style sheets.
 */
export interface RoutePreloads {
  routes: Record<string, { scripts: string[]; large: string[]; styles: string[] }>;
}

/** From this size (bytes of the built chunk) a script is fetched ahead but not compiled ahead. */
const LARGE = 100 * 1024;

interface ChunkInfo {
  type: 'chunk';
  fileName: string;
  code: string;
  facadeModuleId: string | null;
  isEntry: boolean;
  imports: string[];
  viteMetadata?: { importedCss: Set<string> };
}

/**
 * `routes` maps a client path (exact, without query) to source modules below the web root
 * (e.g. `pages/atlas/AtlasPage.tsx`), each of them the start of a lazily loaded chunk.
 */
export function routePreloads(routes: Record<string, readonly string[]>): Plugin {
  return {
    name: 'planwerk-route-preloads',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((item): item is typeof item & ChunkInfo => item.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      // What index.html loads anyway (the entry chunk and its static imports) is not repeated.
      const initial = new Set<string>();
      const mark = (chunk: ChunkInfo) => {
        if (initial.has(chunk.fileName)) return;
        initial.add(chunk.fileName);
        for (const imported of chunk.imports) {
          const next = byFile.get(imported);
          if (next) mark(next);
        }
      };
      for (const chunk of chunks) if (chunk.isEntry) mark(chunk);
      const result: RoutePreloads = { routes: {} };
      for (const [route, modules] of Object.entries(routes)) {
        const scripts: string[] = [];
        const large: string[] = [];
        const styles: string[] = [];
        const visit = (chunk: ChunkInfo) => {
          const href = `/${chunk.fileName}`;
          if (scripts.includes(href) || large.includes(href) || initial.has(chunk.fileName)) return;
          (Buffer.byteLength(chunk.code) >= LARGE ? large : scripts).push(href);
          for (const css of chunk.viteMetadata?.importedCss ?? []) if (!styles.includes(`/${css}`)) styles.push(`/${css}`);
          for (const imported of chunk.imports) {
            const next = byFile.get(imported);
            if (next) visit(next);
          }
        };
        for (const module of modules) {
          const chunk = chunks.find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(`/src/web/${module}`));
          if (!chunk) this.error(`route-preloads: no chunk starts with src/web/${module} (route ${route})`);
          visit(chunk);
        }
        result.routes[route] = { scripts, large, styles };
      }
      this.emitFile({ type: 'asset', fileName: 'route-preloads.json', source: `${JSON.stringify(result, null, 2)}\n` });
    },
  };
}

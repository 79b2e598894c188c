import { featureKey } from './data.ts';
import { HATCH_COLOUR, MISSING_COLOUR } from './palette.ts';
import type { RegionCollection } from './types.ts';

/** One legend entry of an exported map: a colour (null = no value, hatched grey) and its text. */
export interface ExportLegendEntry {
  colour: string | null;
  label: string;
}

/** What an exported map shows besides the regions. */
export interface MapExportTexts {
  title: string;
  /** Legend heading, e.g. „Legende (Einheit: %)“. */
  legendTitle: string;
  legend: readonly ExportLegendEntry[];
  /** Lines under the legend: sources, attribution, Gebietsstand (each wrapped to the width). */
  notes: readonly string[];
}

/** Width of the exported SVG in px; the height follows the regions' shape. */
export const SVG_WIDTH = 800;
const PADDING = 16;
const TITLE_HEIGHT = 40;
const LEGEND_ROW = 22;
const NOTE_ROW = 18;

/** Web Mercator of a WGS84 position, in radians-based units (y grows northwards). */
export function mercator(lon: number, lat: number): [number, number] {
  const clamped = Math.max(-85.05112878, Math.min(85.05112878, lat));
  return [(lon * Math.PI) / 180, Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360))];
}

/** Escapes text for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Splits a text into lines of at most about `max` characters at spaces. */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

type Ring = [number, number][];

function polygonsOf(geometry: { type: string; coordinates: unknown } | null): Ring[][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates as Ring[]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Ring[][];
  return [];
}

/**
 * The map as a standalone SVG: one `<path>` per region (Web Mercator, fitted to the width, holes by
 * even-odd filling) in its class colour or hatched grey when `colourOf` gives null, then the title,
 * the legend and the notes (sources, attribution) as text.
 */
export function buildMapSvg(
  regions: RegionCollection,
  colourOf: (region: string) => string | null,
  texts: MapExportTexts,
  names: (region: string) => string = (r) => r,
): string {
  const projected = regions.features.map((f) => ({
    key: featureKey(f),
    polygons: polygonsOf(f.geometry).map((rings) => rings.map((ring) => ring.map(([lon, lat]) => mercator(lon, lat)))),
  }));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of projected)
    for (const p of r.polygons)
      for (const ring of p)
        for (const [x, y] of ring) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
  const inner = SVG_WIDTH - 2 * PADDING;
  const spanX = maxX - minX || 1;
  const spanY = maxY - minY || 1;
  const scale = Number.isFinite(minX) ? Math.min(inner / spanX, (inner * 1.25) / spanY) : 1;
  const mapHeight = Number.isFinite(minX) ? Math.ceil(spanY * scale) : 0;
  const offsetX = PADDING + (inner - spanX * scale) / 2;
  const top = PADDING + TITLE_HEIGHT;
  const px = (x: number) => (offsetX + (x - minX) * scale).toFixed(2);
  const py = (y: number) => (top + (maxY - y) * scale).toFixed(2);

  const paths = projected.map((r) => {
    const d = r.polygons
      .flatMap((rings) => rings.map((ring) => `M${ring.map(([x, y]) => `${px(x)} ${py(y)}`).join('L')}Z`))
      .join('');
    const colour = colourOf(r.key);
    const fill = colour ?? 'url(#planwerk-schraffur)';
    return `<path data-region="${xmlEscape(r.key)}" d="${d}" fill="${fill}" fill-rule="evenodd" stroke="#ffffff" stroke-width="0.75"><title>${xmlEscape(names(r.key))}</title></path>`;
  });

  const out: string[] = [];
  let y = top + mapHeight + 28;
  out.push(`<text x="${PADDING}" y="${y}" font-size="15" font-weight="bold">${xmlEscape(texts.legendTitle)}</text>`);
  y += 10;
  for (const entry of texts.legend) {
    const fill = entry.colour ?? 'url(#planwerk-schraffur)';
    out.push(`<rect x="${PADDING}" y="${y}" width="16" height="16" fill="${fill}" stroke="#6e6e6e" stroke-width="0.5"/>`);
    out.push(`<text x="${PADDING + 24}" y="${y + 13}" font-size="13">${xmlEscape(entry.label)}</text>`);
    y += LEGEND_ROW;
  }
  y += 10;
  const chars = Math.floor((SVG_WIDTH - 2 * PADDING) / 6.5);
  for (const note of texts.notes) {
    for (const line of wrapText(note, chars)) {
      y += NOTE_ROW;
      out.push(`<text x="${PADDING}" y="${y}" font-size="12">${xmlEscape(line)}</text>`);
    }
  }
  const height = Math.ceil(y + PADDING);

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SVG_WIDTH}" height="${height}" viewBox="0 0 ${SVG_WIDTH} ${height}" font-family="Arial, Helvetica, sans-serif" role="img" aria-label="${xmlEscape(texts.title)}">`,
    `<title>${xmlEscape(texts.title)}</title>`,
    `<defs><pattern id="planwerk-schraffur" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${MISSING_COLOUR}"/><path d="M-2 2L2 -2M0 8L8 0M6 10L10 6" stroke="${HATCH_COLOUR}" stroke-width="1.5"/></pattern></defs>`,
    `<rect width="${SVG_WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${PADDING}" y="${PADDING + 20}" font-size="18" font-weight="bold">${xmlEscape(texts.title)}</text>`,
    `<g class="regionen">${paths.join('')}</g>`,
    ...out,
    '</svg>',
  ].join('\n');
}

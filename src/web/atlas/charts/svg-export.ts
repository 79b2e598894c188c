/** One entry of the legend written into an exported chart. */
export interface ExportLegendItem {
  label: string;
  colour: string;
  /** Drawn as a dashed line (the parent's series). */
  dashed?: boolean;
}

/** What an exported chart consists of besides the chart itself. */
export interface ExportParts {
  /** The chart as a standalone `<svg …>…</svg>` element with inline styles. */
  chart: string;
  /** Size of the chart in CSS pixels. */
  width: number;
  height: number;
  title: string;
  /** E.g. period, level and Gebietsstand. */
  subtitle?: string;
  legend?: readonly ExportLegendItem[];
  /** Source and attribution text, always printed under the chart. */
  source: string;
}

const PAD = 16;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Breaks a text into lines of at most `max` characters at spaces (a longer word gets a line of its own). */
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

/**
 * A self-contained SVG document of a chart for download: white background, `<title>`, the
 * title (and subtitle) on top, an optional legend, the chart, and the source and attribution
 * text under it. Sizes in CSS pixels; returns the document and its size.
 */
export function composeExportSvg(parts: ExportParts): { svg: string; width: number; height: number } {
  const width = Math.max(Math.ceil(parts.width) + 2 * PAD, 320);
  const perLine = Math.max(30, Math.floor((width - 2 * PAD) / 6.2));
  const out: string[] = [];
  let y = PAD;
  const text = (content: string, size: number, weight = 'normal') => {
    y += Math.round(size * 1.35);
    out.push(
      `<text x="${PAD}" y="${y}" font-family="${escapeXml(FONT)}" font-size="${size}" font-weight="${weight}" fill="#1a1a1a">${escapeXml(content)}</text>`,
    );
  };
  for (const line of wrapText(parts.title, Math.floor(perLine * 0.75))) text(line, 16, 'bold');
  if (parts.subtitle) for (const line of wrapText(parts.subtitle, perLine)) text(line, 12);
  y += 8;
  for (const item of parts.legend ?? []) {
    y += 18;
    const dash = item.dashed ? ' stroke-dasharray="6 3"' : '';
    out.push(
      `<line x1="${PAD}" x2="${PAD + 24}" y1="${y - 4}" y2="${y - 4}" stroke="${escapeXml(item.colour)}" stroke-width="2.5"${dash}/>`,
      `<text x="${PAD + 32}" y="${y}" font-family="${escapeXml(FONT)}" font-size="12" fill="#1a1a1a">${escapeXml(item.label)}</text>`,
    );
  }
  if (parts.legend?.length) y += 8;
  out.push(`<g transform="translate(${PAD},${y})">${parts.chart}</g>`);
  y += Math.ceil(parts.height) + 4;
  for (const line of wrapText(parts.source, perLine)) text(line, 11);
  const height = y + PAD;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(parts.title)}">` +
    `<title>${escapeXml(parts.title)}</title>` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    out.join('') +
    `</svg>`;
  return { svg, width, height };
}

/** A file name from a chart's parts: letters, digits, `_` and `-` only. */
export function exportFileName(parts: readonly string[], extension: 'svg' | 'png'): string {
  const base = parts
    .map((p) => p.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, ''))
    .filter(Boolean)
    .join('_');
  return `${base || 'diagramm'}.${extension}`;
}

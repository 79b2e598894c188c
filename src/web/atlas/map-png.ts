import { HATCH_COLOUR, MISSING_COLOUR } from './palette.ts';
import type { MapExportTexts } from './map-svg.ts';

/** Height in CSS px of the title band above the map in the exported PNG. */
export const PNG_HEADER_HEIGHT = 48;
const PADDING = 12;
const LEGEND_ROW = 22;
const NOTE_ROW = 18;

/** Lines of `text` that fit into `width` px with the context's current font. */
function wrap(context: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && context.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The map picture as PNG: the title band (PNG_HEADER_HEIGHT CSS px), the map canvas copied pixel
 * for pixel (same width, device pixels), then the legend and the notes (sources, attribution) on
 * white. `scale` is device pixels per CSS px of the map canvas.
 */
export async function composeMapPng(map: HTMLCanvasElement, scale: number, texts: MapExportTexts): Promise<Blob> {
  const width = map.width;
  const cssWidth = width / scale;
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = '12px Arial, Helvetica, sans-serif';
  const noteLines = texts.notes.flatMap((n) => wrap(measure, n, cssWidth - 2 * PADDING));
  const footer = PADDING + 24 + texts.legend.length * LEGEND_ROW + 8 + noteLines.length * NOTE_ROW + PADDING;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = map.height + Math.round((PNG_HEADER_HEIGHT + footer) * scale);
  const c = canvas.getContext('2d')!;
  c.fillStyle = '#ffffff';
  c.fillRect(0, 0, canvas.width, canvas.height);
  c.drawImage(map, 0, Math.round(PNG_HEADER_HEIGHT * scale));

  c.save();
  c.scale(scale, scale);
  c.fillStyle = '#1b1f24';
  c.textBaseline = 'alphabetic';
  c.font = 'bold 16px Arial, Helvetica, sans-serif';
  const title = wrap(c, texts.title, cssWidth - 2 * PADDING);
  c.fillText(title.length > 1 ? `${title[0]!} …` : (title[0] ?? ''), PADDING, 30);

  let y = PNG_HEADER_HEIGHT + map.height / scale + PADDING + 14;
  c.font = 'bold 14px Arial, Helvetica, sans-serif';
  c.fillText(texts.legendTitle, PADDING, y);
  y += 10;
  c.font = '13px Arial, Helvetica, sans-serif';
  for (const entry of texts.legend) {
    if (entry.colour) {
      c.fillStyle = entry.colour;
      c.fillRect(PADDING, y, 16, 16);
    } else {
      c.fillStyle = MISSING_COLOUR;
      c.fillRect(PADDING, y, 16, 16);
      c.strokeStyle = HATCH_COLOUR;
      // Diagonal hatching like the map's pattern for regions without a value.
      c.beginPath();
      for (let d = 4; d < 32; d += 6) {
        const x0 = PADDING + Math.max(0, d - 16);
        const y0 = y + Math.min(16, d);
        const x1 = PADDING + Math.min(16, d);
        const y1 = y + Math.max(0, d - 16);
        c.moveTo(x0, y0);
        c.lineTo(x1, y1);
      }
      c.stroke();
    }
    c.strokeStyle = '#6e6e6e';
    c.lineWidth = 0.5;
    c.strokeRect(PADDING, y, 16, 16);
    c.lineWidth = 1;
    c.fillStyle = '#1b1f24';
    c.fillText(entry.label, PADDING + 24, y + 13);
    y += LEGEND_ROW;
  }
  y += 8;
  c.font = '12px Arial, Helvetica, sans-serif';
  for (const line of noteLines) {
    y += NOTE_ROW;
    c.fillText(line, PADDING, y - 4);
  }
  c.restore();

  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG konnte nicht erzeugt werden.'))), 'image/png'),
  );
}

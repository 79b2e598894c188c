import fs from 'node:fs';
import path from 'node:path';

/** File formats Planwerk imports, as recognised from name and content. */
export type ImportFormat = 'genesis' | 'genesis-flat' | 'zensus-grid' | 'csv' | 'xlsx' | 'shapefile' | 'geopackage' | 'geojson';

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * Recognises the format of a file from its first bytes (and, for zip files, the names of
 * the entries), not from the extension alone: GENESIS tables start with `GENESIS-Tabelle`
 * or carry the flat-format header, Zensus grids a `GITTER_ID`/`Gitter_ID` column or the
 * centre columns `x_mp_…`/`y_mp_…`.
 * Returns undefined for anything else.
 */
export async function detectFormat(file: string, originalName = path.basename(file)): Promise<ImportFormat | undefined> {
  const handle = await fs.promises.open(file, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const ext = path.extname(originalName).toLowerCase();
  if (head.subarray(0, 16).toString('latin1') === SQLITE_MAGIC) return 'geopackage';
  if (head[0] === 0x50 && head[1] === 0x4b) {
    // Zip: an Office workbook or a zipped shapefile.
    const text = head.toString('latin1');
    if (text.includes('[Content_Types].xml') || text.includes('xl/') || ext === '.xlsx') return 'xlsx';
    return 'shapefile';
  }
  if (ext === '.shp' || ext === '.dbf') return 'shapefile';
  // Text: strip a UTF-8 byte-order mark; latin1 keeps every byte readable for sniffing.
  const text = (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head)
    .toString('latin1')
    .trimStart();
  if (text.startsWith('{') || text.startsWith('['))
    return text.includes('"FeatureCollection"') || text.includes('"Feature"') || ext === '.geojson' ? 'geojson' : undefined;
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Regionalstatistik writes `GENESIS-Tabelle: <code>`, the Zensus database `Tabelle: <code>`.
  if (/^"?(GENESIS-)?Tabelle:/i.test(firstLine)) return 'genesis';
  if (/(^|;)"?statistics_code"?;/.test(firstLine)) return 'genesis-flat';
  if (
    /gitter_id/i.test(firstLine) ||
    (/(^|;)"?x_mp_\d+k?m"?(;|$)/i.test(firstLine) && /(^|;)"?y_mp_\d+k?m"?(;|$)/i.test(firstLine))
  )
    return 'zensus-grid';
  if (['.csv', '.txt', '.tsv'].includes(ext) || firstLine.includes(';') || firstLine.includes(',')) return 'csv';
  return undefined;
}

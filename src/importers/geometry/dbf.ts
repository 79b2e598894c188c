import iconv from 'iconv-lite';

/** A DBF column as declared in the header. */
export interface DbfField {
  name: string;
  type: string;
  length: number;
  decimals: number;
}

/** Parsed DBF: `records[i]` belongs to shape record i; null marks a deleted record. */
export interface DbfTable {
  fields: DbfField[];
  records: (Record<string, unknown> | null)[];
  /** Language driver id from header byte 29 (0 when not set). */
  languageDriver: number;
}

/**
 * iconv-lite encoding for the content of a .cpg file (`UTF-8`, `65001`, `1252`, `ANSI 1252`,
 * `ISO-8859-1`, `88591`, `CP850`, …), or null when unknown. ISO-8859-1 is decoded as
 * Windows-1252, as browsers do: the two differ only in 0x80–0x9F, which are control
 * characters in ISO-8859-1 but „ – € in files that claim ISO-8859-1 and come from Windows.
 */
export function encodingFromCpg(text: string): string | null {
  const label = text
    .replace(/^\uFEFF/, '')
    .trim()
    .toUpperCase();
  const compact = label.replace(/[\s_-]/g, '');
  if (['UTF8', '65001'].includes(compact)) return 'utf8';
  if (/^(ANSI)?(CP|WINDOWS)?1252$/.test(compact) || compact === 'ANSI') return 'win1252';
  if (/^(ISO)?8859\.?1$|^LATIN1$|^28591$/.test(compact)) return 'win1252';
  if (/^(ISO)?8859\.?15$|^LATIN9$|^28605$/.test(compact)) return 'iso885915';
  const windows = /^(?:ANSI|CP|WINDOWS)?(125[0-8])$/.exec(compact);
  if (windows) return `win${windows[1]}`;
  const oem = /^(?:OEM|CP|IBM)?(437|850|852|866)$/.exec(compact);
  if (oem) return `cp${oem[1]}`;
  return label && iconv.encodingExists(label) ? label : null;
}

/** iconv-lite encoding for a DBF language driver id (header byte 29), or null when unset/unknown. */
export function encodingFromLanguageDriver(id: number): string | null {
  const map: Record<number, string> = {
    0x01: 'cp437',
    0x02: 'cp850',
    0x03: 'win1252',
    0x57: 'win1252',
    0x58: 'win1252',
    0x64: 'cp852',
    0xc8: 'win1250',
  };
  return map[id] ?? null;
}

/** True when the records of a DBF are valid UTF-8 and contain at least one multi-byte sequence (a hint that a DBF without .cpg is UTF-8). */
export function dbfLooksLikeUtf8(dbf: Uint8Array): boolean {
  const bytes =
    dbf.length >= 12 ? dbf.subarray(new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength).getUint16(8, true)) : dbf;
  let multi = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    const extra = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (extra < 0) return false;
    for (let k = 1; k <= extra; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return false;
    i += extra;
    multi = true;
  }
  return multi;
}

/**
 * Reads a dBASE III/IV table as written next to shapefiles. Text (C) is decoded with
 * iconv-lite in `encoding` and trimmed (empty → null); N/F become numbers (empty or
 * `*****` → null); L becomes a boolean; D becomes an ISO date string `YYYY-MM-DD`; I/O are
 * binary integers/doubles. Throws an Error with an English reason when the header is broken.
 */
export function readDbf(bytes: Uint8Array, encoding: string): DbfTable {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 33) throw new Error('DBF header too short');
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const fields: DbfField[] = [];
  for (let offset = 32; offset + 32 <= headerLength && bytes[offset] !== 0x0d; offset += 32) {
    let end = offset;
    while (end < offset + 11 && bytes[end] !== 0) end++;
    fields.push({
      name: iconv.decode(Buffer.from(bytes.subarray(offset, end)), encoding).trim(),
      type: String.fromCharCode(bytes[offset + 11]!).toUpperCase(),
      length: bytes[offset + 16]!,
      decimals: bytes[offset + 17]!,
    });
  }
  const records: DbfTable['records'] = [];
  for (let r = 0; r < count; r++) {
    const start = headerLength + r * recordLength;
    if (start + recordLength > bytes.length || bytes[start] === 0x1a) break;
    if (bytes[start] === 0x2a) {
      records.push(null);
      continue;
    }
    const record: Record<string, unknown> = {};
    let pos = start + 1;
    for (const field of fields) {
      record[field.name] = decodeValue(bytes.subarray(pos, pos + field.length), field, encoding, view, pos);
      pos += field.length;
    }
    records.push(record);
  }
  return { fields, records, languageDriver: bytes[29] ?? 0 };
}

function decodeValue(raw: Uint8Array, field: DbfField, encoding: string, view: DataView, offset: number): unknown {
  switch (field.type) {
    case 'C': {
      const text = iconv.decode(Buffer.from(raw), encoding).replace(/\0+$/, '').trim();
      return text === '' ? null : text;
    }
    case 'N':
    case 'F': {
      const text = ascii(raw).trim();
      if (text === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return null;
      return Number(text);
    }
    case 'L': {
      const c = ascii(raw).trim().toUpperCase();
      return c === 'Y' || c === 'T' ? true : c === 'N' || c === 'F' ? false : null;
    }
    case 'D': {
      const text = ascii(raw).trim();
      return /^\d{8}$/.test(text) && text !== '00000000' ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : null;
    }
    case 'I':
      return raw.length === 4 ? view.getInt32(offset, true) : null;
    case 'O':
      return raw.length === 8 ? view.getFloat64(offset, true) : null;
    default: {
      const text = iconv.decode(Buffer.from(raw), encoding).trim();
      return text === '' ? null : text;
    }
  }
}

function ascii(raw: Uint8Array): string {
  return String.fromCharCode(...raw);
}

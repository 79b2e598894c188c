/**
 * CSV for spreadsheets (semicolon, decimal comma, UTF-8 with BOM, CRLF), safe against
 * formula injection: a text cell that starts with `=`, `+`, `-`, `@`, tab or carriage return
 * is prefixed with an apostrophe so that Excel and LibreOffice show it as text.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Joins rows into a CSV document with BOM and CRLF line ends. */
export function csvDocument(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

/**
 * Reads the rows of one XLSX worksheet with exceljs as plain cells (text, number or empty).
 */
import ExcelJS from 'exceljs';
import { ImportError } from '../../domain/observations/import-error.ts';
import { isoDateOf } from '../../domain/observations/period.ts';
import { detectHeader, type SheetCell } from '../../domain/observations/table-inspection.ts';

/** One sheet row: `cells` with merged-away cells empty, `filled` with them carrying the merged value. */
export interface SheetRow {
  /** 1-based row number in the sheet. */
  line: number;
  cells: SheetCell[];
  filled: SheetCell[];
}

/** The rows of one sheet plus the names of all sheets. */
export interface SheetData {
  sheet: string;
  sheets: { name: string; rowCount: number }[];
  rows: SheetRow[];
}

const SUPERSCRIPT: Record<string, string> = { '1': '¹', '2': '²', '3': '³' };

type RichTextRun = { text: string; font?: { vertAlign?: string } };

/** Rich text as plain text: superscript `2`/`3` become `²`/`³`, superscript footnote markers (`2)`) are dropped. */
function richText(runs: readonly RichTextRun[]): string {
  return runs
    .map((run) => {
      if (run.font?.vertAlign !== 'superscript') return run.text;
      const t = run.text.trim();
      if (t in SUPERSCRIPT) return SUPERSCRIPT[t];
      return '';
    })
    .join('');
}

/**
 * A cell value as {@link SheetCell}: numbers rounded to Excel's 15 significant digits
 * (`16202.390000000001` → `16202.39`), dates as ISO dates, formulas as their result, rich text
 * and hyperlinks as their text, errors as empty.
 */
export function sheetCell(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number(value.toPrecision(15));
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'WAHR' : 'FALSCH';
  if (value instanceof Date) return isoDateOf(value);
  if (typeof value === 'object') {
    if ('richText' in value) return richText(value.richText as RichTextRun[]);
    if ('formula' in value || 'sharedFormula' in value)
      return sheetCell((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value)
      return typeof value.text === 'string' ? value.text : richText((value.text as { richText: RichTextRun[] }).richText ?? []);
    if ('error' in value) return null;
  }
  return null;
}

function worksheetRows(worksheet: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  const count = worksheet.rowCount;
  const width = worksheet.columnCount;
  for (let r = 1; r <= count; r++) {
    const row = worksheet.getRow(r);
    const cells: SheetCell[] = [];
    const filled: SheetCell[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      const value = sheetCell(cell.value);
      const mergedAway = cell.isMerged && cell.master !== cell;
      cells.push(mergedAway ? null : value);
      filled.push(value);
    }
    while (cells.length > 0 && cells[cells.length - 1] === null && filled[filled.length - 1] === null) {
      cells.pop();
      filled.pop();
    }
    rows.push({ line: r, cells, filled });
  }
  return rows;
}

/**
 * Reads one sheet: the named one, else the first sheet that holds a table (a header followed by
 * data rows), else the first sheet. Throws an {@link ImportError} for an unknown sheet name or a
 * file that is not an XLSX workbook.
 */
export async function readXlsxSheet(filePath: string, fileName: string, sheetName?: string): Promise<SheetData> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(filePath);
  } catch (error) {
    throw new ImportError(fileName, null, null, `Die Datei ist keine lesbare XLSX-Arbeitsmappe (${(error as Error).message}).`);
  }
  const worksheets = workbook.worksheets;
  const sheets = worksheets.map((w) => ({ name: w.name, rowCount: w.rowCount }));
  let worksheet: ExcelJS.Worksheet | undefined;
  if (sheetName !== undefined) {
    worksheet = worksheets.find((w) => w.name === sheetName);
    if (!worksheet) {
      throw new ImportError(
        fileName,
        null,
        null,
        `Das Tabellenblatt „${sheetName}“ gibt es nicht (vorhanden: ${sheets.map((s) => s.name).join(', ')}).`,
      );
    }
    return { sheet: worksheet.name, sheets, rows: worksheetRows(worksheet) };
  }
  for (const candidate of worksheets) {
    const rows = worksheetRows(candidate);
    const header = detectHeader(rows.slice(0, 50).map((r) => r.filled));
    if (header.headerRow > 0 && rows.length > header.dataStartRow) return { sheet: candidate.name, sheets, rows };
  }
  const first = worksheets[0];
  if (!first) throw new ImportError(fileName, null, null, 'Die Arbeitsmappe enthält kein Tabellenblatt.');
  return { sheet: first.name, sheets, rows: worksheetRows(first) };
}

import type { CsvTexts } from './csv.ts';
import type { AtlasValues } from './types.ts';
import { hasValue } from './types.ts';

const unique = (values: string[]) => values.filter((v, i, all) => v !== '' && all.indexOf(v) === i);

/** The MIME type of an XLSX workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The table of a map as an XLSX workbook (exceljs, loaded only when called): three header rows
 * (indicator, period, Gebietsstand), an empty row, the column header, one row per region with the
 * value and class as numbers, an empty row, then source, licence and attribution rows.
 */
export async function valuesXlsx(values: AtlasValues, texts: CsvTexts & { sheet: string }): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Planwerk';
  const sheet = workbook.addWorksheet(texts.sheet.slice(0, 31));
  sheet.addRow([texts.indicator, values.label]);
  sheet.addRow([texts.period, values.period]);
  sheet.addRow([texts.territoryDate, values.territoryDate]);
  sheet.addRow([]);
  const header = sheet.addRow([...texts.header]);
  header.font = { bold: true };
  for (const row of values.rows) {
    const note =
      row.flag === 'suppressed' ? texts.suppressed : (row.missing ?? (row.flag === 'missing' ? texts.missing : (row.flag ?? '')));
    sheet.addRow([
      row.region,
      row.name ?? '',
      hasValue(row) ? row.value : null,
      values.unit,
      row.class !== undefined && row.class !== null ? row.class + 1 : null,
      note,
    ]);
  }
  sheet.addRow([]);
  sheet.addRow([texts.source, unique(values.sources.map((s) => s.source)).join('; ')]);
  sheet.addRow([texts.licence, unique(values.sources.map((s) => s.licence)).join('; ')]);
  sheet.addRow([texts.attribution, unique(values.sources.map((s) => s.attribution)).join('; ')]);
  sheet.getColumn(1).width = 18;
  sheet.getColumn(2).width = 36;
  sheet.getColumn(3).width = 14;
  sheet.getColumn(6).width = 30;
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: XLSX_TYPE });
}

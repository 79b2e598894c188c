/**
 * Reads any table (CSV or spreadsheet rows) through a user-confirmed column mapping: a key
 * column (or key parts such as the Gemeindeverzeichnis `land, rb, kreis, gemeinde`), a period
 * column or a fixed period, and value columns – or, in long format, one column naming the
 * variable and one holding the value.
 *
 * * Rows without a key are skipped and reported (subtotal lines such as `Insgesamt`); so are rows
 *   whose key cell holds text while all value cells are empty (footnotes, section titles). A key
 *   cell with text next to values stops the import.
 * * Keys that lost their leading zero in a spreadsheet (`1001`) are repaired (`01001`) and reported.
 * * 12-digit ARS keys become natural keys by `mapping.arsLevel`, by default by their trailing
 *   zeros (`region-keys.ts`; set `arsLevel: 'gemeinde'` for a Gemeinde table, so that kreisfreie
 *   Städte like `160510000000` become AGS `16051000`).
 * * Empty value cells produce no observation (reported); special values become flags; text
 *   numbers are read by {@link parseGermanNumber} with the column's decimal mark, detected from the
 *   first 1,000 rows unless the mapping fixes it.
 */
import { ImportError } from './import-error.ts';
import {
  SPECIAL_VALUE_FLAGS,
  detectDecimalMark,
  notANumberReason,
  parseGermanNumber,
  quoteCell,
  specialValueOf,
  type DecimalMark,
} from './german-number.ts';
import type { KeyLevel, ObservationFlag, ParsedObservation, ParsedRegion, VariableDefinition } from './observation.ts';
import type { RowInterpreter, TableFormat, TableMeta, TableSummary } from './parsed-table.ts';
import { normalizePeriod } from './period.ts';
import { ArsResolver, isRegionKey, keyFromParts, repairRegionKey } from './region-keys.ts';
import { cellText, detectHeader, headerNames, type SheetCell } from './table-inspection.ts';
import { isAdditive } from './variable-naming.ts';

/** One value column (wide format) or one value of the variable column (long format). */
export interface VariableMapping {
  /** Column name (wide) or the text in the variable column (long). */
  column: string;
  key: string;
  label: string;
  unit: string;
  additive: boolean;
}

/** A key built from several columns, each left-padded with zeros to `width`. */
export interface KeyParts {
  parts: { column: string; width: number }[];
}

/** How to read a table; column names as reported by `inspectTable`. */
export interface TableMapping {
  /** XLSX: sheet name (default: the first sheet with a table). */
  sheet?: string;
  /** 1-based row of the first header row (CSV: line; XLSX: sheet row); detected when absent. */
  headerRow?: number;
  /** Number of stacked header rows (default 1). */
  headerRowCount?: number;
  keyColumn: string | KeyParts;
  nameColumn?: string;
  /** Column with the period of each row … */
  periodColumn?: string;
  /** … or one period for the whole table (`2018-12-31`, `31.12.2018`, `2021`). */
  period?: string;
  /** Only rows whose key starts with this (e.g. `16` for Thüringen). */
  keyPrefix?: string;
  /** Only rows whose cell in `column` is one of `values` (e.g. `satzart` = `60`). */
  rowFilter?: { column: string; values: string[] };
  /** Wide format: the value columns; long format: which variables to take (all when empty). */
  variables: VariableMapping[];
  longFormat?: { variableColumn: string; valueColumn: string; unitColumn?: string; labelColumn?: string };
  /** Decimal mark for text numbers; detected per column when absent. */
  decimalMark?: DecimalMark;
  /** Level of 12-digit ARS keys (default: by trailing zeros). */
  arsLevel?: KeyLevel | 'auto';
  source?: string;
  licence?: string;
  attribution?: string;
}

/** Options of {@link GenericTableInterpreter}. */
export interface GenericTableOptions {
  fileName: string;
  format: Extract<TableFormat, 'csv' | 'xlsx'>;
  /** Encoding, delimiter or sheet as found by the reader. */
  meta?: Pick<TableMeta, 'encoding' | 'delimiter' | 'sheet'>;
}

const BUFFERED_ROWS = 1000;

type SkipKind = 'noKey' | 'text' | 'filtered' | 'prefix' | 'noValues';

interface Resolved {
  names: string[];
  key: number;
  parts: [number, number][];
  name: number;
  period: number;
  filter: number;
  filterValues: Set<string>;
  /** Wide: value column index → variable key. */
  wide: { index: number; key: string; mark: DecimalMark }[];
  longVariable: number;
  longValue: number;
  longUnit: number;
  longLabel: number;
  longMark: DecimalMark;
}

function isEmptyCell(cell: SheetCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** Skips a column-numbering row (`1, 2, 3, …`) and empty rows directly under the header. */
function firstDataRow(rows: readonly (readonly SheetCell[])[], from: number): number {
  let i = from;
  for (; i < rows.length; i++) {
    const filled = (rows[i] ?? []).filter((c) => !isEmptyCell(c));
    if (filled.length === 0) continue;
    if (filled.length >= 3 && filled.every((c, n) => Number(cellText(c).trim()) === n + 1)) continue;
    break;
  }
  return i;
}

/** Applies a {@link TableMapping} to rows; see the module comment. */
export class GenericTableInterpreter implements RowInterpreter<SheetCell> {
  private buffered: { cells: readonly SheetCell[]; line: number }[] | undefined = [];
  private columns: Resolved | undefined;
  private readonly variables = new Map<string, VariableDefinition>();
  private readonly variableByColumnText = new Map<string, VariableMapping>();
  private readonly regions = new Map<string, ParsedRegion>();
  private readonly periods = new Set<string>();
  private readonly resolver: ArsResolver;
  private readonly fixedPeriod: string | undefined;
  private observationCount = 0;
  private readonly skipped = { noKey: 0, text: 0, filtered: 0, prefix: 0, noValues: 0, emptyValues: 0, unmapped: 0, repaired: 0 };
  private firstSkippedLine: number | undefined;
  private firstRepair: string | undefined;
  private readonly unmappedNames = new Set<string>();

  constructor(
    private readonly mapping: TableMapping,
    private readonly options: GenericTableOptions,
  ) {
    this.resolver = new ArsResolver(mapping.arsLevel ?? 'auto');
    if (mapping.period !== undefined) {
      this.fixedPeriod = normalizePeriod(mapping.period);
      if (this.fixedPeriod === undefined) {
        throw new ImportError(
          options.fileName,
          null,
          null,
          `${quoteCell(mapping.period)} ist keine gültige Zeitangabe (erwartet z. B. 31.12.2018 oder 2021).`,
        );
      }
    } else if (mapping.periodColumn === undefined) {
      throw new ImportError(options.fileName, null, null, 'Die Zuordnung braucht eine Zeitspalte oder einen festen Zeitraum.');
    }
    if (!mapping.longFormat && mapping.variables.length === 0) {
      throw new ImportError(options.fileName, null, null, 'Die Zuordnung nennt keine Wertspalte.');
    }
    for (const v of mapping.variables) this.variableByColumnText.set(v.column, v);
  }

  push(cells: readonly SheetCell[], line: number, out: ParsedObservation[]): void {
    if (this.buffered !== undefined) {
      this.buffered.push({ cells, line });
      if (this.buffered.length >= BUFFERED_ROWS) this.start(out);
      return;
    }
    this.readRow(this.columns as Resolved, cells, line, out);
  }

  finish(out: ParsedObservation[]): TableSummary {
    if (this.buffered !== undefined) this.start(out);
    const m = this.mapping;
    const warnings: string[] = [];
    const s = this.skipped;
    const at = this.firstSkippedLine !== undefined ? ` (erste: Zeile ${this.firstSkippedLine})` : '';
    const rows = (n: number) => (n === 1 ? '1 Zeile' : `${n} Zeilen`);
    const were = (n: number) => (n === 1 ? 'wurde' : 'wurden');
    if (s.noKey > 0) warnings.push(`${rows(s.noKey)} ohne Regionalschlüssel ${were(s.noKey)} übersprungen${at}.`);
    if (s.text > 0) {
      warnings.push(
        `${rows(s.text)} mit Text statt Schlüssel und ohne Werte ${were(s.text)} übersprungen (Überschriften, Fußnoten).`,
      );
    }
    if (s.filtered > 0) warnings.push(`${rows(s.filtered)} ${were(s.filtered)} durch den Zeilenfilter ausgelassen.`);
    if (s.prefix > 0) warnings.push(`${rows(s.prefix)} außerhalb von Schlüssel „${m.keyPrefix}…“ ${were(s.prefix)} ausgelassen.`);
    if (s.noValues > 0) {
      warnings.push(
        `${rows(s.noValues)} mit Schlüssel, aber ohne Werte ${were(s.noValues)} übersprungen (z. B. Zwischenüberschriften).`,
      );
    }
    if (s.emptyValues > 0)
      warnings.push(
        `${s.emptyValues === 1 ? '1 leere Wertzelle' : `${s.emptyValues} leere Wertzellen`} ${were(s.emptyValues)} ausgelassen.`,
      );
    if (s.repaired > 0) {
      warnings.push(`${s.repaired} Schlüssel ohne führende Null ${were(s.repaired)} ergänzt (z. B. ${this.firstRepair}).`);
    }
    if (s.unmapped > 0) {
      warnings.push(
        `${rows(s.unmapped)} mit nicht zugeordneten Merkmalen ${were(s.unmapped)} ausgelassen: ${[...this.unmappedNames].slice(0, 5).join(', ')}.`,
      );
    }
    if (!m.licence) warnings.push('Die Lizenz der Daten ist nicht angegeben.');
    return {
      format: this.options.format,
      meta: {
        fileName: this.options.fileName,
        ...this.options.meta,
        source: m.source ?? this.options.fileName,
        licence: m.licence ?? '',
        attribution: m.attribution ?? '',
      },
      variables: [...this.variables.values()],
      regions: [...this.regions.values()],
      periods: [...this.periods].sort(),
      warnings,
      observationCount: this.observationCount,
    };
  }

  private start(out: ParsedObservation[]): void {
    const buffered = this.buffered ?? [];
    this.buffered = undefined;
    const rows = buffered.map((b) => b.cells);
    const position =
      this.mapping.headerRow !== undefined
        ? { headerRow: this.mapping.headerRow, headerRowCount: this.mapping.headerRowCount ?? 1 }
        : detectHeader(rows.slice(0, 50));
    const headerEnd = position.headerRow - 1 + position.headerRowCount;
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    const names = headerNames(position.headerRow > 0 ? rows.slice(position.headerRow - 1, headerEnd) : [], width);
    const dataStart = firstDataRow(rows, Math.max(headerEnd, 0));
    const headerLine = buffered[Math.max(position.headerRow - 1, 0)]?.line ?? null;
    this.columns = this.resolveColumns(names, rows.slice(dataStart), headerLine);
    for (let i = dataStart; i < buffered.length; i++) {
      const b = buffered[i];
      if (b) this.readRow(this.columns, b.cells, b.line, out);
    }
  }

  private resolveColumns(names: string[], sample: readonly (readonly SheetCell[])[], headerLine: number | null): Resolved {
    const m = this.mapping;
    const index = (name: string | undefined): number => {
      if (name === undefined) return -1;
      const i = names.indexOf(name);
      if (i < 0) {
        throw new ImportError(
          this.options.fileName,
          headerLine,
          null,
          `Die Spalte „${name}“ gibt es in der Datei nicht (vorhanden: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}).`,
        );
      }
      return i;
    };
    const markOf = (column: number): DecimalMark =>
      m.decimalMark ?? detectDecimalMark(sample.map((r) => r[column]).filter((c): c is string => typeof c === 'string'));
    const key = typeof m.keyColumn === 'string' ? index(m.keyColumn) : -1;
    const parts: [number, number][] =
      typeof m.keyColumn === 'string' ? [] : m.keyColumn.parts.map((p) => [index(p.column), p.width]);
    const longValue = m.longFormat ? index(m.longFormat.valueColumn) : -1;
    const wide = m.longFormat
      ? []
      : m.variables.map((v) => {
          const i = index(v.column);
          return { index: i, key: v.key, mark: markOf(i) };
        });
    if (!m.longFormat) for (const v of m.variables) this.defineVariable(v.key, v.label, v.unit, v.additive);
    return {
      names,
      key,
      parts,
      name: index(m.nameColumn),
      period: index(m.periodColumn),
      filter: index(m.rowFilter?.column),
      filterValues: new Set(m.rowFilter?.values ?? []),
      wide,
      longVariable: index(m.longFormat?.variableColumn),
      longValue,
      longUnit: index(m.longFormat?.unitColumn),
      longLabel: index(m.longFormat?.labelColumn),
      longMark: longValue >= 0 ? markOf(longValue) : ',',
    };
  }

  private defineVariable(key: string, label: string, unit: string, additive: boolean): void {
    if (this.variables.has(key)) return;
    const m = this.mapping;
    this.variables.set(key, {
      key,
      label,
      unit,
      source: m.source ?? this.options.fileName,
      licence: m.licence ?? '',
      attribution: m.attribution ?? '',
      additive,
    });
  }

  private skip(kind: SkipKind, line: number): void {
    this.skipped[kind]++;
    if (kind === 'noKey' && this.firstSkippedLine === undefined) this.firstSkippedLine = line;
  }

  private hasValues(c: Resolved, cells: readonly SheetCell[]): boolean {
    if (c.longValue >= 0) return !isEmptyCell(cells[c.longValue]);
    return c.wide.some((w) => !isEmptyCell(cells[w.index]));
  }

  private readKey(c: Resolved, cells: readonly SheetCell[], line: number): string | undefined {
    const file = this.options.fileName;
    if (c.parts.length > 0) {
      const texts = c.parts.map(([i, width]) => [cellText(cells[i]), width] as const);
      if (texts.every(([t]) => t.trim() === '')) return '';
      const key = keyFromParts(texts);
      if (key === undefined) {
        const bad =
          c.parts.find(([i, width]) => keyFromParts([[cellText(cells[i]), width]]) === undefined)?.[0] ?? c.parts[0]?.[0] ?? 0;
        throw new ImportError(
          file,
          line,
          bad + 1,
          `${quoteCell(cellText(cells[bad]))} passt nicht als Teil des Regionalschlüssels (${c.parts.map(([i, w]) => `${c.names[i]}: ${w} Ziffern`).join(', ')}).`,
        );
      }
      return key;
    }
    const raw = cellText(cells[c.key]).trim();
    const { key, repaired } = repairRegionKey(raw);
    if (repaired) {
      this.skipped.repaired++;
      this.firstRepair ??= `${raw} → ${key}`;
    }
    return key;
  }

  private readRow(c: Resolved, cells: readonly SheetCell[], line: number, out: ParsedObservation[]): void {
    const file = this.options.fileName;
    if (cells.every(isEmptyCell)) return;
    if (c.filter >= 0 && !c.filterValues.has(cellText(cells[c.filter]).trim())) {
      this.skip('filtered', line);
      return;
    }
    const key = this.readKey(c, cells, line) ?? '';
    if (key === '') {
      this.skip('noKey', line);
      return;
    }
    if (!isRegionKey(key)) {
      if (!this.hasValues(c, cells)) {
        this.skip('text', line);
        return;
      }
      throw new ImportError(file, line, c.key + 1, `${quoteCell(key)} ist kein amtlicher Regionalschlüssel.`);
    }
    if (this.mapping.keyPrefix !== undefined && !key.startsWith(this.mapping.keyPrefix)) {
      this.skip('prefix', line);
      return;
    }
    if (!this.hasValues(c, cells)) {
      this.skip('noValues', line);
      return;
    }
    const resolved = this.resolver.resolve(key) ?? ArsResolver.resolveNatural(key);
    if (!this.regions.has(resolved.key)) {
      const name = c.name >= 0 ? cellText(cells[c.name]).trim() : '';
      this.regions.set(resolved.key, { key: resolved.key, name: name || resolved.key, level: resolved.level });
    }

    let period = this.fixedPeriod;
    if (c.period >= 0) {
      const raw = cellText(cells[c.period]);
      period = normalizePeriod(raw);
      if (period === undefined) {
        throw new ImportError(
          file,
          line,
          c.period + 1,
          `${quoteCell(raw)} ist keine gültige Zeitangabe (erwartet z. B. 31.12.2018 oder 2021).`,
        );
      }
    }
    const p = period as string;

    if (c.longValue >= 0) {
      const name = cellText(cells[c.longVariable]).trim();
      let variable = this.variableByColumnText.get(name);
      if (variable === undefined && this.mapping.variables.length > 0) {
        this.skipped.unmapped++;
        this.unmappedNames.add(name);
        return;
      }
      if (variable === undefined) {
        const label = c.longLabel >= 0 ? cellText(cells[c.longLabel]).trim() || name : name;
        const unit = c.longUnit >= 0 ? cellText(cells[c.longUnit]).trim() : '';
        variable = { column: name, key: name, label, unit, additive: isAdditive(unit, label) };
        this.variableByColumnText.set(name, variable);
      }
      this.defineVariable(variable.key, variable.label, variable.unit, variable.additive);
      this.emit(cells[c.longValue], c.longValue, c.longMark, resolved.key, variable.key, p, line, out);
      return;
    }
    for (const w of c.wide) this.emit(cells[w.index], w.index, w.mark, resolved.key, w.key, p, line, out);
  }

  private emit(
    cell: SheetCell | undefined,
    column: number,
    mark: DecimalMark,
    regionKey: string,
    variableKey: string,
    period: string,
    line: number,
    out: ParsedObservation[],
  ): void {
    if (isEmptyCell(cell)) {
      this.skipped.emptyValues++;
      return;
    }
    let value: number | null;
    let flag: ObservationFlag | null = null;
    if (typeof cell === 'number') {
      value = cell;
    } else {
      const text = (cell as string).trim();
      const special = SPECIAL_VALUE_FLAGS.get(text);
      if (special !== undefined) {
        flag = special;
        value = specialValueOf(special);
      } else {
        const parsed = parseGermanNumber(text, mark);
        if (parsed === undefined) throw new ImportError(this.options.fileName, line, column + 1, notANumberReason(text));
        value = parsed;
      }
    }
    out.push({ regionKey, variableKey, period, value, flag, line });
    this.observationCount++;
    this.periods.add(period);
  }
}

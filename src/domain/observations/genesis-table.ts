/**
 * Interprets the GENESIS / Regionaldatenbank "Tabelle" CSV layout record by record (pure; the
 * CSV tokenising and decoding happen in the importer). The layout:
 *
 * ```
 * GENESIS-Tabelle: 11111-01-01-4            ← title block: text in the first cell only
 * Gebietsfläche in qkm - Stichtag 31.12. -;;;
 * regionale Tiefe: Kreise und krfr. Städte;;;
 * ;;;Gebietsfläche                           ← column headers: first cell empty, stacked rows
 * ;;;qkm                                     ← last header row of units (optional)
 * 31.12.2018;DG;Deutschland;357582,00        ← data: [period;] key; name; [row dimensions;] values
 * 31.12.2018;01001;      Flensburg, …;56,73
 * __________                                 ← footer: `___`, `©`, `Stand:`, quoted footnotes
 * ```
 *
 * Rules (so that other tables of the family work, not only the samples):
 * * Value columns start at the first column that has text in any header row; the columns before
 *   describe the row. Among them, read from the first data row: a date or year before the key is
 *   the period column, the first official key (`DG`, 2/3/5/8/9/12 digits) the key column, the
 *   column after it the name; further columns are a unit (`Anzahl`, `qkm`, …) or a row dimension
 *   (e.g. the school type) that becomes part of the variable.
 * * Header rows whose cells are all dates/years give each column its period (`;;31.12.2015;…`); a
 *   row of `Stichtag`/`Jahr` directly above is dropped. The last header row is the unit row if every
 *   cell in it is a unit. A column after the first value column with no header text at all is
 *   the quality-flag column of the value column before it (Zensus 2022: `value;quality-flag`).
 * * A title line `Bevölkerungsstand (Anzahl)` names the content and its unit; the content is put in
 *   front of the header path unless a header already starts with it. A title line `Personen:
 *   Bevölkerungszahl` explains the row value `Personen` in labels.
 * * Variable key: `<table code>:<slug of each path part joined by :>`, label: path joined by ` | `.
 * * Rows end at the first line that starts with `___`, `©` or `Stand:`, or that has text in its
 *   first cell only and that text is neither a key nor a date; everything after is footer.
 * * Empty key, period or row-dimension cells repeat the row above (continuation rows).
 * * A data row with fewer cells than the table, a value that is neither a number nor a special
 *   value, or a key that is no official key stops the import with an {@link ImportError}.
 */
import { ImportError } from './import-error.ts';
import { SPECIAL_VALUE_FLAGS, notANumberReason, parseGermanNumber, quoteCell, specialValueOf } from './german-number.ts';
import type { KeyLevel, ObservationFlag, ParsedObservation, ParsedRegion, VariableDefinition } from './observation.ts';
import type { RowInterpreter, TableSummary } from './parsed-table.ts';
import { normalizePeriod } from './period.ts';
import { ArsResolver, isRegionKey } from './region-keys.ts';
import {
  OFFICIAL_ATTRIBUTION,
  OFFICIAL_LICENCE,
  attributionFromText,
  cleanLabel,
  isAdditive,
  isUnitLabel,
  licenceFromText,
  slugify,
} from './variable-naming.ts';

/** Options of {@link GenesisTableInterpreter}. */
export interface GenesisTableOptions {
  /** File name for messages. */
  fileName: string;
  /** Level of 12-digit ARS keys; `auto` (default) applies the rule in `region-keys.ts`. */
  arsLevel?: KeyLevel | 'auto';
  /** Period for tables that state none (neither a date column nor a date header row). */
  period?: string;
  /** Overrides the source text derived from the table code. */
  source?: string;
  /** Overrides the licence read from the footer (default `dl-de/by-2-0`). */
  licence?: string;
  /** Overrides the attribution read from the footer. */
  attribution?: string;
}

const TABLE_CODE = /^(?:GENESIS-)?Tabelle:\s*(\S+)/i;
const CONTENT_WITH_UNIT = /^(.+?)\s*\(([^()]+)\)\s*$/;
const CONTENT_DESCRIPTION = /^([^:]{1,60}):\s+(.+)$/;
const REGIONAL_DEPTH =
  /regionale\s+Tiefe:\s*((?:Kreise und krfr\. Städte|Kreise und kreisfreie Städte|Gemeindeverbände|Gemeinden|Kreise|Länder|Bundesländer|Regierungsbezirke|Deutschland)(?:\s*\(ab \d{4}\))?)/i;
const TIME_WORDS = new Set([
  'stichtag',
  'jahr',
  'jahre',
  'berichtsjahr',
  'schuljahr',
  'zeit',
  'zeitraum',
  'monat',
  'quartal',
  'datum',
]);
const FOOTER_START = /^(?:_{3,}|©|\(c\)|Stand:)/i;
const CONTINUATION = '';

interface ValueColumn {
  index: number;
  /** Quality-flag column index or -1. */
  quality: number;
  path: string[];
  unit: string | undefined;
  period: string | undefined;
  /** Variable keys by row-dimension values (joined) and unit. */
  keys: Map<string, string>;
}

interface Layout {
  width: number;
  periodColumn: number;
  keyColumn: number;
  nameColumn: number;
  unitColumn: number;
  dimensionColumns: number[];
  values: ValueColumn[];
}

type State = 'head' | 'data' | 'footer';

function nonEmptyCount(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (c.trim() !== '') n++;
  return n;
}

function trimFast(text: string): string {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first <= 32 || last <= 32 || first === 0xa0 || last === 0xa0 ? text.trim() : text;
}

/** Source text for a GENESIS table code: Zensus 2022, Regionaldatenbank or GENESIS-Online. */
export function genesisSource(tableCode: string | undefined): string {
  if (!tableCode) return 'GENESIS (Statistische Ämter des Bundes und der Länder)';
  if (/^\d{4}[A-Z]-\d{4}$/.test(tableCode)) return `Zensus 2022, Tabelle ${tableCode}`;
  if (/^\d{5}-\d{2}-\d{2}-[4-5]/.test(tableCode)) return `Regionaldatenbank Deutschland, Tabelle ${tableCode}`;
  return `GENESIS, Tabelle ${tableCode}`;
}

/** Reads a GENESIS "Tabelle" CSV record by record; see the module comment for the rules. */
export class GenesisTableInterpreter implements RowInterpreter {
  private state: State = 'head';
  private readonly titleLines: string[] = [];
  private readonly headerRows: string[][] = [];
  private layout: Layout | undefined;
  private tableCode: string | undefined;
  private contentLabel: string | undefined;
  private contentUnit: string | undefined;
  private readonly descriptions = new Map<string, string>();
  /** Keys of regions with at least one value other than `-`. */
  private readonly regionsWithData = new Set<string>();
  private readonly footer: string[] = [];
  private readonly warnings: string[] = [];
  private readonly variables = new Map<string, VariableDefinition>();
  private readonly regions = new Map<string, ParsedRegion>();
  private readonly periods = new Set<string>();
  private readonly resolver: ArsResolver;
  private observationCount = 0;
  private held: ParsedObservation[] = [];
  private readonly heldNames = new Map<string, string>();
  // Per-row caches: consecutive rows usually repeat key, period and dimensions.
  private lastKeyCell = '\u0000';
  private lastRegionKey: string | undefined;
  private lastPeriodCell = '\u0000';
  private lastPeriod: string | undefined;
  private lastDimensionCells: string[] = [];
  private lastUnitCell = '';

  constructor(private readonly options: GenesisTableOptions) {
    this.resolver = new ArsResolver(options.arsLevel ?? 'auto');
  }

  push(cells: readonly string[], line: number, out: ParsedObservation[]): void {
    if (this.state === 'data') {
      if (this.isFooterStart(cells)) {
        this.state = 'footer';
        this.pushFooter(cells);
        return;
      }
      this.readRow(cells, line, out);
      return;
    }
    if (this.state === 'footer') {
      this.pushFooter(cells);
      return;
    }
    this.readHead(cells, line, out);
  }

  finish(out: ParsedObservation[]): TableSummary {
    if (this.state === 'head') {
      throw new ImportError(this.options.fileName, null, null, 'Die Datei enthält keine Datenzeilen im GENESIS-Tabellenformat.');
    }
    this.releaseHeld(out);
    if (this.state !== 'footer') {
      this.warnings.push('Die Datei hat keinen Tabellenfuß (Quelle, Stand); sie ist möglicherweise unvollständig.');
    }
    // GENESIS also prints `-` for regions that no longer existed at the reference date.
    const dashOnly = [...this.regions.keys()].filter((key) => !this.regionsWithData.has(key));
    if (dashOnly.length > 0) {
      const listed = dashOnly.slice(0, 10).join(', ') + (dashOnly.length > 10 ? ', …' : '');
      this.warnings.push(
        `Für ${dashOnly.length === 1 ? '1 Gebiet' : `${dashOnly.length} Gebiete`} steht in allen Wertspalten „-“ (${listed}): gelesen als beobachtete Null – oder das Gebiet bestand zum Stichtag nicht mehr (z. B. Eisenach 16056 seit dem 01.07.2021). Bitte prüfen.`,
      );
    }
    const footerText = this.footer.join('\n');
    const licence = this.options.licence ?? licenceFromText(footerText) ?? OFFICIAL_LICENCE;
    const attributionLine = this.footer.find((f) => f.includes('©'));
    const attribution =
      this.options.attribution ?? (attributionLine ? attributionFromText(attributionLine) : undefined) ?? OFFICIAL_ATTRIBUTION;
    const source = this.options.source ?? genesisSource(this.tableCode);
    for (const variable of this.variables.values()) {
      variable.licence = licence;
      variable.attribution = attribution;
      variable.source = source;
    }
    const standLine = this.footer.find((f) => f.startsWith('Stand:'));
    const notes = this.footer.filter((f) => !FOOTER_START.test(f) && !f.includes('©'));
    const title = this.titleLines.filter((l) => !TABLE_CODE.test(l)).join(' ');
    const depth = REGIONAL_DEPTH.exec(title)?.[1];
    return {
      format: 'genesis-table',
      meta: {
        fileName: this.options.fileName,
        tableCode: this.tableCode,
        title,
        regionalDepth: depth,
        stand: standLine?.slice('Stand:'.length).trim(),
        notes,
        source,
        licence,
        attribution,
      },
      variables: [...this.variables.values()],
      regions: [...this.regions.values()],
      periods: [...this.periods].sort(),
      warnings: this.warnings,
      observationCount: this.observationCount,
      dashOnlyRegions: dashOnly,
    };
  }

  private pushFooter(cells: readonly string[]): void {
    const text = cells
      .filter((c) => c.trim() !== '')
      .join(' ')
      .replace(/\r\n?/g, '\n');
    if (text !== '') this.footer.push(text);
  }

  private readHead(cells: readonly string[], line: number, out: ParsedObservation[]): void {
    const filled = nonEmptyCount(cells);
    if (filled === 0) return;
    const first = (cells[0] ?? '').trim();
    if (first === '') {
      this.headerRows.push(cells.map((c) => cleanLabel(c)));
      return;
    }
    if (filled === 1 && this.headerRows.length === 0) {
      this.readTitleLine(first);
      return;
    }
    this.layout = this.buildLayout(cells, line);
    this.state = 'data';
    this.readRow(cells, line, out);
  }

  private readTitleLine(text: string): void {
    this.titleLines.push(text);
    const code = TABLE_CODE.exec(text);
    if (code && this.tableCode === undefined) {
      this.tableCode = code[1];
      return;
    }
    const content = CONTENT_WITH_UNIT.exec(text);
    if (content && isUnitLabel(content[2] ?? '') && this.contentLabel === undefined) {
      this.contentLabel = cleanLabel(content[1] ?? '');
      this.contentUnit = cleanLabel(content[2] ?? '');
      return;
    }
    const description = CONTENT_DESCRIPTION.exec(text);
    if (description && !/regionale Tiefe|Stichtag|Gebietsstand/i.test(description[1] ?? '')) {
      this.descriptions.set(cleanLabel(description[1] ?? ''), cleanLabel(description[2] ?? ''));
    }
  }

  private buildLayout(cells: readonly string[], line: number): Layout {
    const file = this.options.fileName;
    const width = Math.max(cells.length, ...this.headerRows.map((r) => r.length));
    let firstValue = width;
    for (const row of this.headerRows) {
      for (let j = 0; j < row.length && j < firstValue; j++) if (row[j] !== '') firstValue = j;
    }
    if (this.headerRows.length === 0 || firstValue === width) {
      throw new ImportError(
        file,
        line,
        null,
        'Über den Wertspalten stehen keine Spaltenköpfe; die Datei hat nicht das GENESIS-Tabellenformat.',
      );
    }

    let periodColumn = -1;
    let keyColumn = -1;
    let nameColumn = -1;
    let unitColumn = -1;
    const dimensionColumns: number[] = [];
    for (let j = 0; j < firstValue; j++) {
      const v = (cells[j] ?? '').trim();
      if (keyColumn < 0) {
        if (isRegionKey(v)) {
          keyColumn = j;
          if (j + 1 < firstValue) nameColumn = j + 1;
        } else if (periodColumn < 0 && normalizePeriod(v) !== undefined) {
          periodColumn = j;
        } else {
          dimensionColumns.push(j);
        }
      } else if (j !== nameColumn) {
        if (unitColumn < 0 && isUnitLabel(v)) unitColumn = j;
        else dimensionColumns.push(j);
      }
    }
    if (keyColumn < 0) {
      throw new ImportError(
        file,
        line,
        null,
        'Keine Spalte mit amtlichen Regionalschlüsseln gefunden (erwartet z. B. „DG“, „16“, „16051“ oder „16051000“).',
      );
    }

    const rows = this.headerRows;
    const isPeriodRow = rows.map((row) => {
      let seen = 0;
      for (let j = firstValue; j < row.length; j++) {
        const c = row[j] ?? '';
        if (c === '') continue;
        if (normalizePeriod(c) === undefined) return false;
        seen++;
      }
      return seen > 0;
    });
    const isTimeLabelRow = rows.map(
      (row, i) =>
        isPeriodRow[i + 1] === true &&
        row.slice(firstValue).every((c) => c === '' || TIME_WORDS.has(c.toLowerCase())) &&
        row.slice(firstValue).some((c) => c !== ''),
    );
    let unitRow = -1;
    const lastRow = rows.length - 1;
    if (
      lastRow >= 0 &&
      !isPeriodRow[lastRow] &&
      (rows[lastRow] ?? []).slice(firstValue).some((c) => c !== '') &&
      (rows[lastRow] ?? []).slice(firstValue).every((c) => c === '' || isUnitLabel(c))
    ) {
      unitRow = lastRow;
    }

    const values: ValueColumn[] = [];
    for (let j = firstValue; j < width; j++) {
      const hasHeader = rows.some((row) => (row[j] ?? '') !== '');
      const previous = values[values.length - 1];
      if (!hasHeader) {
        if (previous && previous.quality < 0 && previous.index === j - 1) {
          previous.quality = j;
        } else {
          this.warnings.push(`Spalte ${j + 1} hat keinen Spaltenkopf und wird nicht gelesen.`);
        }
        continue;
      }
      const path: string[] = [];
      let period: string | undefined;
      rows.forEach((row, i) => {
        const c = row[j] ?? '';
        if (c === '' || isTimeLabelRow[i] || i === unitRow) return;
        if (isPeriodRow[i]) period = normalizePeriod(c);
        else path.push(c);
      });
      const unit = unitRow >= 0 ? rows[unitRow]?.[j] || undefined : undefined;
      values.push({ index: j, quality: -1, path, unit, period, keys: new Map() });
    }
    if (values.length === 0) throw new ImportError(file, line, null, 'Die Tabelle hat keine Wertspalten.');

    const needsPeriod = values.some((v) => v.period === undefined);
    if (needsPeriod && periodColumn < 0 && this.options.period === undefined) {
      throw new ImportError(
        file,
        line,
        null,
        'Die Tabelle nennt keinen Zeitbezug (weder eine Datums- oder Jahresspalte noch eine Datumszeile im Tabellenkopf).',
      );
    }
    this.disambiguate(values);
    return { width, periodColumn, keyColumn, nameColumn, unitColumn, dimensionColumns, values };
  }

  /** Columns with the same header path and period would collide; they get the column number. */
  private disambiguate(values: ValueColumn[]): void {
    const seen = new Map<string, number>();
    for (const v of values) {
      const id = `${v.path.join('\u0001')}\u0000${v.period ?? ''}`;
      if (seen.has(id)) {
        v.path = [...v.path, `Spalte ${v.index + 1}`];
        this.warnings.push(
          `Spalte ${v.index + 1} hat denselben Spaltenkopf wie Spalte ${(seen.get(id) ?? 0) + 1}; sie wird nach ihrer Nummer benannt.`,
        );
      } else {
        seen.set(id, v.index);
      }
    }
  }

  private isFooterStart(cells: readonly string[]): boolean {
    const first = trimFast(cells[0] ?? '');
    // Fast path: data rows start with the key or period of the row before.
    if (first === this.lastKeyCell || first === this.lastPeriodCell || first === CONTINUATION) return false;
    if (FOOTER_START.test(first)) return true;
    if (isRegionKey(first) || normalizePeriod(first) !== undefined) return false;
    return nonEmptyCount(cells) === 1;
  }

  private readRow(cells: readonly string[], line: number, out: ParsedObservation[]): void {
    const layout = this.layout as Layout;
    const file = this.options.fileName;
    if ((cells[0] ?? '') === '' && nonEmptyCount(cells) === 0) return;
    if (cells.length < layout.width) {
      throw new ImportError(
        file,
        line,
        cells.length + 1,
        `Die Zeile hat nur ${cells.length} von ${layout.width} Spalten; die Datei ist möglicherweise abgeschnitten.`,
      );
    }
    for (let j = layout.width; j < cells.length; j++) {
      if ((cells[j] ?? '').trim() !== '') {
        throw new ImportError(
          file,
          line,
          j + 1,
          `${quoteCell(cells[j] ?? '')} steht außerhalb der ${layout.width} Tabellenspalten.`,
        );
      }
    }

    const keyCell = trimFast(cells[layout.keyColumn] ?? '');
    if (keyCell !== this.lastKeyCell && keyCell !== CONTINUATION) {
      if (!isRegionKey(keyCell)) {
        throw new ImportError(file, line, layout.keyColumn + 1, `${quoteCell(keyCell)} ist kein amtlicher Regionalschlüssel.`);
      }
      this.lastKeyCell = keyCell;
      const resolved = this.resolver.resolve(keyCell);
      const name = layout.nameColumn >= 0 ? (cells[layout.nameColumn] ?? '').trim() : keyCell;
      if (resolved === undefined) {
        this.lastRegionKey = undefined;
        if (!this.heldNames.has(keyCell)) this.heldNames.set(keyCell, name);
      } else {
        // Rows held back before this key are now decidable and come first.
        if (this.heldNames.size > 0 && this.resolver.isGemeindeTable) this.releaseHeld(out);
        this.lastRegionKey = resolved.key;
        if (!this.regions.has(resolved.key))
          this.regions.set(resolved.key, { key: resolved.key, name: name || resolved.key, level: resolved.level });
      }
    } else if (keyCell === CONTINUATION && this.lastKeyCell === '\u0000') {
      throw new ImportError(file, line, layout.keyColumn + 1, 'Der Regionalschlüssel fehlt.');
    }

    let rowPeriod = this.options.period;
    if (layout.periodColumn >= 0) {
      const periodCell = trimFast(cells[layout.periodColumn] ?? '');
      if (periodCell !== this.lastPeriodCell && periodCell !== CONTINUATION) {
        const period = normalizePeriod(periodCell);
        if (period === undefined) {
          throw new ImportError(
            file,
            line,
            layout.periodColumn + 1,
            `${quoteCell(periodCell)} ist keine gültige Zeitangabe (erwartet z. B. 31.12.2018 oder 2021).`,
          );
        }
        this.lastPeriodCell = periodCell;
        this.lastPeriod = period;
      } else if (periodCell === CONTINUATION && this.lastPeriod === undefined) {
        throw new ImportError(file, line, layout.periodColumn + 1, 'Die Zeitangabe fehlt.');
      }
      rowPeriod = this.lastPeriod;
    }

    let dimensionKey = '';
    let dimensions: string[] | undefined;
    if (layout.dimensionColumns.length > 0) {
      dimensions = this.rowDimensions(cells, layout);
      dimensionKey = dimensions.join('\u0001');
    }
    let rowUnit: string | undefined;
    if (layout.unitColumn >= 0) {
      const u = (cells[layout.unitColumn] ?? '').trim();
      if (u !== '') this.lastUnitCell = u;
      rowUnit = this.lastUnitCell || undefined;
      dimensionKey += `\u0002${rowUnit ?? ''}`;
    }

    const regionKey = this.lastRegionKey;
    const target = regionKey === undefined ? this.held : out;
    let anyOtherThanDash = false;
    for (const column of layout.values) {
      let variableKey = column.keys.get(dimensionKey);
      if (variableKey === undefined) variableKey = this.defineVariable(column, dimensionKey, dimensions ?? [], rowUnit);
      const raw = cells[column.index] ?? '';
      const text = trimFast(raw);
      const flag: ObservationFlag | undefined = SPECIAL_VALUE_FLAGS.get(text);
      let value: number | null;
      if (flag !== undefined) {
        value = specialValueOf(flag);
      } else {
        const parsed = parseGermanNumber(text, ',');
        if (parsed === undefined) throw new ImportError(file, line, column.index + 1, notANumberReason(raw));
        value = parsed;
      }
      const period = (column.period ?? rowPeriod) as string;
      const observation: ParsedObservation = {
        regionKey: regionKey ?? this.lastKeyCell,
        variableKey,
        period,
        value,
        flag: flag ?? null,
        line,
      };
      if (column.quality >= 0) {
        const quality = (cells[column.quality] ?? '').trim();
        if (quality !== '') observation.quality = quality;
      }
      target.push(observation);
      if (flag !== 'zero') anyOtherThanDash = true;
      if (regionKey !== undefined) {
        this.observationCount++;
        this.periods.add(period);
      }
    }
    if (anyOtherThanDash) this.regionsWithData.add(regionKey ?? this.lastKeyCell);
  }

  private rowDimensions(cells: readonly string[], layout: Layout): string[] {
    const result: string[] = [];
    layout.dimensionColumns.forEach((j, i) => {
      const v = cleanLabel(cells[j] ?? '');
      result.push(v === '' ? (this.lastDimensionCells[i] ?? '') : v);
    });
    this.lastDimensionCells = result;
    return result;
  }

  private defineVariable(
    column: ValueColumn,
    dimensionKey: string,
    dimensions: readonly string[],
    rowUnit: string | undefined,
  ): string {
    const rowValues = dimensions.filter((d) => d !== '');
    const path = [...column.path, ...rowValues];
    const content = this.contentLabel;
    if (content !== undefined && !path.some((p) => p.toLowerCase().startsWith(content.toLowerCase()))) path.unshift(content);
    const unit = rowUnit ?? column.unit ?? this.contentUnit ?? '';
    const code = this.tableCode ?? 'tabelle';
    const key = path.length > 0 ? `${code}:${path.map(slugify).join(':')}` : `${code}:wert`;
    // A row value explained in the title block (Zensus: `Personen: Bevölkerungszahl`) gets its explanation.
    const described = (p: string) =>
      rowValues.includes(p) && this.descriptions.has(p) ? `${p}: ${this.descriptions.get(p)}` : p;
    const label =
      path.length > 0 ? path.map(described).join(' | ') : this.titleLines.filter((l) => !TABLE_CODE.test(l)).join(' ') || 'Wert';
    column.keys.set(dimensionKey, key);
    if (!this.variables.has(key)) {
      this.variables.set(key, {
        key,
        label,
        unit,
        source: '',
        licence: OFFICIAL_LICENCE,
        attribution: OFFICIAL_ATTRIBUTION,
        additive: isAdditive(unit, label),
      });
    }
    return key;
  }

  private releaseHeld(out: ParsedObservation[]): void {
    if (this.held.length === 0 && this.heldNames.size === 0) return;
    const resolved = new Map<string, string>();
    for (const [ars, name] of this.heldNames) {
      const r = this.resolver.resolveHeld(ars);
      resolved.set(ars, r.key);
      if (this.regionsWithData.has(ars)) this.regionsWithData.add(r.key);
      if (!this.regions.has(r.key)) this.regions.set(r.key, { key: r.key, name: name || r.key, level: r.level });
    }
    for (const o of this.held) {
      o.regionKey = resolved.get(o.regionKey) ?? o.regionKey;
      out.push(o);
      this.observationCount++;
      this.periods.add(o.period);
    }
    this.held = [];
    this.heldNames.clear();
    // After release, an ambiguous key that repeats later must resolve the same way.
    if (this.lastRegionKey === undefined && resolved.has(this.lastKeyCell)) this.lastRegionKey = resolved.get(this.lastKeyCell);
  }
}

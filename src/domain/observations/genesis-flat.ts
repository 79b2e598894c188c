/**
 * Interprets the GENESIS "flat" CSV (ffcsv): one value per row, named columns
 * `statistics_code; statistics_label; time_code; time_label; time; 1_variable_code;
 * 1_variable_label; 1_variable_attribute_code; 1_variable_attribute_label; [2_variable_… ;]
 * value; value_unit; value_variable_code; value_variable_label; value_q`.
 *
 * * The regional dimension is the `n_variable_…` group whose code is a `GEO…` code (or whose
 *   attribute codes are official keys); its code gives the level of 12-digit ARS keys
 *   (`GEOGM4` → Gemeinde → 8-digit AGS, `GEOLK4` → Kreis → 5 digits, `GEODL1` → `DG`).
 * * Every other `n_variable_…` group is a classifying dimension; the variable is the content
 *   (`value_variable_label`) plus the attribute labels of those dimensions, its key
 *   `<table code>:<slugs joined by :>` with the table code from the options or, failing that,
 *   the `statistics_code`.
 * * `value` holds a number (decimal comma) or a special value; an empty `value` with a special
 *   value in `value_q` takes that flag; any other `value_q` is kept as quality flag (`e`).
 */
import { ImportError } from './import-error.ts';
import {
  SPECIAL_VALUE_FLAGS,
  notANumberReason,
  parseGermanNumber,
  quoteCell,
  specialValueOf,
  type DecimalMark,
} from './german-number.ts';
import { genesisSource, type GenesisTableOptions } from './genesis-table.ts';
import type { KeyLevel, ObservationFlag, ParsedObservation, ParsedRegion, VariableDefinition } from './observation.ts';
import type { RowInterpreter, TableSummary } from './parsed-table.ts';
import { normalizePeriod } from './period.ts';
import { ArsResolver, isRegionKey, levelOfGenesisRegionCode, regionKeyFromArs } from './region-keys.ts';
import { OFFICIAL_ATTRIBUTION, OFFICIAL_LICENCE, isAdditive, slugify } from './variable-naming.ts';

/** Options of {@link GenesisFlatInterpreter}. */
export interface GenesisFlatOptions extends GenesisTableOptions {
  /** Table code for variable keys, e.g. `1000A-0000` (the file itself only names the statistic `1000A`). */
  tableCode?: string;
  /** Decimal mark of `value` for the ambiguous `1.234`; default `,`. */
  decimalMark?: DecimalMark;
}

interface Dimension {
  code: number;
  label: number;
  attributeCode: number;
  attributeLabel: number;
}

interface Columns {
  width: number;
  statisticsCode: number;
  statisticsLabel: number;
  time: number;
  value: number;
  unit: number;
  variableCode: number;
  variableLabel: number;
  quality: number;
  dimensions: Dimension[];
}

/** True when a header record is that of the GENESIS flat format. */
export function isGenesisFlatHeader(cells: readonly string[]): boolean {
  const names = cells.map((c) => c.trim().toLowerCase());
  return names.includes('statistics_code') && names.includes('value');
}

/** Reads a GENESIS flat CSV record by record; see the module comment. */
export class GenesisFlatInterpreter implements RowInterpreter {
  private columns: Columns | undefined;
  private region: Dimension | undefined;
  private classifying: Dimension[] = [];
  private readonly resolver: ArsResolver;
  private readonly variables = new Map<string, VariableDefinition>();
  private readonly variableKeys = new Map<string, string>();
  private readonly regions = new Map<string, ParsedRegion>();
  private readonly periods = new Set<string>();
  private readonly warnings: string[] = [];
  private statisticsCode: string | undefined;
  private title: string | undefined;
  private observationCount = 0;
  private lastTimeCell = '\u0000';
  private lastPeriod = '';
  private lastKeyCell = '\u0000';
  private lastLevelCell = '\u0000';
  private lastRegionKey = '';
  private lastLevel: KeyLevel | undefined;
  private lastVariable: [string, string, string, string] = ['\u0000', '', '', ''];

  constructor(private readonly options: GenesisFlatOptions) {
    this.resolver = new ArsResolver(options.arsLevel ?? 'auto');
  }

  push(cells: readonly string[], line: number, out: ParsedObservation[]): void {
    if (this.columns === undefined) {
      this.columns = this.readHeader(cells, line);
      return;
    }
    this.readRow(this.columns, cells, line, out);
  }

  finish(): TableSummary {
    if (this.columns === undefined || this.region === undefined) {
      throw new ImportError(this.options.fileName, null, null, 'Die Datei enthält keine Datenzeilen.');
    }
    const tableCode = this.options.tableCode ?? this.statisticsCode;
    const source = this.options.source ?? genesisSource(tableCode);
    const licence = this.options.licence ?? OFFICIAL_LICENCE;
    const attribution = this.options.attribution ?? OFFICIAL_ATTRIBUTION;
    for (const v of this.variables.values()) {
      v.source = source;
      v.licence = licence;
      v.attribution = attribution;
    }
    return {
      format: 'genesis-flat',
      meta: { fileName: this.options.fileName, tableCode, title: this.title, source, licence, attribution },
      variables: [...this.variables.values()],
      regions: [...this.regions.values()],
      periods: [...this.periods].sort(),
      warnings: this.warnings,
      observationCount: this.observationCount,
    };
  }

  private readHeader(cells: readonly string[], line: number): Columns {
    const names = cells.map((c) => c.trim().toLowerCase());
    const find = (name: string, required: boolean): number => {
      const i = names.indexOf(name);
      if (i < 0 && required) {
        throw new ImportError(
          this.options.fileName,
          line,
          null,
          `Die Spalte „${name}“ fehlt; die Datei hat nicht das GENESIS-Flat-Format.`,
        );
      }
      return i;
    };
    const dimensions: Dimension[] = [];
    for (let n = 1; names.includes(`${n}_variable_code`); n++) {
      dimensions.push({
        code: find(`${n}_variable_code`, true),
        label: find(`${n}_variable_label`, false),
        attributeCode: find(`${n}_variable_attribute_code`, true),
        attributeLabel: find(`${n}_variable_attribute_label`, false),
      });
    }
    if (dimensions.length === 0) {
      throw new ImportError(
        this.options.fileName,
        line,
        null,
        'Die Spalte „1_variable_code“ fehlt; die Datei hat nicht das GENESIS-Flat-Format.',
      );
    }
    return {
      width: cells.length,
      statisticsCode: find('statistics_code', true),
      statisticsLabel: find('statistics_label', false),
      time: find('time', true),
      value: find('value', true),
      unit: find('value_unit', false),
      variableCode: find('value_variable_code', false),
      variableLabel: find('value_variable_label', true),
      quality: find('value_q', false),
      dimensions,
    };
  }

  private pickRegionDimension(columns: Columns, cells: readonly string[], line: number): void {
    const byCode = columns.dimensions.find((d) => levelOfGenesisRegionCode(cells[d.code] ?? '') !== undefined);
    const byKey = columns.dimensions.find((d) => isRegionKey((cells[d.attributeCode] ?? '').trim()));
    const region = byCode ?? byKey;
    if (region === undefined) {
      throw new ImportError(
        this.options.fileName,
        line,
        null,
        'Keine Regionaldimension gefunden (erwartet ein Merkmal GEO… mit amtlichen Schlüsseln).',
      );
    }
    this.region = region;
    this.classifying = columns.dimensions.filter((d) => d !== region);
    this.statisticsCode = (cells[columns.statisticsCode] ?? '').trim() || undefined;
    this.title = columns.statisticsLabel >= 0 ? (cells[columns.statisticsLabel] ?? '').trim() : undefined;
  }

  private readRow(columns: Columns, cells: readonly string[], line: number, out: ParsedObservation[]): void {
    const file = this.options.fileName;
    if (cells.length < columns.width) {
      if (cells.every((c) => c.trim() === '')) return;
      throw new ImportError(
        file,
        line,
        cells.length + 1,
        `Die Zeile hat nur ${cells.length} von ${columns.width} Spalten; die Datei ist möglicherweise abgeschnitten.`,
      );
    }
    if (this.region === undefined) this.pickRegionDimension(columns, cells, line);
    const region = this.region as Dimension;

    const timeCell = cells[columns.time] ?? '';
    if (timeCell !== this.lastTimeCell) {
      const period = normalizePeriod(timeCell);
      if (period === undefined) {
        throw new ImportError(
          file,
          line,
          columns.time + 1,
          `${quoteCell(timeCell)} ist keine gültige Zeitangabe (erwartet z. B. 2022-05-15 oder 2021).`,
        );
      }
      this.lastTimeCell = timeCell;
      this.lastPeriod = period;
    }

    const keyCell = cells[region.attributeCode] ?? '';
    const levelCell = cells[region.code] ?? '';
    if (keyCell !== this.lastKeyCell || levelCell !== this.lastLevelCell) {
      const key = keyCell.trim();
      if (!isRegionKey(key)) {
        throw new ImportError(
          file,
          line,
          region.attributeCode + 1,
          `${quoteCell(keyCell)} ist kein amtlicher Regionalschlüssel.`,
        );
      }
      if (levelCell !== this.lastLevelCell) this.lastLevel = levelOfGenesisRegionCode(levelCell);
      const level = this.lastLevel;
      const resolved =
        key.length === 12 && level !== undefined
          ? { key: regionKeyFromArs(key, level), level }
          : (this.resolver.resolve(key) ?? ArsResolver.resolveNatural(key));
      this.lastKeyCell = keyCell;
      this.lastLevelCell = levelCell;
      this.lastRegionKey = resolved.key;
      if (!this.regions.has(resolved.key)) {
        const name = region.attributeLabel >= 0 ? (cells[region.attributeLabel] ?? '').trim() : '';
        this.regions.set(resolved.key, {
          key: resolved.key,
          name: name || resolved.key,
          level: key === 'DG' ? 'staat' : resolved.level,
        });
      }
    }

    const variableKey = this.variableOf(columns, cells);
    const text = (cells[columns.value] ?? '').trim();
    const quality = columns.quality >= 0 ? (cells[columns.quality] ?? '').trim() : '';
    let flag: ObservationFlag | undefined = SPECIAL_VALUE_FLAGS.get(text);
    let value: number | null;
    let qualityUsed = false;
    if (flag === undefined && text === '' && SPECIAL_VALUE_FLAGS.has(quality)) {
      flag = SPECIAL_VALUE_FLAGS.get(quality);
      qualityUsed = true;
    }
    if (flag !== undefined) {
      value = specialValueOf(flag);
    } else {
      const parsed = parseGermanNumber(text, this.options.decimalMark ?? ',');
      if (parsed === undefined) throw new ImportError(file, line, columns.value + 1, notANumberReason(text));
      value = parsed;
    }
    const observation: ParsedObservation = {
      regionKey: this.lastRegionKey,
      variableKey,
      period: this.lastPeriod,
      value,
      flag: flag ?? null,
      line,
    };
    if (quality !== '' && !qualityUsed) observation.quality = quality;
    out.push(observation);
    this.observationCount++;
    this.periods.add(this.lastPeriod);
  }

  private variableOf(columns: Columns, cells: readonly string[]): string {
    const code = columns.variableCode >= 0 ? (cells[columns.variableCode] ?? '') : '';
    const unitCell = columns.unit >= 0 ? (cells[columns.unit] ?? '') : '';
    const labelCell = cells[columns.variableLabel] ?? '';
    // Fast path: consecutive rows of a table without classifying dimensions share the variable.
    if (
      this.classifying.length === 0 &&
      code === this.lastVariable[0] &&
      labelCell === this.lastVariable[1] &&
      unitCell === this.lastVariable[2]
    ) {
      return this.lastVariable[3];
    }
    const unit = unitCell.trim();
    let id = `${code}\u0001${labelCell}\u0001${unit}`;
    for (const d of this.classifying) id += `\u0001${cells[d.attributeCode] ?? ''}`;
    const known = this.variableKeys.get(id);
    if (known !== undefined) {
      this.lastVariable = [code, labelCell, unitCell, known];
      return known;
    }

    const path = [(cells[columns.variableLabel] ?? '').trim() || code.trim()];
    for (const d of this.classifying) {
      const label = d.attributeLabel >= 0 ? (cells[d.attributeLabel] ?? '').trim() : '';
      path.push(label || (cells[d.attributeCode] ?? '').trim());
    }
    const tableCode = this.options.tableCode ?? this.statisticsCode ?? 'tabelle';
    const key = `${tableCode}:${path.map(slugify).join(':')}`;
    const label = path.join(' | ');
    this.variableKeys.set(id, key);
    this.lastVariable = [code, labelCell, unitCell, key];
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
}

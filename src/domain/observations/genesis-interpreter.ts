import { ImportError } from './import-error.ts';
import { GenesisFlatInterpreter, isGenesisFlatHeader, type GenesisFlatOptions } from './genesis-flat.ts';
import { GenesisTableInterpreter } from './genesis-table.ts';
import type { ParsedObservation } from './observation.ts';
import type { RowInterpreter, TableSummary } from './parsed-table.ts';

/**
 * Reads either GENESIS CSV layout: the first non-empty record decides – a header with
 * `statistics_code` and `value` is the flat format, anything else the "Tabelle" layout.
 */
export class GenesisInterpreter implements RowInterpreter {
  private inner: RowInterpreter | undefined;

  constructor(private readonly options: GenesisFlatOptions) {}

  push(cells: readonly string[], line: number, out: ParsedObservation[]): void {
    if (this.inner === undefined) {
      if (cells.every((c) => c.trim() === '')) return;
      this.inner = isGenesisFlatHeader(cells)
        ? new GenesisFlatInterpreter(this.options)
        : new GenesisTableInterpreter(this.options);
    }
    this.inner.push(cells, line, out);
  }

  finish(out: ParsedObservation[]): TableSummary {
    if (this.inner === undefined) throw new ImportError(this.options.fileName, null, null, 'Die Datei ist leer.');
    return this.inner.finish(out);
  }
}

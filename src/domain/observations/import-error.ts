import { InvalidError } from '../shared/errors.ts';

/**
 * A file that cannot be imported. The German message names the file, the line and the
 * column (1-based) and the reason, e.g.
 * `bevoelkerung.csv, Zeile 12, Spalte 4: „12a“ ist keine Zahl.`
 */
export class ImportError extends InvalidError {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly column: number | null,
    readonly reason: string,
  ) {
    const where = [file, line !== null ? `Zeile ${line}` : null, column !== null ? `Spalte ${column}` : null]
      .filter(Boolean)
      .join(', ');
    super(`${where}: ${reason}`, 'import-rejected', { file, line, column, reason });
  }
}

import { InvalidError } from '../../domain/shared/errors.ts';

/**
 * A geometry file that cannot be imported. The German message starts with the file name,
 * e.g. `kreise.prj: Unbekanntes Koordinatenreferenzsystem „Foo“ …`.
 */
export class GeometryImportError extends InvalidError {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`, 'geometry-import-rejected', { file, reason });
  }
}

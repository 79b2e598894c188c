/**
 * Cells of the Zensus grid (EPSG:3035, ETRS89-LAEA). An id names the cell's lower-left corner
 * in metres; the centre lies half a resolution to the north and east of it.
 */
import { ImportError } from '../observations/import-error.ts';

/** One grid cell: resolution and corner/centre coordinates, all in metres in EPSG:3035. */
export interface GridCell {
  /** Edge length in metres (100, 1000, 10000, …). */
  resolution: number;
  /** Northing of the lower-left corner in metres (EPSG:3035). */
  north: number;
  /** Easting of the lower-left corner in metres (EPSG:3035). */
  east: number;
  /** Easting of the cell centre in metres (EPSG:3035). */
  centreX: number;
  /** Northing of the cell centre in metres (EPSG:3035). */
  centreY: number;
}

/** The two spellings of a grid id: INSPIRE (`CRS3035RES1000mN3102000E4012000`) and Zensus 2011 (`1kmN3102E4012`). */
export type GridIdForm = 'inspire' | 'zensus2011';

/** Where an id was read, for the German error message; without it the message names the id only. */
export interface GridIdPosition {
  file: string;
  line: number | null;
  column: number | null;
}

const INSPIRE = /^CRS3035RES(\d+)mN(\d+)E(\d+)$/;
const SHORT = /^(\d+)(m|km)N(\d+)E(\d+)$/;
// Far beyond any EPSG:3035 coordinate (the CRS's valid area ends below 8,000 km), so ids stay exact integers.
const MAX_COORDINATE = 100_000_000;

function fail(id: string, reason: string, position: GridIdPosition | undefined): never {
  const shown = id.length > 60 ? `${id.slice(0, 59)}…` : id;
  throw new ImportError(position?.file ?? 'Gitter-ID', position?.line ?? null, position?.column ?? null, `„${shown}“ ${reason}`);
}

/** Builds a cell from its resolution and lower-left corner (metres, EPSG:3035). */
export function gridCell(resolution: number, north: number, east: number): GridCell {
  return { resolution, north, east, centreX: east + resolution / 2, centreY: north + resolution / 2 };
}

/**
 * Parses an INSPIRE grid id (`CRS3035RES100mN2689100E4337000`) or a Zensus 2011 short id
 * (`1kmN3102E4012`, `100mN31020E40120`, where N/E count in units of the resolution) into a
 * cell in EPSG:3035 metres; throws a German {@link ImportError} for anything else.
 */
export function parseGridId(id: string, position?: GridIdPosition): GridCell {
  const text = id.trim();
  let resolution: number;
  let north: number;
  let east: number;
  const inspire = INSPIRE.exec(text);
  if (inspire) {
    resolution = Number(inspire[1]);
    north = Number(inspire[2]);
    east = Number(inspire[3]);
  } else {
    const short = SHORT.exec(text);
    if (!short) {
      return fail(
        text,
        'ist keine gültige Gitterzellen-ID; erwartet wird z. B. „CRS3035RES1000mN3102000E4012000“ oder „1kmN3102E4012“.',
        position,
      );
    }
    resolution = Number(short[1]) * (short[2] === 'km' ? 1000 : 1);
    north = Number(short[3]) * resolution;
    east = Number(short[4]) * resolution;
  }
  if (!(resolution > 0)) return fail(text, 'hat keine gültige Auflösung (0 m).', position);
  if (north > MAX_COORDINATE || east > MAX_COORDINATE) return fail(text, 'liegt außerhalb des Gitters EPSG:3035.', position);
  if (north % resolution !== 0 || east % resolution !== 0) {
    return fail(text, `liegt nicht auf dem ${resolution}-m-Gitter (Ecke kein Vielfaches der Auflösung).`, position);
  }
  return gridCell(resolution, north, east);
}

function resolutionLabel(resolution: number): string {
  return resolution % 1000 === 0 ? `${resolution / 1000}km` : `${resolution}m`;
}

/** Writes a cell's id in INSPIRE form (as used by Zensus 2022) or the Zensus 2011 short form. */
export function formatGridId(cell: Pick<GridCell, 'resolution' | 'north' | 'east'>, form: GridIdForm = 'inspire'): string {
  if (form === 'inspire') return `CRS3035RES${cell.resolution}mN${cell.north}E${cell.east}`;
  return `${resolutionLabel(cell.resolution)}N${cell.north / cell.resolution}E${cell.east / cell.resolution}`;
}

/** The cell of the given resolution that contains a point (metres, EPSG:3035); edges belong to the cell to the north/east. */
export function cellContaining(x: number, y: number, resolution: number): GridCell {
  return gridCell(resolution, Math.floor(y / resolution) * resolution, Math.floor(x / resolution) * resolution);
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../observations/import-error.ts';
import { cellContaining, formatGridId, parseGridId } from './grid-cell.ts';

describe('parseGridId', () => {
  it('reads INSPIRE ids (lower-left corner, metres in EPSG:3035) and derives the centre', () => {
    expect(parseGridId('CRS3035RES1000mN3102000E4012000')).toEqual({
      resolution: 1000,
      north: 3102000,
      east: 4012000,
      centreX: 4012500,
      centreY: 3102500,
    });
    expect(parseGridId('CRS3035RES100mN2689100E4337000')).toEqual({
      resolution: 100,
      north: 2689100,
      east: 4337000,
      centreX: 4337050,
      centreY: 2689150,
    });
  });

  it('reads the Zensus 2011 short form, where N/E count in units of the resolution', () => {
    expect(parseGridId('1kmN3102E4012')).toEqual(parseGridId('CRS3035RES1000mN3102000E4012000'));
    expect(parseGridId('100mN31020E40120')).toEqual({
      resolution: 100,
      north: 3102000,
      east: 4012000,
      centreX: 4012050,
      centreY: 3102050,
    });
    expect(parseGridId('10kmN310E401')).toMatchObject({ resolution: 10000, north: 3100000, east: 4010000 });
  });

  it('agrees with the centre columns of the real Thuringian file (first row)', () => {
    const cell = parseGridId('CRS3035RES1000mN3011000E4371000');
    expect([cell.centreX, cell.centreY]).toEqual([4371500, 3011500]);
    expect(parseGridId('1kmN3011E4371')).toEqual(cell);
  });

  it('rejects malformed ids with a German ImportError naming file, line and column', () => {
    const position = { file: 'gitter.csv', line: 7, column: 1 };
    expect(() => parseGridId('CRS3035RES1000mN3102000', position)).toThrow(ImportError);
    expect(() => parseGridId('CRS3035RES1000mN3102000', position)).toThrow(
      'gitter.csv, Zeile 7, Spalte 1: „CRS3035RES1000mN3102000“ ist keine gültige Gitterzellen-ID',
    );
    expect(() => parseGridId('CRS4326RES1000mN3102000E4012000')).toThrow(
      'Gitter-ID: „CRS4326RES1000mN3102000E4012000“ ist keine',
    );
    expect(() => parseGridId('CRS3035RES1000mN3102500E4012000')).toThrow('liegt nicht auf dem 1000-m-Gitter');
    expect(() => parseGridId('CRS3035RES0mN0E0')).toThrow('keine gültige Auflösung');
    expect(() => parseGridId('1kmN-3102E4012')).toThrow(ImportError);
    expect(() => parseGridId('')).toThrow(ImportError);
  });
});

const resolutions = fc.constantFrom(100, 250, 500, 1000, 10000, 100000);
const cells = resolutions.chain((resolution) =>
  fc.record({
    resolution: fc.constant(resolution),
    north: fc.integer({ min: 0, max: Math.floor(9_000_000 / resolution) }).map((k) => k * resolution),
    east: fc.integer({ min: 0, max: Math.floor(9_000_000 / resolution) }).map((k) => k * resolution),
  }),
);

describe('grid id properties', () => {
  it('format → parse round-trips in both forms', () => {
    fc.assert(
      fc.property(cells, fc.constantFrom('inspire' as const, 'zensus2011' as const), (cell, form) => {
        const parsed = parseGridId(formatGridId(cell, form));
        expect(parsed).toEqual({ ...cell, centreX: cell.east + cell.resolution / 2, centreY: cell.north + cell.resolution / 2 });
      }),
    );
  });

  it('parse → format reproduces the id text', () => {
    fc.assert(
      fc.property(cells, (cell) => {
        const inspire = formatGridId(cell);
        expect(formatGridId(parseGridId(inspire))).toBe(inspire);
        const short = formatGridId(cell, 'zensus2011');
        expect(formatGridId(parseGridId(short), 'zensus2011')).toBe(short);
      }),
    );
  });

  it('every point lies in the cell that cellContaining returns, and the centre maps back to it', () => {
    fc.assert(
      // Offsets in thousandths of the edge, so no rounding can push a point into the next cell.
      fc.property(cells, fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 }), (cell, u, v) => {
        const x = cell.east + (u / 1000) * cell.resolution;
        const y = cell.north + (v / 1000) * cell.resolution;
        const found = cellContaining(x, y, cell.resolution);
        expect([found.east, found.north]).toEqual([cell.east, cell.north]);
        const parsed = parseGridId(formatGridId(cell));
        expect(cellContaining(parsed.centreX, parsed.centreY, cell.resolution)).toEqual(parsed);
      }),
    );
  });
});

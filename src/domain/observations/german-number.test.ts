import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decimalEvidence,
  detectDecimalMark,
  formatGermanNumber,
  parseGermanNumber,
  parseStatisticalValue,
} from './german-number.ts';
import { ImportError } from './import-error.ts';

describe('parseGermanNumber', () => {
  it.each([
    ['1.234,5', 1234.5],
    ['357582,00', 357582],
    ['56,73', 56.73],
    ['213 981', 213981],
    ['213\u00a0981', 213981],
    ['1\u202f234\u202f567,25', 1234567.25],
    ['-12,5', -12.5],
    ['\u22123,5', -3.5],
    ['+7', 7],
    ['1234.5', 1234.5],
    ['269.91', 269.91],
    ['0.123', 0.123],
    ['1.234.567', 1234567],
    ['1,234.5', 1234.5],
    ['1,234,567', 1234567],
    ['  82719540 ', 82719540],
    ['0', 0],
    ['-0', 0],
    ['007', 7],
  ])('reads %j as %d', (text, value) => {
    expect(parseGermanNumber(text)).toBe(value);
  });

  it('reads a single separator before exactly three digits by the column convention', () => {
    expect(parseGermanNumber('1.234')).toBe(1234);
    expect(parseGermanNumber('1.234', ',')).toBe(1234);
    expect(parseGermanNumber('1,234', ',')).toBe(1.234);
    expect(parseGermanNumber('1.234', '.')).toBe(1.234);
    expect(parseGermanNumber('1,234', '.')).toBe(1234);
    expect(parseGermanNumber('-12.345')).toBe(-12345);
    // Not a thousands group: leading zero, or more than three integer digits.
    expect(parseGermanNumber('0.234')).toBe(0.234);
    expect(parseGermanNumber('1234.567')).toBe(1234.567);
    // After space-grouped thousands the mark is the decimal mark.
    expect(parseGermanNumber('1 234,567')).toBe(1234.567);
    expect(parseGermanNumber('1 234.567')).toBe(1234.567);
  });

  it.each([
    '',
    ' ',
    '12a',
    'x',
    '-',
    '1,2,3',
    '1.23.4',
    '12.',
    ',5',
    '1e5',
    '1 23',
    '12 3456',
    '1.234,5,6',
    '1,234.567,8',
    '--5',
    '1 234.567,8',
    '€ 5',
    '5 %',
  ])('rejects %j', (text) => {
    expect(parseGermanNumber(text)).toBeUndefined();
  });

  it('reads back what formatGermanNumber writes (integers, grouped or not)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('.', ' ', '\u00a0', '\u202f', ''),
        (n, grouping) => {
          expect(parseGermanNumber(formatGermanNumber(n, { grouping: grouping as '.' }))).toBe(n === 0 ? 0 : n);
        },
      ),
    );
  });

  it('reads back what formatGermanNumber writes (any finite double, shortest form)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e18, max: 1e18 }), (n) => {
        const text = formatGermanNumber(n);
        expect(parseGermanNumber(text)).toBe(n === 0 ? 0 : n);
      }),
    );
  });

  it('reads back numbers with a fixed number of decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 6 }), (cents, decimals) => {
        const n = cents / 10 ** decimals;
        const text = formatGermanNumber(n, { decimals });
        expect(parseGermanNumber(text)).toBeCloseTo(n, decimals);
        expect(parseGermanNumber(text)).toBe(Number(n.toFixed(decimals)));
      }),
    );
  });

  it('reads back what Intl formats for de-DE', () => {
    const format = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 3 });
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 999 }), (whole, thousandths) => {
        const n = whole + Math.sign(whole || 1) * (thousandths / 1000);
        const text = format.format(n);
        expect(parseGermanNumber(text)).toBe(Number(text.replace(/\./g, '').replace(',', '.').replace('\u2212', '-')));
      }),
    );
  });

  it('never throws and never returns NaN on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const value = parseGermanNumber(text);
        expect(value === undefined || Number.isFinite(value)).toBe(true);
      }),
    );
  });
});

describe('parseStatisticalValue', () => {
  const at = { file: 'kreise.csv', line: 12, column: 4 };

  it('maps the GENESIS special values to flags; `-` is an observed zero', () => {
    expect(parseStatisticalValue('-', at)).toEqual({ value: 0, flag: 'zero' });
    expect(parseStatisticalValue('.', at)).toEqual({ value: null, flag: 'unknown_or_secret' });
    expect(parseStatisticalValue('x', at)).toEqual({ value: null, flag: 'not_meaningful' });
    expect(parseStatisticalValue('/', at)).toEqual({ value: null, flag: 'unreliable' });
    expect(parseStatisticalValue('...', at)).toEqual({ value: null, flag: 'later' });
    expect(parseStatisticalValue(' 56,73 ', at)).toEqual({ value: 56.73, flag: null });
  });

  it('rejects anything else with file, line, column and a German reason', () => {
    expect(() => parseStatisticalValue('12a', at)).toThrowError('kreise.csv, Zeile 12, Spalte 4: „12a“ ist keine Zahl.');
    expect(() => parseStatisticalValue('', at)).toThrowError(/Zeile 12, Spalte 4: Leeres Feld/);
    expect(() => parseStatisticalValue('constructor', at)).toThrowError(ImportError);
  });
});

describe('decimal mark detection', () => {
  it('counts only cells that are unambiguous', () => {
    expect(decimalEvidence(['1,5', '2,25', '1.234', '7'])).toEqual({ comma: 2, point: 0 });
    expect(decimalEvidence(['269.91', '1.234,5', '1,234.5'])).toEqual({ comma: 1, point: 2 });
    expect(detectDecimalMark(['269.91', '152.18'])).toBe('.');
    expect(detectDecimalMark(['11,027236', '50,93006'])).toBe(',');
    expect(detectDecimalMark(['1.234', '5'])).toBe(',');
  });
});

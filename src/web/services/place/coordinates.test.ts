import { describe, expect, it } from 'vitest';
import { formatDegrees, parseDegrees, parsePair, readTypedPoint, roundPoint, samePoint } from './coordinates.ts';

describe('parseDegrees', () => {
  it('reads German decimals with a comma and English ones with a dot', () => {
    expect(parseDegrees('51,0123')).toBe(51.0123);
    expect(parseDegrees('51.0123')).toBe(51.0123);
    expect(parseDegrees(' 10,4567° ')).toBe(10.4567);
    expect(parseDegrees('-0,5')).toBe(-0.5);
    expect(parseDegrees('−3,25')).toBe(-3.25);
    expect(parseDegrees('51')).toBe(51);
    expect(parseDegrees(',5')).toBe(0.5);
  });

  it('refuses text that is not one number', () => {
    expect(parseDegrees('')).toBeNull();
    expect(parseDegrees('51,01,23')).toBeNull();
    expect(parseDegrees('1.051,5')).toBeNull();
    expect(parseDegrees('51°N')).toBeNull();
    expect(parseDegrees('abc')).toBeNull();
    expect(parseDegrees('51,0123 10,4567')).toBe(null);
  });
});

describe('parsePair', () => {
  it('splits pasted pairs of latitude and longitude', () => {
    expect(parsePair('51.0123, 10.4567')).toEqual({ latitude: 51.0123, longitude: 10.4567 });
    expect(parsePair('51.0123,10.4567')).toEqual({ latitude: 51.0123, longitude: 10.4567 });
    expect(parsePair('51,0123; 10,4567')).toEqual({ latitude: 51.0123, longitude: 10.4567 });
    expect(parsePair('51,0123, 10,4567')).toEqual({ latitude: 51.0123, longitude: 10.4567 });
    expect(parsePair('51,0123 10,4567')).toEqual({ latitude: 51.0123, longitude: 10.4567 });
    expect(parsePair('51,0123 / 10,4567')).toEqual({ latitude: 51.0123, longitude: 10.4567 });
  });

  it('gives null for one number or nonsense', () => {
    expect(parsePair('51,0123')).toBeNull();
    expect(parsePair('51,0123,4567')).toBeNull();
    expect(parsePair('Musterstadt 3')).toBeNull();
    expect(parsePair('1 2 3')).toBeNull();
  });
});

describe('readTypedPoint', () => {
  it('returns the point when both fields hold degrees in range', () => {
    expect(readTypedPoint('51,0123', '10,4567')).toEqual({ ok: true, point: { latitude: 51.0123, longitude: 10.4567 } });
  });

  it('names the problem of each field', () => {
    expect(readTypedPoint('', 'x')).toEqual({ ok: false, latitude: 'empty', longitude: 'invalid' });
    expect(readTypedPoint('91', '10')).toEqual({ ok: false, latitude: 'range', longitude: null });
    expect(readTypedPoint('-90', '181')).toEqual({ ok: false, latitude: null, longitude: 'range' });
  });
});

describe('formatting and rounding', () => {
  it('shows degrees in the language of the interface without grouping', () => {
    expect(formatDegrees(51.0123456789, 'de')).toBe('51,012346');
    expect(formatDegrees(10.5, 'en')).toBe('10.5');
    expect(formatDegrees(-1234.5, 'de')).toBe('-1234,5');
  });

  it('rounds to six decimals and compares points with a tolerance', () => {
    expect(roundPoint({ latitude: 51.01234549, longitude: 10.0000005 })).toEqual({ latitude: 51.012345, longitude: 10.000001 });
    expect(samePoint({ latitude: 1, longitude: 2 }, { latitude: 1, longitude: 2 })).toBe(true);
    expect(samePoint({ latitude: 1, longitude: 2 }, { latitude: 1.001, longitude: 2 }, 0.01)).toBe(true);
    expect(samePoint({ latitude: 1, longitude: 2 }, null)).toBe(false);
    expect(samePoint(null, null)).toBe(true);
  });
});

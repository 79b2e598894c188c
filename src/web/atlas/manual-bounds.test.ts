import { describe, expect, it } from 'vitest';
import { formatManualBounds, manualBreakSpec, parseManualBounds, readBoundsParam, writeBoundsParam } from './manual-bounds.ts';

describe('manual class bounds', () => {
  it('reads German numbers separated by semicolons', () => {
    expect(parseManualBounds('10; 12,5; 15')).toEqual({ ok: true, bounds: [10, 12.5, 15] });
    expect(parseManualBounds('-2,5;0;1.500,25')).toEqual({ ok: true, bounds: [-2.5, 0, 1500.25] });
    expect(parseManualBounds(' 7 ;')).toEqual({ ok: true, bounds: [7] });
  });

  it('reads English numbers in the English UI', () => {
    expect(parseManualBounds('10; 12.5; 1,500', 'en')).toEqual({ ok: true, bounds: [10, 12.5, 1500] });
  });

  it('refuses what is not a German number, unordered, doubled or too many bounds', () => {
    expect(parseManualBounds('')).toEqual({ ok: false, error: { key: 'empty' } });
    expect(parseManualBounds('10; 12.5')).toEqual({ ok: false, error: { key: 'number', value: '12.5' } });
    expect(parseManualBounds('10, 20')).toEqual({ ok: false, error: { key: 'number', value: '10, 20' } });
    expect(parseManualBounds('zehn')).toEqual({ ok: false, error: { key: 'number', value: 'zehn' } });
    expect(parseManualBounds('15; 12,5')).toEqual({ ok: false, error: { key: 'order', value: '12,5', previous: '15' } });
    expect(parseManualBounds('5; 5,0')).toEqual({ ok: false, error: { key: 'duplicate', value: '5,0' } });
    const many = Array.from({ length: 20 }, (_, i) => String(i)).join(';');
    expect(parseManualBounds(many)).toEqual({ ok: false, error: { key: 'tooMany', max: 19 } });
  });

  it('writes the API spec with a decimal point and never a thousands-like bound', () => {
    expect(manualBreakSpec([10, 12.5, 15])).toBe('manual:10;12.5;15');
    // "1.125" would read as 1125 with a German thousands point; "1.1250" cannot.
    expect(manualBreakSpec([1.125, 2])).toBe('manual:1.1250;2');
    expect(formatManualBounds([10, 12.5, 1500])).toBe('10; 12,5; 1.500');
  });

  it('round-trips bounds through the permalink parameter', () => {
    expect(writeBoundsParam([10, 12.5, 15])).toBe('10;12.5;15');
    expect(readBoundsParam('10;12.5;15')).toEqual([10, 12.5, 15]);
    expect(readBoundsParam('-1;0.25')).toEqual([-1, 0.25]);
    expect(readBoundsParam('15;10')).toBeNull();
    expect(readBoundsParam('a;b')).toBeNull();
    expect(readBoundsParam(null)).toBeNull();
  });
});

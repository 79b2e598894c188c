import { describe, expect, it } from 'vitest';
import { compareWithParent } from './compare.ts';

describe('comparison with the parent value', () => {
  it('gives percentage points for percentages', () => {
    expect(compareWithParent(12.5, 9.35, '%')).toEqual({ direction: 'above', kind: 'points', amount: expect.closeTo(3.15, 10) });
    expect(compareWithParent(5, 9, '%')).toEqual({ direction: 'below', kind: 'points', amount: 4 });
  });

  it('gives per cent of the parent for other units, absolute for a parent of 0', () => {
    expect(compareWithParent(12, 10, 'je 1.000 Einw.')).toEqual({ direction: 'above', kind: 'relative', amount: 20 });
    expect(compareWithParent(-3, -2, 'je 1.000 Einw.')).toEqual({ direction: 'below', kind: 'relative', amount: 50 });
    expect(compareWithParent(2, 0, 'je 100')).toEqual({ direction: 'above', kind: 'absolute', amount: 2 });
  });

  it('treats tiny differences as equal', () => {
    expect(compareWithParent(9.351, 9.35, '%')).toEqual({ direction: 'equal', kind: 'points', amount: 0 });
  });
});

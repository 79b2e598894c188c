import { describe, expect, it } from 'vitest';
import type { ValuesResult } from './get-values.ts';
import { estimateBytes, PublicValuesCache } from './public-values-cache.ts';

function result(key: string, rows: number): ValuesResult {
  return {
    key,
    kind: 'indicator',
    label: key,
    unit: '%',
    period: '2024',
    level: 'gemeinde',
    territoryDate: '2024-12-31',
    rows: Array.from({ length: rows }, (_, i) => ({
      region: String(16000000 + i),
      name: `Gemeinde ${i}`,
      value: i,
      flag: null,
      origin: 'observed' as const,
    })),
    classification: null,
    sources: [],
    suppressed: 0,
  };
}

const fixedVersion = (v: { n: number }) => ({ current: () => Promise.resolve(v.n) });

describe('PublicValuesCache', () => {
  it('keeps results per version and forgets all of them when the version moves on', () => {
    const cache = new PublicValuesCache(fixedVersion({ n: 1 }));
    const a = result('a', 3);
    cache.set('a', 1, a);
    expect(cache.get('a', 1)).toBe(a);
    expect(cache.get('a', 2)).toBeUndefined();
    expect(cache.size().entries).toBe(0);
    // A result computed at an older version than the one seen is not kept.
    cache.set('a', 1, a);
    expect(cache.get('a', 2)).toBeUndefined();
    expect(cache.stats).toMatchObject({ hits: 1, misses: 2 });
  });

  it('drops the least recently used result when the entry or byte limit is reached', () => {
    const small = estimateBytes(result('x', 10));
    const cache = new PublicValuesCache(fixedVersion({ n: 1 }), { maxEntries: 2, maxBytes: small * 10 });
    cache.set('a', 1, result('a', 10));
    cache.set('b', 1, result('b', 10));
    expect(cache.get('a', 1)).toBeDefined();
    cache.set('c', 1, result('c', 10));
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBeDefined();
    expect(cache.get('c', 1)).toBeDefined();

    const bytes = new PublicValuesCache(fixedVersion({ n: 1 }), { maxEntries: 100, maxBytes: Math.floor(small * 2.5) });
    for (const k of ['a', 'b', 'c']) bytes.set(k, 1, result(k, 10));
    expect(bytes.size().entries).toBe(2);
    expect(bytes.size().bytes).toBeLessThanOrEqual(small * 2.5);
    expect(bytes.get('a', 1)).toBeUndefined();
    // A result larger than the whole budget is not kept at all.
    bytes.set('huge', 1, result('huge', 1000));
    expect(bytes.get('huge', 1)).toBeUndefined();
  });

  it('shares one version query among reads arriving together, and asks again for later reads', async () => {
    const v = { n: 7 };
    let queries = 0;
    const cache = new PublicValuesCache({ current: () => (queries++, Promise.resolve(v.n)) });
    const together = await Promise.all([cache.currentVersion(), cache.currentVersion(), cache.currentVersion()]);
    expect(together).toEqual([7, 7, 7]);
    expect(queries).toBe(1);
    v.n = 8;
    expect(await cache.currentVersion()).toBe(8);
    expect(queries).toBe(2);
  });

  it('answers a call made while a query runs with the next query, started after that one ended', async () => {
    const started: number[] = [];
    let release: (v: number) => void = () => undefined;
    const cache = new PublicValuesCache({
      current: () => {
        started.push(started.length + 1);
        return new Promise<number>((resolve) => (release = resolve));
      },
    });
    const first = cache.currentVersion();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([1]);
    const second = cache.currentVersion();
    const third = cache.currentVersion();
    expect(second).toBe(third);
    expect(started).toEqual([1]);
    release(1);
    expect(await first).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([1, 2]);
    release(2);
    expect(await second).toBe(2);
  });
});

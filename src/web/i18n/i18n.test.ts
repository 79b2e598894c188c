import { describe, expect, it } from 'vitest';
import { TEXTS } from './resources.ts';

const { de, en } = TEXTS;

/** All leaf keys of a resource file as dotted paths (array items by index). */
function leafKeys(value: unknown, prefix = ''): string[] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
      leafKeys(child, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [prefix];
}

function leafValues(value: unknown): string[] {
  if (value !== null && typeof value === 'object') return Object.values(value as object).flatMap(leafValues);
  return [String(value)];
}

/** The {{placeholders}} used by each key. */
function placeholders(value: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      Object.assign(out, placeholders(child, prefix ? `${prefix}.${key}` : key));
    }
  } else {
    out[prefix] = [...String(value).matchAll(/\{\{(\w+)\}\}/g)]
      .map((m) => m[1])
      .sort()
      .join(',');
  }
  return out;
}

describe('UI texts (i18n)', () => {
  it('has the same keys in German and English', () => {
    const german = leafKeys(de).sort();
    const english = leafKeys(en).sort();
    expect(german.filter((k) => !english.includes(k))).toEqual([]);
    expect(english.filter((k) => !german.includes(k))).toEqual([]);
    expect(german.length).toBeGreaterThan(100);
  });

  it('uses the same placeholders in both languages', () => {
    expect(placeholders(en)).toEqual(placeholders(de));
  });

  it('has no empty texts', () => {
    expect(leafValues(de).filter((v) => v.trim() === '')).toEqual([]);
    expect(leafValues(en).filter((v) => v.trim() === '')).toEqual([]);
  });

  it('translates the roles as agreed', () => {
    expect(de.roles).toEqual({ admin: 'Administration', planner: 'Planung', contributor: 'Mitarbeit', viewer: 'Lesen' });
  });
});

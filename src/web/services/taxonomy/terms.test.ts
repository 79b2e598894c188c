import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY } from '../../../domain/services/taxonomy.ts';
import { checkNewTerm, codeFromLabel, termBody, termCode, termsOf, withTerm } from './terms.ts';

describe('codeFromLabel', () => {
  it('spells out umlauts and joins words with underscores', () => {
    expect(codeFromLabel('Geflüchtete Frauen')).toBe('gefluechtete_frauen');
    expect(codeFromLabel('  Straßensozialarbeit (mobil) ')).toBe('strassensozialarbeit_mobil');
    expect(codeFromLabel('Café für Senior*innen')).toBe('cafe_fuer_senior_innen');
  });

  it('is empty when no letter or digit is left and never longer than 60 characters', () => {
    expect(codeFromLabel('–!?')).toBe('');
    expect(codeFromLabel('a '.repeat(40))).toHaveLength(59);
  });
});

describe('checkNewTerm', () => {
  it('derives the key from the label when no code is typed', () => {
    const result = checkNewTerm({ vocabulary: 'handlungsfeld', label: 'Quartiersarbeit', code: '' }, DEFAULT_TAXONOMY);
    expect(result).toEqual({ key: 'handlungsfeld.quartiersarbeit', problems: {} });
  });

  it('rejects a key that is taken, since saving would overwrite that term', () => {
    const result = checkNewTerm({ vocabulary: 'handlungsfeld', label: 'Bildung', code: '' }, DEFAULT_TAXONOMY);
    expect(result.problems).toEqual({ key: 'keyTaken' });
  });

  it('asks for a label and for a code when the label gives none', () => {
    expect(checkNewTerm({ vocabulary: 'zielgruppe', label: ' ', code: '' }, []).problems).toEqual({ label: 'labelRequired' });
    expect(checkNewTerm({ vocabulary: 'zielgruppe', label: '???', code: '' }, []).problems).toEqual({ key: 'codeMissing' });
    expect(checkNewTerm({ vocabulary: 'zielgruppe', label: 'x'.repeat(201), code: 'x' }, []).problems).toEqual({
      label: 'labelTooLong',
    });
  });

  it('uses a typed code as it is (the server checks its spelling)', () => {
    expect(checkNewTerm({ vocabulary: 'lebenslage', label: 'Mobilität', code: 'Mobil!' }, []).key).toBe('lebenslage.Mobil!');
  });
});

describe('term helpers', () => {
  const familien = DEFAULT_TAXONOMY.find((t) => t.key === 'zielgruppe.familien')!;

  it('builds a PUT body that keeps ages and description', () => {
    const senioren = DEFAULT_TAXONOMY.find((t) => t.key === 'zielgruppe.senioren')!;
    expect(termBody(senioren, { hidden: true })).toEqual({
      vocabulary: 'zielgruppe',
      label: 'Senior*innen (ab 65 Jahren)',
      description: null,
      minimumAge: 65,
      maximumAge: null,
      hidden: true,
    });
  });

  it('replaces a renamed term in place and sorts by label within its vocabulary', () => {
    const renamed = { ...familien, label: 'Aaa Familien' };
    const next = withTerm(DEFAULT_TAXONOMY, renamed);
    expect(next).toHaveLength(DEFAULT_TAXONOMY.length);
    expect(termsOf(next, 'zielgruppe')[0]).toEqual(renamed);
  });

  it('appends an own term to its vocabulary', () => {
    const own = {
      ...familien,
      key: 'handlungsfeld.quartier',
      vocabulary: 'handlungsfeld' as const,
      label: 'Quartier',
      builtIn: false,
    };
    const next = withTerm(DEFAULT_TAXONOMY, own);
    expect(termsOf(next, 'handlungsfeld').map((t) => t.key)).toContain('handlungsfeld.quartier');
    expect(next.at(-1)?.vocabulary).toBe('handlungsfeld');
    expect(termCode(own.key)).toBe('quartier');
  });
});

import { describe, expect, it } from 'vitest';
import type { ManagedIndicator } from './api.ts';
import { checkForm, definitionOf, emptyForm, fieldsOfProblem, formOf, parseFactor } from './form-state.ts';

const geburtenrate: ManagedIndicator = {
  key: 'demo.geburtenrate',
  label: 'Geburtenrate',
  unit: 'je 1.000',
  formula: { kind: 'ratio', numerator: 'demo.geburten', denominator: 'demo.bevoelkerung', factor: 1000 },
  polarity: 'neutral',
  lifeDomain: 'demografie',
  description: 'Lebendgeborene je 1.000 Einwohner*innen',
  methodNotes: '',
  published: true,
  scope: '99001',
  inputs: ['demo.bevoelkerung', 'demo.geburten'],
  periods: [],
};

describe('indicator form', () => {
  it('reads factors as typed in German and English', () => {
    expect(parseFactor('1000', 'de')).toBe(1000);
    expect(parseFactor('1.000', 'de')).toBe(1000);
    expect(parseFactor('1 000', 'de')).toBe(1000);
    expect(parseFactor('2,5', 'de')).toBe(2.5);
    expect(parseFactor('1.000,5', 'de')).toBe(1000.5);
    expect(parseFactor('2.5', 'de')).toBe(2.5);
    expect(parseFactor('1,000', 'en')).toBe(1000);
    expect(parseFactor('2.5', 'en')).toBe(2.5);
    expect(parseFactor('hundert', 'de')).toBeNull();
    expect(parseFactor('', 'de')).toBeNull();
  });

  it('round-trips a stored ratio indicator through the form into the same PUT body', () => {
    const form = formOf(geburtenrate, 'de');
    expect(form.factor).toBe('1000');
    const { label, unit, formula, polarity, lifeDomain, description, methodNotes, published } = geburtenrate;
    expect(definitionOf(form, 'de')).toEqual({ label, unit, formula, polarity, lifeDomain, description, methodNotes, published });
    expect(
      formOf({ ...geburtenrate, formula: { kind: 'ratio', numerator: 'a', denominator: 'b', factor: 2.5 } }, 'de').factor,
    ).toBe('2,5');
  });

  it('finds what the browser can check: key, label, variables, factor, formula', () => {
    const options = { creating: true, existingKeys: new Set(['demo.geburtenrate']), language: 'de' };
    expect(checkForm(emptyForm(), options)).toEqual({
      key: 'keyMissing',
      label: 'labelMissing',
      numerator: 'numeratorMissing',
      denominator: 'denominatorMissing',
    });
    const filled = { ...formOf(geburtenrate, 'de'), key: 'demo.geburtenrate' };
    expect(checkForm(filled, options)).toEqual({ key: 'keyTaken' });
    expect(checkForm({ ...filled, key: 'kita quote' }, options)).toEqual({ key: 'keyPattern' });
    expect(checkForm({ ...filled, key: 'x', factor: '0', denominator: 'demo.geburten' }, options)).toEqual({
      factor: 'factorZero',
      denominator: 'sameVariable',
    });
    expect(checkForm({ ...filled, kind: 'expression', source: ' ' }, { ...options, creating: false })).toEqual({
      source: 'sourceMissing',
    });
  });

  it('puts server problems at the field they are about', () => {
    expect(fieldsOfProblem('validation', { label: 'Mindestens 1 Zeichen.' }, 'ratio')).toEqual({
      label: 'Mindestens 1 Zeichen.',
    });
    expect(fieldsOfProblem('validation', { 'formula.factor': 'Falscher Typ.' }, 'ratio')).toEqual({ factor: 'Falscher Typ.' });
    expect(fieldsOfProblem('unknown-variable', { formula: 'Unbekanntes Merkmal' }, 'expression')).toEqual({
      source: 'Unbekanntes Merkmal',
    });
    expect(fieldsOfProblem('invalid-factor', {}, 'ratio')).toEqual({ factor: '' });
    expect(fieldsOfProblem('forbidden', {}, 'ratio')).toEqual({});
  });
});

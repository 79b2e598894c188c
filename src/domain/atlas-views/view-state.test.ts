import { describe, expect, it } from 'vitest';
import { InvalidError } from '../shared/errors.ts';
import { parseViewState, writeViewState } from './view-state.ts';

/** The German message of the error a state raises. */
function problem(text: string): string {
  try {
    parseViewState(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).code).toBe('invalid-view-state');
    return (error as InvalidError).message;
  }
  throw new Error(`accepted: ${text}`);
}

describe('parseViewState', () => {
  it('reads a full permalink query and writes it back unchanged', () => {
    const text =
      'kommune=99001&indikator=demo.kinderarmut&zeitraum=2024-12-31&ebene=gemeinde&klassifikation=jenks&klassen=4&farben=divergierend&gebiet=99001001';
    const state = parseViewState(`?${text}`);
    expect(state).toEqual({
      tenant: '99001',
      indicator: 'demo.kinderarmut',
      period: '2024-12-31',
      level: 'gemeinde',
      method: 'jenks',
      classes: 4,
      bounds: null,
      palette: 'diverging',
      region: '99001001',
    });
    expect(writeViewState(state)).toBe(text);
  });

  it('fills the atlas defaults and writes them out (Gemeinde, quantile, 5 classes, sequential)', () => {
    const state = parseViewState('indikator=demo.altenquotient');
    expect(state).toMatchObject({ level: 'gemeinde', method: 'quantile', classes: 5, palette: 'sequential', period: null });
    expect(writeViewState(state)).toBe('indikator=demo.altenquotient&ebene=gemeinde&klassifikation=quantile&klassen=5');
  });

  it('takes manual bounds with their count from the bounds', () => {
    const state = parseViewState('indikator=x&klassifikation=manual&grenzen=-1.5;10;12.25');
    expect(state).toMatchObject({ method: 'manual', classes: null, bounds: [-1.5, 10, 12.25] });
    expect(writeViewState(state)).toBe('indikator=x&ebene=gemeinde&klassifikation=manual&grenzen=-1.5%3B10%3B12.25');
    expect(parseViewState(writeViewState(state))).toEqual(state);
  });

  it('refuses unknown and repeated parameters', () => {
    expect(problem('indikator=x&farbe=rot')).toContain('Unbekannter Parameter „farbe“.');
    expect(problem('indikator=x&indikator=y')).toContain('Der Parameter „indikator“ kommt mehrfach vor.');
  });

  it('needs an indicator', () => {
    expect(problem('ebene=kreis')).toBe(
      'Die gespeicherte Ansicht ist ungültig: Die Ansicht nennt keinen Indikator (Parameter „indikator“).',
    );
    expect(problem('indikator=')).toContain('Der Indikator „“ ist kein gültiger Schlüssel.');
  });

  it('names every malformed value in one German message', () => {
    const message = problem('kommune=abc&indikator=x y&zeitraum=24&ebene=bund&klassifikation=kmeans&farben=bunt&gebiet=<b>');
    expect(message).toContain('Die Gebietskörperschaft „abc“ ist kein gültiger Kreis- oder Landesschlüssel.');
    expect(message).toContain('Der Indikator „x y“ ist kein gültiger Schlüssel.');
    expect(message).toContain('Der Zeitraum „24“ ist ungültig (JJJJ oder JJJJ-MM-TT).');
    expect(message).toContain('Die Ebene „bund“ ist unbekannt (erlaubt: gemeinde, planning_area, kreis, land).');
    expect(message).toContain('Die Klassifikation „kmeans“ ist unbekannt');
    expect(message).toContain('Die Farbgebung „bunt“ ist unbekannt');
    expect(message).toContain('Das Gebiet „<b>“ ist kein gültiger Gebietsschlüssel.');
  });

  it('allows only the class counts of the atlas', () => {
    expect(problem('indikator=x&klassen=8')).toContain('Die Zahl der Klassen „8“ ist unzulässig (erlaubt: 3 bis 7).');
    expect(problem('indikator=x&klassen=05')).toContain('unzulässig');
    expect(parseViewState('indikator=x&klassen=3').classes).toBe(3);
  });

  it('keeps bounds and manual classes together', () => {
    expect(problem('indikator=x&klassifikation=manual')).toContain('Manuelle Klassen brauchen Klassengrenzen');
    expect(problem('indikator=x&grenzen=1;2')).toContain(
      'Klassengrenzen („grenzen“) gibt es nur bei der Klassifikation „manual“.',
    );
    expect(problem('indikator=x&klassifikation=manual&grenzen=1;2&klassen=3')).toContain('„klassen“ entfällt');
    expect(problem('indikator=x&klassifikation=manual&grenzen=2;1')).toContain('Die Klassengrenzen „2;1“ sind ungültig');
    expect(problem('indikator=x&klassifikation=manual&grenzen=1,5')).toContain('sind ungültig');
    const twenty = Array.from({ length: 20 }, (_, i) => i).join(';');
    expect(problem(`indikator=x&klassifikation=manual&grenzen=${twenty}`)).toContain('höchstens 19');
  });

  it('refuses a state longer than 2,000 characters and shortens long values in messages', () => {
    expect(problem(`indikator=x&gebiet=${'a'.repeat(2000)}`)).toBe(
      'Die gespeicherte Ansicht ist ungültig: Die Ansicht ist zu lang (höchstens 2.000 Zeichen).',
    );
    const message = problem(`indikator=${'b'.repeat(150)}`);
    expect(message).toContain(`„${'b'.repeat(40)}…“`);
    expect(message).not.toContain('b'.repeat(41));
  });
});

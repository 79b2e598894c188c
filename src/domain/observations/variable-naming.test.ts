import { describe, expect, it } from 'vitest';
import { attributionFromText, isAdditive, isUnitLabel, licenceFromText, slugify } from './variable-naming.ts';

describe('variable naming', () => {
  it('makes key fragments from German labels', () => {
    expect(slugify('Gebietsfläche')).toBe('gebietsflaeche');
    expect(slugify('Schülerinnen und Schüler an allgemeinbildenden Schulen')).toBe(
      'schuelerinnen-und-schueler-an-allgemeinbildenden-schulen',
    );
    expect(slugify('verfüg. Einkommen der priv. Haushalte je Einwohner')).toBe(
      'verfueg-einkommen-der-priv-haushalte-je-einwohner',
    );
    expect(slugify('Straße / Größe')).toBe('strasse-groesse');
  });

  it('recognises units', () => {
    for (const unit of ['Anzahl', 'qkm', 'Tsd. EUR', 'EUR', '%', 'Prozent', 'Jahre', 'je 1000 Einwohner', 'km²'])
      expect(isUnitLabel(unit)).toBe(true);
    for (const text of ['Personen', 'Insgesamt', 'Gebietsfläche', 'weiblich', '']) expect(isUnitLabel(text)).toBe(false);
  });

  it('tells additive counts and totals from rates, shares, means and per-capita values', () => {
    expect(isAdditive('Anzahl', 'Bevölkerungsstand | Insgesamt')).toBe(true);
    expect(isAdditive('qkm', 'Gebietsfläche')).toBe(true);
    expect(isAdditive('Tsd. EUR', 'verfügbares Einkommen der privaten Haushalte')).toBe(true);
    expect(isAdditive('Anzahl', 'aufgestellte Betten im Jahresdurchschnitt')).toBe(true);
    expect(isAdditive('EUR', 'verfüg. Einkommen der priv. Haushalte je Einwohner')).toBe(false);
    expect(isAdditive('Prozent', 'Arbeitslosenquote bez. auf alle zivile Erwerbsp.')).toBe(false);
    expect(isAdditive('%', 'Ausländeranteil')).toBe(false);
    expect(isAdditive('Jahre', 'Durchschnittsalter')).toBe(false);
    expect(isAdditive('Anzahl', 'Durchschnittliche Haushaltsgröße')).toBe(false);
    expect(isAdditive('persons', 'Bevölkerung unter 18 Jahren')).toBe(true);
    expect(isAdditive('per_1000', 'Quote Empfänger*innen von AsylbLG-Leistungen (je 1.000 Einw.)')).toBe(false);
    expect(isAdditive('', 'Einwohner')).toBe(false);
  });

  it('reads licence and attribution from a GENESIS footer', () => {
    const footer =
      '© Statistische Ämter des Bundes und der Länder, Deutschland, 2020.\nDieses Werk ist lizenziert unter der Datenlizenz Deutschland\n- Namensnennung - Version 2.0.';
    expect(licenceFromText(footer)).toBe('dl-de/by-2-0');
    expect(attributionFromText(footer)).toBe('© Statistische Ämter des Bundes und der Länder, Deutschland, 2020');
    expect(attributionFromText('© Statistische Ämter des Bundes und der Länder, Deutschland, 2024. Lizenziert unter …')).toBe(
      '© Statistische Ämter des Bundes und der Länder, Deutschland, 2024',
    );
    expect(licenceFromText('Quelle: eigene Erhebung')).toBeUndefined();
  });
});

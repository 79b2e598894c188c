import { defineIndicator, type Indicator } from '../indicators/indicator.ts';

/**
 * The demo's indicators: common social-planning rates over the demo variables, each with
 * its formula, polarity, Lebenslage and method notes. Shares are in %, rates per 1,000
 * inhabitants; age brackets follow the demo variables (e.g. "working age" = 18–64).
 */
const D = (key: string) => `demo.${key}`;
const common = { description: '', methodNotes: '' };

export const DEMO_INDICATORS: readonly Indicator[] = [
  defineIndicator({
    ...common,
    key: D('sgb2_quote'),
    label: 'SGB-II-Quote',
    unit: '%',
    formula: {
      kind: 'expression',
      source: `${D('sgb2_personen')} / (${D('bevoelkerung')} - ${D('alter_65_79')} - ${D('alter_80_plus')}) * 100`,
    },
    polarity: 'higher_is_worse',
    lifeDomain: 'einkommen_armut',
    description: 'Anteil der Personen in SGB-II-Bedarfsgemeinschaften an der Bevölkerung unter 65 Jahren.',
    methodNotes: 'Zähler und Nenner werden für größere Gebiete erst summiert, dann geteilt.',
  }),
  defineIndicator({
    ...common,
    key: D('kinderarmut'),
    label: 'Kinderarmutsquote (SGB II, unter 15 Jahren)',
    unit: '%',
    formula: { kind: 'expression', source: `${D('sgb2_kinder_u15')} / (${D('alter_0_5')} + ${D('alter_6_14')}) * 100` },
    polarity: 'higher_is_worse',
    lifeDomain: 'einkommen_armut',
    description: 'Anteil der Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften an allen Kindern unter 15 Jahren.',
  }),
  defineIndicator({
    ...common,
    key: D('arbeitslosenanteil'),
    label: 'Arbeitslosenanteil (18 bis unter 65 Jahre)',
    unit: '%',
    formula: { kind: 'expression', source: `${D('arbeitslose')} / (${D('alter_18_24')} + ${D('alter_25_64')}) * 100` },
    polarity: 'higher_is_worse',
    lifeDomain: 'erwerb_arbeit',
    description: 'Arbeitslose je 100 Einwohner*innen im Alter von 18 bis unter 65 Jahren.',
    methodNotes: 'Keine Arbeitslosenquote der Bundesagentur (die bezieht sich auf die Erwerbspersonen).',
  }),
  defineIndicator({
    ...common,
    key: D('langzeitarbeitslose_anteil'),
    label: 'Anteil Langzeitarbeitsloser an den Arbeitslosen',
    unit: '%',
    formula: { kind: 'ratio', numerator: D('langzeitarbeitslose'), denominator: D('arbeitslose'), factor: 100 },
    polarity: 'higher_is_worse',
    lifeDomain: 'erwerb_arbeit',
  }),
  defineIndicator({
    ...common,
    key: D('jugendquotient'),
    label: 'Jugendquotient',
    unit: 'je 100',
    formula: {
      kind: 'expression',
      source: `(${D('alter_0_5')} + ${D('alter_6_14')} + ${D('alter_15_17')}) / (${D('alter_18_24')} + ${D('alter_25_64')}) * 100`,
    },
    polarity: 'neutral',
    lifeDomain: 'demografie',
    description: 'Personen unter 18 Jahren je 100 Personen von 18 bis unter 65 Jahren.',
  }),
  defineIndicator({
    ...common,
    key: D('altenquotient'),
    label: 'Altenquotient',
    unit: 'je 100',
    formula: {
      kind: 'expression',
      source: `(${D('alter_65_79')} + ${D('alter_80_plus')}) / (${D('alter_18_24')} + ${D('alter_25_64')}) * 100`,
    },
    polarity: 'neutral',
    lifeDomain: 'demografie',
    description: 'Personen ab 65 Jahren je 100 Personen von 18 bis unter 65 Jahren.',
  }),
  defineIndicator({
    ...common,
    key: D('auslaenderanteil'),
    label: 'Ausländeranteil',
    unit: '%',
    formula: { kind: 'ratio', numerator: D('auslaender'), denominator: D('bevoelkerung'), factor: 100 },
    polarity: 'neutral',
    lifeDomain: 'migration',
  }),
  defineIndicator({
    ...common,
    key: D('geburtenrate'),
    label: 'Geburtenrate',
    unit: 'je 1.000 Einw.',
    formula: { kind: 'ratio', numerator: D('geburten'), denominator: D('bevoelkerung'), factor: 1000 },
    polarity: 'neutral',
    lifeDomain: 'demografie',
    methodNotes: 'Lebendgeborene im Jahr je 1.000 Einwohner*innen am Jahresende.',
  }),
  defineIndicator({
    ...common,
    key: D('wanderungssaldo'),
    label: 'Wanderungssaldo',
    unit: 'je 1.000 Einw.',
    formula: { kind: 'expression', source: `(${D('zuzuege')} - ${D('fortzuege')}) / ${D('bevoelkerung')} * 1000` },
    polarity: 'higher_is_better',
    lifeDomain: 'demografie',
  }),
  defineIndicator({
    ...common,
    key: D('alleinerziehende_anteil'),
    label: 'Anteil Alleinerziehender an den Haushalten',
    unit: '%',
    formula: { kind: 'ratio', numerator: D('haushalte_alleinerziehend'), denominator: D('haushalte'), factor: 100 },
    polarity: 'neutral',
    lifeDomain: 'teilhabe',
  }),
  defineIndicator({
    ...common,
    key: D('hochaltrige_anteil'),
    label: 'Anteil Hochaltriger (80 Jahre und älter)',
    unit: '%',
    formula: { kind: 'ratio', numerator: D('alter_80_plus'), denominator: D('bevoelkerung'), factor: 100 },
    polarity: 'neutral',
    lifeDomain: 'gesundheit',
  }),
];

/** The demo's composite index (Sozialindex) in the style of Berlin's Monitoring Soziale Stadtentwicklung. */
export const DEMO_COMPOSITE_INDEX = {
  key: D('sozialindex'),
  label: 'Sozialindex Musterland (Status und Dynamik)',
  components: [
    { indicatorKey: D('sgb2_quote'), weight: 1, polarity: 'higher_is_worse' as const },
    { indicatorKey: D('kinderarmut'), weight: 1, polarity: 'higher_is_worse' as const },
    { indicatorKey: D('arbeitslosenanteil'), weight: 1, polarity: 'higher_is_worse' as const },
    { indicatorKey: D('langzeitarbeitslose_anteil'), weight: 1, polarity: 'higher_is_worse' as const },
  ],
  populationVariable: D('bevoelkerung'),
  populationFloor: 300,
  spanYears: 3,
};

/**
 * JSON-stat 2.0 dataset for the values of one variable and period over regions: one
 * dimension `region` (plus the fixed `period`), values in region order, GENESIS special
 * values as `status` symbols, source and attribution in `source` / `extension`.
 */
export function jsonStatDataset(input: {
  label: string;
  unit: string;
  source: string;
  attribution: string;
  licence: string;
  period: string;
  rows: readonly { region: string; name: string | null; value: number | null; flag: string | null }[];
  updated: Date;
}) {
  const symbols: Record<string, string> = {
    zero: '-',
    unknown_or_secret: '.',
    not_meaningful: 'x',
    unreliable: '/',
    later: '...',
    secret: '.',
    no_value: '-',
    suppressed: '.',
  };
  const status: Record<string, string> = {};
  input.rows.forEach((r, i) => {
    if (r.flag && symbols[r.flag]) status[String(i)] = symbols[r.flag]!;
  });
  return {
    version: '2.0',
    class: 'dataset',
    label: input.label,
    source: input.source,
    updated: input.updated.toISOString(),
    id: ['period', 'region'],
    size: [1, input.rows.length],
    dimension: {
      period: { label: 'Zeitraum', category: { index: [input.period] } },
      region: {
        label: 'Gebiet',
        category: {
          index: input.rows.map((r) => r.region),
          label: Object.fromEntries(input.rows.map((r) => [r.region, r.name ?? r.region])),
          unit: undefined,
        },
      },
    },
    value: input.rows.map((r) => r.value),
    ...(Object.keys(status).length > 0 ? { status } : {}),
    extension: { unit: input.unit, attribution: input.attribution, licence: input.licence },
  };
}

/**
 * The generated counts of the map benchmarks (P2, P4, P5): per Gemeinde key the population under
 * 65 and the persons in SGB II households (about 5 % of the Gemeinden with 0–2, so that primary
 * and secondary suppression happen), seed 4242, one period, plus the two shared variables and
 * the ratio indicator over them.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { IndicatorInput } from '../../src/use-cases/atlas/define-indicator.ts';
import { random } from './util.ts';

export const GENERATED_PERIOD = '2024-12-31';

/** Keys of the two variables and the indicator of one benchmark (`p2.sgb2_personen`, …). */
export function generatedKeys(prefix: string) {
  return {
    numerator: `${prefix}.sgb2_personen`,
    denominator: `${prefix}.bevoelkerung_u65`,
    indicator: `${prefix}.sgb2_quote`,
  };
}

/** Inserts the counts for `keys` (and, with `regions`, a Gemeinde record per key) and the two variables. */
export async function insertGeneratedCounts(
  db: Kysely<DB>,
  options: { prefix: string; keys: readonly string[]; attribution: string; regions: boolean },
): Promise<void> {
  const { numerator, denominator } = generatedKeys(options.prefix);
  const next = random(4242);
  for (let i = 0; i < options.keys.length; i += 2000) {
    const slice = options.keys.slice(i, i + 2000);
    if (options.regions)
      await db
        .insertInto('regions')
        .values(
          slice.map((key) => ({
            key,
            level: 'gemeinde' as const,
            name: `Gemeinde ${key}`,
            parent_key: key.slice(0, 5),
            owner_tenant_key: null,
            valid_from: '1900-01-01',
          })),
        )
        .execute();
    const rows = slice.flatMap((key) => {
      const population = Math.round(300 + next() * 40_000);
      const recipients = next() < 0.05 ? Math.floor(next() * 3) : Math.round(population * (0.02 + next() * 0.12));
      return [
        { variable_key: denominator, region_key: key, value: population },
        { variable_key: numerator, region_key: key, value: recipients },
      ];
    });
    await db
      .insertInto('observations')
      .values(rows.map((r) => ({ ...r, scope: 'shared', period: GENERATED_PERIOD, flag: null, quality: null, import_id: 1 })))
      .execute();
  }
  for (const [key, label] of [
    [numerator, 'Personen in SGB-II-Bedarfsgemeinschaften'],
    [denominator, 'Bevölkerung unter 65 Jahren'],
  ] as const) {
    await db
      .insertInto('variables')
      .values({
        scope: 'shared',
        key,
        label,
        unit: 'Anzahl',
        source: 'Benchmark (generiert)',
        licence: 'CC0-1.0',
        attribution: options.attribution,
        additive: true,
        import_id: null,
      })
      .execute();
  }
}

/** The ratio indicator over the generated counts (persons in SGB II households per 100 under 65). */
export function generatedIndicator(prefix: string, options: { label: string; published?: boolean }): IndicatorInput {
  const { numerator, denominator, indicator } = generatedKeys(prefix);
  return {
    key: indicator,
    label: options.label,
    unit: '%',
    formula: { kind: 'ratio', numerator, denominator, factor: 100 },
    polarity: 'higher_is_worse',
    lifeDomain: 'einkommen_armut',
    ...(options.published === undefined ? {} : { published: options.published }),
  };
}

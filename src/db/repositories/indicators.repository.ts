import type { Kysely } from 'kysely';
import { defineIndicator, type Indicator, type LifeDomain, type Polarity } from '../../domain/indicators/indicator.ts';
import type { CompositeIndexDefinition, IndicatorStore, StoredIndicator } from '../../use-cases/ports.ts';
import type { DB } from '../schema.ts';

type StoredFormula =
  { kind: 'ratio'; numerator: string; denominator: string; factor: number } | { kind: 'expression'; source: string };

function storedFormula(indicator: Indicator): StoredFormula {
  const f = indicator.formula;
  return f.kind === 'ratio'
    ? { kind: 'ratio', numerator: f.numerator, denominator: f.denominator, factor: f.factor }
    : { kind: 'expression', source: f.source };
}

/** Indicator and composite-index definitions; formulas are stored as source text and parsed again when read. */
export function indicatorsRepository(db: Kysely<DB>): IndicatorStore {
  return {
    async list(scopes) {
      if (scopes.length === 0) return [];
      const rows = await db.selectFrom('indicators').selectAll().where('scope', 'in', scopes).orderBy('key').execute();
      return rows.map((r): StoredIndicator => ({
        ...defineIndicator({
          key: r.key,
          label: r.label,
          unit: r.unit,
          formula: r.formula as StoredFormula,
          polarity: r.polarity as Polarity,
          lifeDomain: r.life_domain as LifeDomain,
          description: r.description,
          methodNotes: r.method_notes,
        }),
        scope: r.scope,
        published: r.published,
      }));
    },
    async save(scope, indicator, published, at) {
      const values = {
        label: indicator.label,
        unit: indicator.unit,
        formula: JSON.stringify(storedFormula(indicator)),
        polarity: indicator.polarity,
        life_domain: indicator.lifeDomain,
        description: indicator.description,
        method_notes: indicator.methodNotes,
        published,
        updated_at: at,
      };
      await db
        .insertInto('indicators')
        .values({ scope, key: indicator.key, ...values })
        .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet(values))
        .execute();
    },
    async remove(scope, key) {
      const result = await db.deleteFrom('indicators').where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async compositeIndexes(scopes) {
      if (scopes.length === 0) return [];
      const rows = await db.selectFrom('composite_indexes').selectAll().where('scope', 'in', scopes).orderBy('key').execute();
      return rows.map((r) => ({
        ...(r.definition as unknown as CompositeIndexDefinition),
        key: r.key,
        label: r.label,
        scope: r.scope,
      }));
    },
    async saveCompositeIndex(scope, definition, at) {
      const { key, label, ...rest } = definition;
      const values = { label, definition: JSON.stringify(rest), updated_at: at };
      await db
        .insertInto('composite_indexes')
        .values({ scope, key, ...values })
        .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet(values))
        .execute();
    },
  };
}

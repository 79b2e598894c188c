import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-atlas-data.ts';
import * as m0003 from './0003-region-geometry-history.ts';
import * as m0004 from './0004-indicators.ts';
import * as m0005 from './0005-data-version.ts';
import * as m0006 from './0006-services.ts';
import * as m0007 from './0007-saved-views.ts';
import * as m0008 from './0008-grid-cells.ts';
import * as m0009 from './0009-service-reminders.ts';

/**
 * All migrations in order. Listed statically (not read from disk) so that they work the
 * same under tsx, Vitest and a bundled build; add each new migration here.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-atlas-data': m0002,
  '0003-region-geometry-history': m0003,
  '0004-indicators': m0004,
  '0005-data-version': m0005,
  '0006-services': m0006,
  '0007-saved-views': m0007,
  '0008-grid-cells': m0008,
  '0009-service-reminders': m0009,
};

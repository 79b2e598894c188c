import type { GridDatasetInfo } from '../../domain/grid/population-grid.ts';
import { requireReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { PopulationGridStore } from './ports.ts';

/** The population grids stored for a municipality (members and the state organisation may read them). */
export async function listPopulationGrids(
  deps: { grids: PopulationGridStore },
  actor: Actor,
  input: { tenantKey: string },
): Promise<GridDatasetInfo[]> {
  requireReadTenant(actor, input.tenantKey);
  return deps.grids.list(input.tenantKey);
}

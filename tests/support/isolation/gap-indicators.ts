import type { IsolationRequest } from './index.ts';

/** Saving the gap analysis (Abgleich) as atlas indicators. */
export const REQUESTS: Record<string, IsolationRequest> = {
  'POST /api/tenants/:tenantKey/gap-analysis/indicators': {
    body: {
      rows: [
        {
          key: 'x',
          label: 'Eindringling',
          termKeys: ['handlungsfeld.kindertagesbetreuung'],
          targetVariableKey: 'bevoelkerung',
          period: '2022',
        },
      ],
    },
  },
};

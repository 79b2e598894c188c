import { describe, expect, it } from 'vitest';
import { parseViewState, writeViewState } from '../../../domain/atlas-views/view-state.ts';
import { DEFAULT_VIEW, readView, writeView, type AtlasView } from '../permalink.ts';

const VIEWS: AtlasView[] = [
  { ...DEFAULT_VIEW, tenant: '99001', indicator: 'demo.kinderarmut', period: '2024-12-31' },
  {
    ...DEFAULT_VIEW,
    tenant: '16051',
    indicator: 'th.sgb2_quote',
    period: '2023',
    level: 'planning_area',
    method: 'jenks',
    classes: 7,
    palette: 'diverging',
    region: 'SR-Nord_1',
  },
  {
    ...DEFAULT_VIEW,
    tenant: '99001',
    indicator: 'demo.altenquotient',
    period: null,
    level: 'kreis',
    method: 'manual',
    classes: 4,
    bounds: [-2.5, 0, 10.125],
  },
];

describe('saved view state ↔ atlas permalink', () => {
  it.each(VIEWS)(
    'the server accepts what the atlas writes and stores it so that the atlas reads the same view ($indicator)',
    (view) => {
      const query = writeView(view).toString();
      const stored = writeViewState(parseViewState(query));
      expect(stored).toBe(query);
      expect(readView(new URLSearchParams(stored))).toEqual(readView(new URLSearchParams(query)));
    },
  );
});

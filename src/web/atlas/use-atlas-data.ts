import { useMemo } from 'react';
import { useSession } from '../session.tsx';
import { atlasData, type AtlasData } from './data.ts';

/** Anonymous visitors (and state-level members) read the published atlas. */
const publicData = atlasData('public');

/**
 * The atlas data source of the signed-in person: members of a Landkreis or kreisfreie Stadt read
 * their municipality's own atlas (unpublished indicators included), everyone else the public one.
 */
export function useAtlasData(): AtlasData {
  const { session } = useSession();
  const own = useMemo(
    () =>
      (session?.user?.memberships ?? [])
        .filter((m) => m.tenantKind === 'landkreis' || m.tenantKind === 'kreisfreie_stadt')
        .map((m) => ({ tenantKey: m.tenantKey, name: m.tenantName })),
    [session],
  );
  const ownKey = own.map((o) => o.tenantKey).join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- ownKey stands for `own`
  return useMemo(() => (own.length > 0 ? atlasData('tenant', own) : publicData), [ownKey]);
}

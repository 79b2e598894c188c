import { useEffect, useState } from 'react';
import { api, type Meta } from './api.ts';

/** `/api/meta` with the optional basemap of the atlas (both absent when none is configured). */
export interface InstallationMeta extends Meta {
  basemapStyleUrl?: string;
  basemapAttribution?: string;
}

let cached: Promise<InstallationMeta> | null = null;

/** Public facts about this installation (version, feedback address, optional basemap); null until loaded. */
export function useMeta(): InstallationMeta | null {
  const [meta, setMeta] = useState<InstallationMeta | null>(null);
  useEffect(() => {
    let active = true;
    cached ??= api.meta();
    cached
      .then((m) => {
        if (active) setMeta(m);
      })
      .catch(() => {
        cached = null;
      });
    return () => {
      active = false;
    };
  }, []);
  return meta;
}

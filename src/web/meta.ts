import { useEffect, useState } from 'react';
import { api, type Meta } from './api.ts';

let cached: Promise<Meta> | null = null;

/** Public facts about this installation (version, feedback address); null until loaded. */
export function useMeta(): Meta | null {
  const [meta, setMeta] = useState<Meta | null>(null);
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

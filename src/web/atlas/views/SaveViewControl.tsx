import type { AtlasView } from '../permalink.ts';

/** Saving the current atlas view and the link to the saved views — placeholder, being built. */
export function SaveViewControl({ view }: { view: AtlasView }) {
  void view;
  return null;
}

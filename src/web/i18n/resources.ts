/// <reference types="vite/client" />
import de from './de.json';
import en from './en.json';

type Texts = Record<string, unknown>;

// Feature modules keep their texts in `parts/<feature>.<language>.json` (one top-level key per file),
// so that work on one module never edits another module's texts.
const parts = import.meta.glob<Texts>('./parts/*.json', { eager: true, import: 'default' });

function merged(language: 'de' | 'en', base: Texts): Texts {
  const out: Texts = { ...base };
  for (const [path, texts] of Object.entries(parts)) {
    if (!path.endsWith(`.${language}.json`)) continue;
    for (const [key, value] of Object.entries(texts)) {
      if (key in out) throw new Error(`UI text key "${key}" is defined twice (${path})`);
      out[key] = value;
    }
  }
  return out;
}

/** All UI texts per language: the shared files plus every feature's part file, merged by top-level key. */
export const TEXTS = { de: merged('de', de), en: merged('en', en) } as const;

import type { AtlasValues } from './types.ts';

/** The file name of an export: `<indicator key>_<period>_<level>.<extension>` with unsafe characters as `_`. */
export function exportFileName(values: Pick<AtlasValues, 'key' | 'period'>, level: string, extension: string): string {
  return `${values.key.replace(/[^A-Za-z0-9_-]+/g, '_')}_${values.period}_${level}.${extension}`;
}

/** Offers a file for download through a temporary link. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

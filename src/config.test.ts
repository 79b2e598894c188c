import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses documented defaults on an empty environment', () => {
    const result = loadConfig({}, '/srv/planwerk');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.port).toBe(3000);
    expect(result.config.dataDir).toBe('/srv/planwerk/data');
    expect(result.config.databaseUrl).toBeUndefined();
    expect(result.config.seedDemo).toBe(true);
    expect(result.config.sessionLifetimeSeconds).toBe(12 * 3600);
  });

  it('reports every invalid variable at once, in German', () => {
    const result = loadConfig({
      PORT: 'achtzig',
      DATABASE_URL: 'mysql://db/planwerk',
      PLANWERK_DEMO_PASSWORD: 'kurz',
      LOG_LEVEL: 'laut',
      PLANWERK_DEMO: 'vielleicht',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'PORT: „achtzig“ ist keine ganze Zahl.',
      'DATABASE_URL: Schema „mysql:“ wird nicht unterstützt (erwartet postgres:).',
      'PLANWERK_DEMO_PASSWORD: muss mindestens 12 Zeichen lang sein.',
      'LOG_LEVEL: „laut“ ist unbekannt (erlaubt: fatal, error, warn, info, debug, trace, silent).',
      'PLANWERK_DEMO: „vielleicht“ ist kein Wahrheitswert (erlaubt: true oder false).',
    ]);
  });

  it('rejects out-of-range numbers and accepts a PostgreSQL URL', () => {
    const bad = loadConfig({ PORT: '70000' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toEqual(['PORT: 70000 liegt nicht zwischen 0 und 65535.']);
    const good = loadConfig({ DATABASE_URL: 'postgres://planwerk@db:5432/planwerk', PORT: '8080' });
    expect(good.ok && good.config.databaseUrl).toBe('postgres://planwerk@db:5432/planwerk');
    expect(good.ok && good.config.port).toBe(8080);
  });

  it('accepts an http(s) basemap style URL with attribution and rejects other schemes', () => {
    const none = loadConfig({});
    expect(none.ok && none.config.basemapStyleUrl).toBeUndefined();
    const good = loadConfig({
      PLANWERK_BASEMAP_STYLE_URL: 'https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_col.json',
      PLANWERK_BASEMAP_ATTRIBUTION: '© GeoBasis-DE / BKG',
    });
    expect(good.ok && good.config.basemapStyleUrl).toBe(
      'https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_col.json',
    );
    expect(good.ok && good.config.basemapAttribution).toBe('© GeoBasis-DE / BKG');
    const bad = loadConfig({ PLANWERK_BASEMAP_STYLE_URL: 'ftp://example.org/style.json' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toEqual([
        'PLANWERK_BASEMAP_STYLE_URL: Schema „ftp:“ wird nicht unterstützt (erwartet http: oder https:).',
      ]);
    }
    const broken = loadConfig({ PLANWERK_BASEMAP_STYLE_URL: 'karte.json' });
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.errors).toEqual([
        'PLANWERK_BASEMAP_STYLE_URL: „karte.json“ ist keine gültige URL (erwartet http:// oder https://).',
      ]);
    }
  });
});

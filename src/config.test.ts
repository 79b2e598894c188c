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

  it('has no SMTP server by default: nothing is sent, reminders every 7 days at most', () => {
    const result = loadConfig({});
    expect(result.ok && result.config.smtp).toBeUndefined();
    expect(result.ok && result.config.publicUrl).toBeUndefined();
    expect(result.ok && result.config.reminderIntervalDays).toBe(7);
    expect(result.ok && result.config.reminderHour).toBeUndefined();
  });

  it('accepts an SMTP server with credentials, sender, public address and interval', () => {
    const result = loadConfig({
      PLANWERK_SMTP_URL: 'smtps://planwerk:ge%40heim@mail.musterland.example:465',
      PLANWERK_MAIL_FROM: 'Planwerk Musterland <planwerk@musterland.example>',
      PLANWERK_PUBLIC_URL: 'https://planwerk.musterland.example/',
      PLANWERK_REMINDER_INTERVAL_DAYS: '14',
      PLANWERK_REMINDER_HOUR: '0',
    });
    expect(result.ok, result.ok ? '' : result.errors.join('\n')).toBe(true);
    if (!result.ok) return;
    expect(result.config.smtp).toEqual({
      url: 'smtps://planwerk:ge%40heim@mail.musterland.example:465',
      from: 'Planwerk Musterland <planwerk@musterland.example>',
    });
    expect(result.config.publicUrl).toBe('https://planwerk.musterland.example');
    expect(result.config.reminderIntervalDays).toBe(14);
    expect(result.config.reminderHour).toBe(0);
  });

  it('lists every SMTP problem at once and never repeats the password of the SMTP URL', () => {
    const result = loadConfig({
      PLANWERK_SMTP_URL: 'https://planwerk:streng-geheim@mail.musterland.example',
      PLANWERK_REMINDER_INTERVAL_DAYS: '0',
      PLANWERK_REMINDER_HOUR: '24',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'PLANWERK_SMTP_URL: Schema „https:“ wird nicht unterstützt (erwartet smtp: oder smtps:).',
      'PLANWERK_MAIL_FROM: ist nötig, wenn PLANWERK_SMTP_URL gesetzt ist (Absender der E-Mails).',
      'PLANWERK_REMINDER_INTERVAL_DAYS: 0 liegt nicht zwischen 1 und 365.',
      'PLANWERK_REMINDER_HOUR: 24 liegt nicht zwischen 0 und 23.',
    ]);
    expect(result.errors.join('\n')).not.toContain('streng-geheim');

    const missing = loadConfig({
      PLANWERK_SMTP_URL: 'smtp://mail.musterland.example:587',
      PLANWERK_MAIL_FROM: 'Planwerk ohne Adresse',
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.errors).toEqual([
        'PLANWERK_MAIL_FROM: „Planwerk ohne Adresse“ ist keine E-Mail-Adresse (erwartet planwerk@example.org oder „Name <planwerk@example.org>“).',
      ]);
    }
    const noLink = loadConfig({ PLANWERK_SMTP_URL: 'smtp://mail.musterland.example', PLANWERK_MAIL_FROM: 'a@b.example' });
    expect(noLink.ok).toBe(false);
    if (!noLink.ok) {
      expect(noLink.errors).toEqual([
        'PLANWERK_PUBLIC_URL: ist nötig, wenn PLANWERK_SMTP_URL gesetzt ist (Adresse für Links in E-Mails, z. B. https://planwerk.example.org).',
      ]);
    }
    const broken = loadConfig({
      PLANWERK_SMTP_URL: 'mail.musterland.example',
      PLANWERK_MAIL_FROM: 'a@b.example',
      PLANWERK_PUBLIC_URL: 'ftp://planwerk.example',
    });
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.errors).toEqual([
        'PLANWERK_SMTP_URL: ist keine gültige URL (erwartet smtp://host:587 oder smtps://benutzer:passwort@host:465).',
        'PLANWERK_PUBLIC_URL: Schema „ftp:“ wird nicht unterstützt (erwartet http: oder https:).',
      ]);
    }
  });
});

const TIME_ZONE = 'Europe/Berlin';

function locale(language: string): string {
  return language.startsWith('en') ? 'en-GB' : 'de-DE';
}

/** Date and time as in German administrative texts: `24.11.2026, 14:03` (Berlin time). */
export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

/** Date only: `24.11.2026`. */
export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

/** A number as in German statistics: `357.582,5` (English: `357,582.5`). */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 6 }).format(value);
}

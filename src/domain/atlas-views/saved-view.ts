import { InvalidError } from '../shared/errors.ts';

/** Longest title of a saved view, in characters. */
export const MAX_VIEW_TITLE = 120;

/** Longest description of a saved view, in characters. */
export const MAX_VIEW_DESCRIPTION = 1000;

/** Most saved views a municipality keeps (deleted ones not counted). */
export const MAX_VIEWS_PER_TENANT = 500;

/** A saved atlas view of a municipality; times are ISO 8601 instants. */
export interface SavedView {
  id: string;
  tenantKey: string;
  title: string;
  description: string;
  /** Canonical atlas query string (see view-state.ts); opens at `/atlas?<state>`. */
  state: string;
  indicatorKey: string;
  published: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** When it was deleted (it can be restored), else null. */
  deletedAt: string | null;
}

/** What the audit log records of a view before and after a change. */
export function viewRecord(view: SavedView): { title: string; description: string; state: string; published: boolean } {
  return { title: view.title, description: view.description, state: view.state, published: view.published };
}

// Control characters (C0 without tab and line breaks, DEL, C1): never part of a typed text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Checks and trims a view's title (required, one line, at most 120 characters) and
 * description (optional, at most 1,000 characters). Throws an `InvalidError` with German
 * messages per field (`title`, `description`).
 */
export function checkViewTexts(input: { title: string; description?: string | undefined }): {
  title: string;
  description: string;
} {
  const title = input.title.trim();
  const description = (input.description ?? '').trim();
  const fields: Record<string, string> = {};
  if (title === '') fields.title = 'Bitte geben Sie einen Titel ein.';
  else if (title.length > MAX_VIEW_TITLE) fields.title = `Der Titel ist zu lang (höchstens ${MAX_VIEW_TITLE} Zeichen).`;
  else if (CONTROL.test(title) || /[\r\n\t]/.test(title))
    fields.title = 'Der Titel darf keine Zeilenumbrüche oder Steuerzeichen enthalten.';
  if (description.length > MAX_VIEW_DESCRIPTION)
    fields.description = `Die Beschreibung ist zu lang (höchstens ${MAX_VIEW_DESCRIPTION.toString().replace(/\B(?=(\d{3})+$)/g, '.')} Zeichen).`;
  else if (CONTROL.test(description)) fields.description = 'Die Beschreibung darf keine Steuerzeichen enthalten.';
  const messages = Object.values(fields);
  if (messages.length > 0) throw new InvalidError(messages.join(' '), 'invalid-view', { fields });
  return { title, description };
}

import { describe, expect, it } from 'vitest';
import { InvalidError } from '../shared/errors.ts';
import { checkViewTexts } from './saved-view.ts';

function fields(input: { title: string; description?: string }): Record<string, string> {
  try {
    checkViewTexts(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidError);
    return ((error as InvalidError).details as { fields: Record<string, string> }).fields;
  }
  throw new Error('accepted');
}

describe('checkViewTexts', () => {
  it('trims title and description; the description is optional', () => {
    expect(checkViewTexts({ title: '  Kinderarmut 2024  ', description: ' Für den Jugendhilfeausschuss \n' })).toEqual({
      title: 'Kinderarmut 2024',
      description: 'Für den Jugendhilfeausschuss',
    });
    expect(checkViewTexts({ title: 'Ohne' })).toEqual({ title: 'Ohne', description: '' });
  });

  it('needs a title of one line with at most 120 characters', () => {
    expect(fields({ title: '   ' })).toEqual({ title: 'Bitte geben Sie einen Titel ein.' });
    expect(fields({ title: 'x'.repeat(121) })).toEqual({ title: 'Der Titel ist zu lang (höchstens 120 Zeichen).' });
    expect(checkViewTexts({ title: 'x'.repeat(120) }).title).toHaveLength(120);
    expect(fields({ title: 'Zwei\nZeilen' }).title).toBe('Der Titel darf keine Zeilenumbrüche oder Steuerzeichen enthalten.');
  });

  it('limits the description to 1,000 characters without control characters, line breaks allowed', () => {
    expect(fields({ title: 'T', description: 'y'.repeat(1001) })).toEqual({
      description: 'Die Beschreibung ist zu lang (höchstens 1.000 Zeichen).',
    });
    expect(fields({ title: 'T', description: 'a\u0007b' })).toEqual({
      description: 'Die Beschreibung darf keine Steuerzeichen enthalten.',
    });
    expect(checkViewTexts({ title: 'T', description: 'Zeile 1\nZeile 2' }).description).toBe('Zeile 1\nZeile 2');
  });

  it('reports title and description together', () => {
    expect(Object.keys(fields({ title: '', description: 'y'.repeat(1001) }))).toEqual(['title', 'description']);
  });
});

import { describe, expect, it } from 'vitest';
import { applyReviewEvent, type ChangeRequest } from './review.ts';

const pending: ChangeRequest = {
  id: 'c1',
  kind: 'update',
  serviceId: 's1',
  organizationId: 'o1',
  proposed: null,
  status: 'pending',
  submittedBy: 'anbieter@musterland.example',
  submittedAt: '2026-11-24T10:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  comment: null,
};

describe('review workflow', () => {
  it('approves a pending change with the reviewer and time', () => {
    const done = applyReviewEvent(pending, { type: 'approve', by: 'planung@x', at: '2026-11-24T11:00:00.000Z' });
    expect(done).toMatchObject({
      status: 'approved',
      decidedBy: 'planung@x',
      decidedAt: '2026-11-24T11:00:00.000Z',
      comment: null,
    });
  });
  it('rejects only with a comment, trimmed', () => {
    expect(() => applyReviewEvent(pending, { type: 'reject', by: 'p', at: 't', comment: '   ' })).toThrow(
      'Bitte begründen Sie die Ablehnung in einem Kommentar.',
    );
    const done = applyReviewEvent(pending, { type: 'reject', by: 'p', at: 't', comment: ' Öffnungszeiten fehlen. ' });
    expect(done.status).toBe('rejected');
    expect(done.comment).toBe('Öffnungszeiten fehlen.');
  });
  it('final states do not move again', () => {
    const approved = applyReviewEvent(pending, { type: 'approve', by: 'p', at: 't' });
    expect(() => applyReviewEvent(approved, { type: 'reject', by: 'p', at: 't', comment: 'x' })).toThrow(
      'Diese Änderung ist bereits abgeschlossen (freigegeben).',
    );
    const superseded = applyReviewEvent(pending, { type: 'supersede', by: 'a', at: 't' });
    expect(superseded.status).toBe('superseded');
    expect(() => applyReviewEvent(superseded, { type: 'approve', by: 'p', at: 't' })).toThrow(/abgeschlossen/);
    expect(applyReviewEvent(pending, { type: 'withdraw', by: 'a', at: 't' }).status).toBe('withdrawn');
  });
});

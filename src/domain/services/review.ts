import { ConflictError, InvalidError } from '../shared/errors.ts';
import type { ServiceDraft } from './model.ts';

/**
 * The review workflow for changes by provider accounts, as a pure state machine:
 * a provider's change is `pending`; a planner approves it (it is then applied) or rejects it
 * with a comment; a newer change to the same service by the provider supersedes the pending
 * one; the provider may withdraw it. Only `pending` changes move; every other state is final.
 */

export const CHANGE_STATUSES = ['pending', 'approved', 'rejected', 'superseded', 'withdrawn'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

/** What the change does: create a new service, update an existing one, or archive it. */
export type ChangeKind = 'create' | 'update' | 'archive';

/** A proposed change waiting for or after review. */
export interface ChangeRequest {
  id: string;
  kind: ChangeKind;
  /** The service concerned; for `create` the id the new service will get. */
  serviceId: string;
  organizationId: string;
  /** The full proposed content (null for `archive`). */
  proposed: ServiceDraft | null;
  status: ChangeStatus;
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The reviewer's comment; required when rejecting. */
  comment: string | null;
}

/** An event in the workflow; `by` is the actor label, `at` an ISO timestamp. */
export type ReviewEvent =
  | { type: 'approve'; by: string; at: string; comment?: string | null }
  | { type: 'reject'; by: string; at: string; comment: string }
  | { type: 'supersede'; by: string; at: string }
  | { type: 'withdraw'; by: string; at: string };

const STATUS_LABEL: Record<ChangeStatus, string> = {
  pending: 'wartet auf Prüfung',
  approved: 'freigegeben',
  rejected: 'abgelehnt',
  superseded: 'durch eine neuere Änderung ersetzt',
  withdrawn: 'zurückgezogen',
};

/**
 * The next state of a change after an event. Throws a ConflictError when the change is no
 * longer pending and an InvalidError when a rejection has no comment (the provider must learn why).
 */
export function applyReviewEvent(change: ChangeRequest, event: ReviewEvent): ChangeRequest {
  if (change.status !== 'pending')
    throw new ConflictError(`Diese Änderung ist bereits abgeschlossen (${STATUS_LABEL[change.status]}).`, 'change-not-pending', {
      status: change.status,
    });
  switch (event.type) {
    case 'approve':
      return { ...change, status: 'approved', decidedBy: event.by, decidedAt: event.at, comment: clean(event.comment) };
    case 'reject': {
      const comment = clean(event.comment);
      if (comment === null)
        throw new InvalidError('Bitte begründen Sie die Ablehnung in einem Kommentar.', 'comment-required', {
          fields: { comment: 'Begründung fehlt' },
        });
      if (comment.length > 2000)
        throw new InvalidError('Der Kommentar ist zu lang (höchstens 2000 Zeichen).', 'comment-too-long', {
          fields: { comment: 'Zu lang' },
        });
      return { ...change, status: 'rejected', decidedBy: event.by, decidedAt: event.at, comment };
    }
    case 'supersede':
      return { ...change, status: 'superseded', decidedBy: event.by, decidedAt: event.at };
    case 'withdraw':
      return { ...change, status: 'withdrawn', decidedBy: event.by, decidedAt: event.at };
  }
}

function clean(comment: string | null | undefined): string | null {
  const trimmed = comment?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

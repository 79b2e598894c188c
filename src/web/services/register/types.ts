import type {
  Location,
  Organization,
  Schedule,
  Service,
  ServiceDraft,
  ServiceStatus,
  Weekday,
} from '../../../domain/services/model.ts';
import type { ChangeRequest, ChangeStatus } from '../../../domain/services/review.ts';
import type { TaxonomyTerm } from '../../../domain/services/taxonomy.ts';
import type { RegisterAccessInfo } from '../../../use-cases/services/get-register-access.ts';
import type { ServiceListEntry } from '../../../use-cases/services/list-services.ts';

export type {
  ChangeRequest,
  ChangeStatus,
  Location,
  Organization,
  RegisterAccessInfo,
  Schedule,
  Service,
  ServiceDraft,
  ServiceStatus,
  TaxonomyTerm,
  Weekday,
};

/** One entry of the members' register list. */
export type RegisterEntry = ServiceListEntry;

/** A change in the review queue with the service as it is now (null for a new service). */
export interface QueueEntry {
  change: ChangeRequest;
  current: Service | null;
}

/** What the register API takes to create or change a service. */
export type ServiceBody = Omit<ServiceDraft, 'assuredDate'> & { published?: boolean; assured?: boolean };

/** The answer to a write: saved at once (planners) or waiting for review (providers). */
export interface WriteResult {
  outcome: 'saved' | 'pending';
  service?: Service;
  change?: ChangeRequest;
}

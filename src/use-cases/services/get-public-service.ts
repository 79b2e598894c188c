import { NotFoundError } from '../../domain/shared/errors.ts';
import { searchPublicServices, type PublicServiceEntry } from './search-public-services.ts';

/** One public service (detail page) or NotFound when it is not public. */
export async function getPublicService(
  deps: Parameters<typeof searchPublicServices>[0],
  input: { tenantKey: string; serviceId: string },
): Promise<PublicServiceEntry> {
  const { services } = await searchPublicServices(deps, { tenantKey: input.tenantKey, query: {}, serviceId: input.serviceId });
  const found = services[0];
  if (!found) throw new NotFoundError('Das Angebot wurde nicht gefunden.', 'service-not-found');
  return found;
}

// cogsync's own routes under /_cogsync/ (no AWS route starts with it): merging identities
// (SERVICE.md §3.6) and a health probe.
import { optString } from './body-reader.js';
import { mergeIdentities } from './store-merge.js';
import type { Store } from './store.js';
import { RULES, Violations } from './validation.js';

export const ADMIN_PREFIX = '/_cogsync/';

export type AdminHandler = (store: Store, body: Record<string, unknown>) => object;

export const ADMIN_ROUTES: Record<string, AdminHandler> = {
  'POST /_cogsync/merge-identities': (store, body) => {
    const poolId = optString(body, 'IdentityPoolId');
    const source = optString(body, 'SourceIdentityId');
    const destination = optString(body, 'DestinationIdentityId');
    const v = new Violations();
    v.string('identityPoolId', poolId, RULES.identityPoolId, true);
    v.string('sourceIdentityId', source, RULES.identityId, true);
    v.string('destinationIdentityId', destination, RULES.identityId, true);
    v.throwIfAny();
    const result = mergeIdentities(store, poolId!, source!, destination!);
    return { IdentityPoolId: poolId, DestinationIdentityId: destination, MergedDatasetNames: result.mergedDatasets };
  },
  'GET /_cogsync/health': () => ({ status: 'ok', service: 'cogsync-local' }),
};

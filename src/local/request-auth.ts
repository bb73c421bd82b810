// `cogsync serve --auth sigv4`: which requests must be signed, with which service name, and
// the error a refused one gets. Cognito Sync answers NotAuthorizedException 403; the HTTP
// layer turns it into Cognito Identity's 400 for Identity calls (SERVICE.md §6).
import { ApiError } from './errors.js';
import { verifySigV4, type SigV4Key, type SignedRequest } from './sigv4.js';

export type { SigV4Key } from './sigv4.js';

/** Every SDK sends GetId unsigned (it is how an app gets an identity before it has credentials). */
const UNSIGNED_IDENTITY_OPERATIONS = new Set(['GetId']);
/** The health probe tells nothing about the data; load balancers and scripts call it bare. */
const UNSIGNED_PATHS = new Set(['GET /_cogsync/health']);

export interface AuthTarget {
  /** The Cognito Identity operation for `POST /` + X-Amz-Target, else undefined (Cognito Sync or admin). */
  identityOperation?: string;
}

/**
 * Throws NotAuthorizedException unless `request` is signed with `key` for the route's service
 * (`cognito-identity` for Identity calls, `cognito-sync` for everything else) within 15 minutes
 * of `now`. Requests that are unsigned by design pass.
 */
export function requireSignature(request: SignedRequest, target: AuthTarget, key: SigV4Key, now: number): void {
  if (target.identityOperation !== undefined && UNSIGNED_IDENTITY_OPERATIONS.has(target.identityOperation)) return;
  if (UNSIGNED_PATHS.has(`${request.method} ${request.rawPath}`)) return;
  const service = target.identityOperation !== undefined ? 'cognito-identity' : 'cognito-sync';
  const result = verifySigV4(request, { key, service, now });
  if (!result.ok) throw new ApiError('NotAuthorizedException', 403, result.reason);
}

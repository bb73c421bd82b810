// "Test connection" for the connections screen and `cogsync whoami`: one cheap call that
// proves the endpoint answers and the credentials are accepted, plus who we are.
import { ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import type { AwsClients } from './clients.js';
import { toCogsyncError } from './errors.js';

export interface ConnectionCheck {
  name: string;
  kind: 'local' | 'aws';
  profile?: string;
  region: string;
  /** The Cognito Identity endpoint that answered. */
  endpoint: string;
  /**
   * The AWS account, when the credentials say so (SSO, credential_process, AWS_ACCOUNT_ID,
   * aws_account_id); `unknown` otherwise (STS is not a dependency); `local` for the local server.
   */
  accountId: string;
  /** Whether the account has at least one identity pool visible to these credentials. */
  hasIdentityPools: boolean;
  durationMs: number;
}

/** Runs ListIdentityPools (MaxResults 1). Throws a CogsyncError with a hint when it fails. */
export async function checkConnection(clients: AwsClients): Promise<ConnectionCheck> {
  const { connection } = clients;
  const endpoint = connection.identityEndpoint ?? `https://cognito-identity.${connection.region}.amazonaws.com`;
  const started = performance.now();
  let hasIdentityPools: boolean;
  try {
    const out = await clients.identity.send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
    hasIdentityPools = (out.IdentityPools?.length ?? 0) > 0;
  } catch (error) {
    throw toCogsyncError(error, { operation: 'ListIdentityPools', endpoint, profile: connection.profile, region: connection.region });
  }
  const durationMs = Math.round(performance.now() - started);
  return {
    name: connection.name,
    kind: connection.kind,
    profile: connection.profile,
    region: connection.region,
    endpoint,
    accountId: connection.kind === 'local' ? 'local' : await accountIdOf(clients),
    hasIdentityPools,
    durationMs,
  };
}

async function accountIdOf(clients: AwsClients): Promise<string> {
  try {
    // Already resolved and memoised by the call above; only the account id is read.
    const identity = await clients.identity.config.credentials();
    const id = (identity as { accountId?: unknown }).accountId;
    return typeof id === 'string' && /^\d{12}$/.test(id) ? id : 'unknown';
  } catch {
    return 'unknown';
  }
}

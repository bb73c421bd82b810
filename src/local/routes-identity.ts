// The Cognito Identity subset (JSON 1.1, SERVICE.md §6): pools and identities. Pools made
// here are the pools the Sync usage operations report, and implicit ones show up here too.
import { optBoolean, optInteger, optObjectList, optString, optStringList, optStringMap } from './body-reader.js';
import { invalidNextToken } from './errors.js';
import {
  createPool,
  deleteIdentityData,
  describeIdentity,
  getId,
  listIdentities,
  listPools,
  requirePool,
} from './store-identity.js';
import type { Store } from './store.js';
import { decodeNextToken, encodeNextToken } from './tokens.js';
import { RULES, Violations, type StringRule } from './validation.js';
import { wireIdentityDescription, wireIdentityPool } from './wire.js';

export interface IdentityContext {
  /** From the SigV4 credential scope; us-east-1 when unsigned. */
  region: string;
}

export type IdentityHandler = (store: Store, body: Record<string, unknown>, context: IdentityContext) => object;

const ID_RULES = {
  poolName: { min: 1, max: 128, pattern: '[\\w\\s+=,.@-]+' },
  developerProvider: { min: 1, max: 128, pattern: '[\\w._-]+' },
  providerId: { min: 1, max: 128, pattern: '[\\w.;_/-]+' },
  arn: { min: 20, max: 2048 },
  cognitoProviderName: { min: 1, max: 128, pattern: '[\\w._:/-]+' },
  clientId: { min: 1, max: 128, pattern: '[\\w_]+' },
  accountId: { min: 1, max: 15, pattern: '\\d+' },
  providerName: { min: 1, max: 128 },
  providerToken: { min: 1, max: 50000 },
  nextToken: { min: 1, max: 65535, pattern: '[\\S]+' },
  tagKey: { min: 1, max: 128 },
  tagValue: { max: 256 },
} satisfies Record<string, StringRule>;

const PAGE = { min: 1, max: 60 };

function checkMap(v: Violations, path: string, map: Record<string, string> | undefined, max: number, key: StringRule, value: StringRule): void {
  if (!map) return;
  v.size(path, map, Object.keys(map).length, { max });
  for (const [k, val] of Object.entries(map)) {
    v.string(`${path}.key`, k, key);
    v.string(`${path}.value`, val, value);
  }
}

const createIdentityPool: IdentityHandler = (store, body, context) => {
  const name = optString(body, 'IdentityPoolName');
  const allow = optBoolean(body, 'AllowUnauthenticatedIdentities');
  const definition: Record<string, unknown> = {};
  const classic = optBoolean(body, 'AllowClassicFlow');
  const supported = optStringMap(body, 'SupportedLoginProviders');
  const developer = optString(body, 'DeveloperProviderName');
  const oidc = optStringList(body, 'OpenIdConnectProviderARNs');
  const providers = optObjectList(body, 'CognitoIdentityProviders')?.map((p, i) => ({
    ProviderName: optString(p, 'ProviderName', `CognitoIdentityProviders[${i}].ProviderName`),
    ClientId: optString(p, 'ClientId', `CognitoIdentityProviders[${i}].ClientId`),
    ServerSideTokenCheck: optBoolean(p, 'ServerSideTokenCheck', `CognitoIdentityProviders[${i}].ServerSideTokenCheck`),
  }));
  const saml = optStringList(body, 'SamlProviderARNs');
  const tags = optStringMap(body, 'IdentityPoolTags');

  const v = new Violations();
  v.string('identityPoolName', name, ID_RULES.poolName, true);
  v.required('allowUnauthenticatedIdentities', allow);
  checkMap(v, 'supportedLoginProviders', supported, 10, ID_RULES.providerName, ID_RULES.providerId);
  v.string('developerProviderName', developer, ID_RULES.developerProvider);
  oidc?.forEach((arn, i) => v.string(`openIdConnectProviderARNs.${i + 1}.member`, arn, ID_RULES.arn));
  providers?.forEach((p, i) => {
    v.string(`cognitoIdentityProviders.${i + 1}.member.providerName`, p.ProviderName, ID_RULES.cognitoProviderName);
    v.string(`cognitoIdentityProviders.${i + 1}.member.clientId`, p.ClientId, ID_RULES.clientId);
  });
  saml?.forEach((arn, i) => v.string(`samlProviderARNs.${i + 1}.member`, arn, ID_RULES.arn));
  checkMap(v, 'identityPoolTags', tags, 50, ID_RULES.tagKey, ID_RULES.tagValue);
  v.throwIfAny();

  if (classic !== undefined) definition.AllowClassicFlow = classic;
  if (supported !== undefined) definition.SupportedLoginProviders = supported;
  if (developer !== undefined) definition.DeveloperProviderName = developer;
  if (oidc !== undefined) definition.OpenIdConnectProviderARNs = oidc;
  if (providers !== undefined) definition.CognitoIdentityProviders = providers.map((p) => JSON.parse(JSON.stringify(p)) as object);
  if (saml !== undefined) definition.SamlProviderARNs = saml;
  if (tags !== undefined) definition.IdentityPoolTags = tags;
  const row = store.transaction(() => createPool(store, { region: context.region, name: name!, allowUnauthenticated: allow!, definition }));
  return wireIdentityPool(row);
};

function poolIdInput(body: Record<string, unknown>): string {
  const poolId = optString(body, 'IdentityPoolId');
  const v = new Violations();
  v.string('identityPoolId', poolId, RULES.identityPoolId, true);
  v.throwIfAny();
  return poolId!;
}

/** MaxResults (required, 1–60) and NextToken of the two list operations. */
function pageInput(v: Violations, body: Record<string, unknown>): { limit: number; token?: string } {
  const max = optInteger(body, 'MaxResults');
  const token = optString(body, 'NextToken');
  v.integer('maxResults', max, PAGE, true);
  v.string('nextToken', token, ID_RULES.nextToken);
  return { limit: max ?? PAGE.max, token };
}

const listIdentityPools: IdentityHandler = (store, body) => {
  const v = new Violations();
  const { limit, token } = pageInput(v, body);
  v.throwIfAny();
  const after = token === undefined ? undefined : decodeNextToken(store.signer, token, 'ListIdentityPools', []);
  if (after !== undefined && typeof after !== 'string') throw invalidNextToken();
  const rows = listPools(store, limit + 1, after);
  const more = rows.length > limit;
  if (more) rows.length = limit;
  return {
    IdentityPools: rows.map((r) => ({ IdentityPoolId: r.id, IdentityPoolName: r.name })),
    ...(more ? { NextToken: encodeNextToken(store.signer, 'ListIdentityPools', [], rows[limit - 1].id) } : {}),
  };
};

const listIdentitiesHandler: IdentityHandler = (store, body) => {
  const poolId = optString(body, 'IdentityPoolId');
  optBoolean(body, 'HideDisabled'); // type-checked; no identity is ever disabled here
  const v = new Violations();
  v.string('identityPoolId', poolId, RULES.identityPoolId, true);
  const { limit, token } = pageInput(v, body);
  v.throwIfAny();
  requirePool(store, poolId!);
  const after = token === undefined ? undefined : decodeNextToken(store.signer, token, 'ListIdentities', [poolId]);
  const position = after as [number, string] | undefined;
  if (after !== undefined && !(Array.isArray(after) && typeof after[0] === 'number' && typeof after[1] === 'string')) throw invalidNextToken();
  const rows = listIdentities(store, poolId!, limit + 1, position);
  const more = rows.length > limit;
  if (more) rows.length = limit;
  const last = rows[rows.length - 1];
  return {
    IdentityPoolId: poolId,
    Identities: rows.map(wireIdentityDescription),
    ...(more ? { NextToken: encodeNextToken(store.signer, 'ListIdentities', [poolId], [last.created_ms, last.id]) } : {}),
  };
};

export const IDENTITY_HANDLERS: Record<string, IdentityHandler> = {
  CreateIdentityPool: createIdentityPool,
  DescribeIdentityPool: (store, body) => wireIdentityPool(requirePool(store, poolIdInput(body))),
  ListIdentityPools: listIdentityPools,
  GetId: (store, body) => {
    const poolId = optString(body, 'IdentityPoolId');
    const accountId = optString(body, 'AccountId');
    const logins = optStringMap(body, 'Logins');
    const v = new Violations();
    v.string('identityPoolId', poolId, RULES.identityPoolId, true);
    v.string('accountId', accountId, ID_RULES.accountId);
    checkMap(v, 'logins', logins, 10, ID_RULES.providerName, ID_RULES.providerToken);
    v.throwIfAny();
    return { IdentityId: store.transaction(() => getId(store, poolId!, logins)) };
  },
  ListIdentities: listIdentitiesHandler,
  DescribeIdentity: (store, body) => {
    const identityId = optString(body, 'IdentityId');
    const v = new Violations();
    v.string('identityId', identityId, RULES.identityId, true);
    v.throwIfAny();
    return wireIdentityDescription(describeIdentity(store, identityId!));
  },
  DeleteIdentities: (store, body) => {
    const ids = optStringList(body, 'IdentityIdsToDelete');
    const v = new Violations();
    if (v.required('identityIdsToDelete', ids)) v.size('identityIdsToDelete', ids, ids!.length, PAGE);
    ids?.forEach((id, i) => v.string(`identityIdsToDelete.${i + 1}.member`, id, RULES.identityId));
    v.throwIfAny();
    store.transaction(() => ids!.forEach((id) => deleteIdentityData(store, id)));
    return { UnprocessedIdentityIds: [] };
  },
};

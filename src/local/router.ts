// Maps method + raw path to one of the 17 Cognito Sync operations (SERVICE.md §1.2, §1.3).
// Pure: no HTTP objects, so the decoding rules are unit-tested directly.
import { ApiError, invalidParameter } from './errors.js';

export type SyncOperation =
  | 'ListIdentityPoolUsage'
  | 'DescribeIdentityPoolUsage'
  | 'DescribeIdentityUsage'
  | 'ListDatasets'
  | 'DescribeDataset'
  | 'UpdateRecords'
  | 'DeleteDataset'
  | 'ListRecords'
  | 'SubscribeToDataset'
  | 'UnsubscribeFromDataset'
  | 'RegisterDevice'
  | 'BulkPublish'
  | 'GetBulkPublishDetails'
  | 'GetCognitoEvents'
  | 'SetCognitoEvents'
  | 'GetIdentityPoolConfiguration'
  | 'SetIdentityPoolConfiguration';

/** Path labels by their model names. */
export interface Labels {
  IdentityPoolId?: string;
  IdentityId?: string;
  DatasetName?: string;
  DeviceId?: string;
}

export interface RouteMatch {
  operation: SyncOperation;
  labels: Labels;
}

type LabelName = keyof Labels;
interface Route {
  method: string;
  operation: SyncOperation;
  /** Literal segments as strings, labels as `{Name}`. */
  segments: string[];
}

const IDENTITY = '/identitypools/{IdentityPoolId}/identities/{IdentityId}';
const DATASET = `${IDENTITY}/datasets/{DatasetName}`;
const TEMPLATES: Array<[string, string, SyncOperation]> = [
  ['GET', '/identitypools', 'ListIdentityPoolUsage'],
  ['GET', '/identitypools/{IdentityPoolId}', 'DescribeIdentityPoolUsage'],
  ['GET', IDENTITY, 'DescribeIdentityUsage'],
  ['GET', `${IDENTITY}/datasets`, 'ListDatasets'],
  ['GET', DATASET, 'DescribeDataset'],
  ['POST', DATASET, 'UpdateRecords'],
  ['DELETE', DATASET, 'DeleteDataset'],
  ['GET', `${DATASET}/records`, 'ListRecords'],
  ['POST', `${DATASET}/subscriptions/{DeviceId}`, 'SubscribeToDataset'],
  ['DELETE', `${DATASET}/subscriptions/{DeviceId}`, 'UnsubscribeFromDataset'],
  ['POST', '/identitypools/{IdentityPoolId}/identity/{IdentityId}/device', 'RegisterDevice'],
  ['POST', '/identitypools/{IdentityPoolId}/bulkpublish', 'BulkPublish'],
  ['POST', '/identitypools/{IdentityPoolId}/getBulkPublishDetails', 'GetBulkPublishDetails'],
  ['GET', '/identitypools/{IdentityPoolId}/events', 'GetCognitoEvents'],
  ['POST', '/identitypools/{IdentityPoolId}/events', 'SetCognitoEvents'],
  ['GET', '/identitypools/{IdentityPoolId}/configuration', 'GetIdentityPoolConfiguration'],
  ['POST', '/identitypools/{IdentityPoolId}/configuration', 'SetIdentityPoolConfiguration'],
];

const ROUTES: Route[] = TEMPLATES.map(([method, template, operation]) => ({
  method,
  operation,
  segments: template.slice(1).split('/'),
}));

export const ALL_SYNC_OPERATIONS: readonly SyncOperation[] = ROUTES.map((r) => r.operation);

export function unknownOperation(method: string, path: string): ApiError {
  return new ApiError('UnknownOperationException', 404, `Unknown operation: ${method} ${path}`);
}

/** Splits a request target into its raw path and raw query (neither decoded). */
export function splitTarget(target: string): { rawPath: string; rawQuery: string } {
  const q = target.indexOf('?');
  return q < 0 ? { rawPath: target, rawQuery: '' } : { rawPath: target.slice(0, q), rawQuery: target.slice(q + 1) };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalidParameter(`Request path segment '${segment}' is not valid percent-encoded UTF-8`);
  }
}

/**
 * Finds the operation for `method` and the raw (still percent-encoded) path. Splitting
 * happens before decoding, so `%2F` stays inside its label and an empty segment is an
 * empty label. Throws UnknownOperationException (404) when nothing matches.
 */
export function matchSyncRoute(method: string, rawPath: string): RouteMatch {
  const raw = rawPath.startsWith('/') ? rawPath.slice(1).split('/') : null;
  if (raw) {
    for (const route of ROUTES) {
      if (route.method !== method || route.segments.length !== raw.length) continue;
      if (!route.segments.every((seg, i) => seg.startsWith('{') || seg === raw[i])) continue;
      const labels: Labels = {};
      route.segments.forEach((seg, i) => {
        if (seg.startsWith('{')) labels[seg.slice(1, -1) as LabelName] = decodeSegment(raw[i]);
      });
      return { operation: route.operation, labels };
    }
  }
  throw unknownOperation(method, rawPath);
}

/**
 * Query parameters, each name and value percent-decoded (`+` stays `+`). The first
 * occurrence of a name wins; names the operation does not know are ignored by callers.
 */
export function parseQuery(rawQuery: string): Map<string, string> {
  const params = new Map<string, string>();
  if (rawQuery === '') return params;
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeQueryPart(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decodeQueryPart(part.slice(eq + 1));
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalidParameter(`Query string part '${text}' is not valid percent-encoded UTF-8`);
  }
}

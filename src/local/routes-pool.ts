// The remaining Cognito Sync operations (SERVICE.md §3.9): configuration, events, bulk
// publish, devices and subscriptions.
import { optObject, optString, optStringList, optStringMap } from './body-reader.js';
import { epochSeconds } from './http-io.js';
import type { SyncOperation } from './router.js';
import { checkLabels, type SyncHandler, type SyncRequest } from './routes-sync.js';
import {
  bulkPublish,
  getBulkPublishDetails,
  getConfiguration,
  getEvents,
  registerDevice,
  setConfiguration,
  setEvents,
  subscribe,
  unsubscribe,
  type CognitoStreams,
  type PushSync,
} from './store-pool-config.js';
import { RULES, Violations } from './validation.js';

function labelsOnly(request: SyncRequest): Violations {
  const v = new Violations();
  checkLabels(v, request.labels);
  return v;
}

function poolOnly(request: SyncRequest): string {
  labelsOnly(request).throwIfAny();
  return request.labels.IdentityPoolId!;
}

/** Decodes and validates SetIdentityPoolConfiguration's body. */
export function poolConfigurationInput(request: SyncRequest): { PushSync?: PushSync; CognitoStreams?: CognitoStreams } {
  const pushRaw = optObject(request.body, 'PushSync');
  const streamsRaw = optObject(request.body, 'CognitoStreams');
  const v = labelsOnly(request);
  const update: { PushSync?: PushSync; CognitoStreams?: CognitoStreams } = {};
  if (pushRaw) {
    const push: PushSync = {};
    const arns = optStringList(pushRaw, 'ApplicationArns', 'PushSync.ApplicationArns');
    const role = optString(pushRaw, 'RoleArn', 'PushSync.RoleArn');
    arns?.forEach((arn, i) => v.string(`pushSync.applicationArns.${i + 1}.member`, arn, RULES.applicationArn));
    v.string('pushSync.roleArn', role, RULES.roleArn);
    if (arns !== undefined) push.ApplicationArns = arns;
    if (role !== undefined) push.RoleArn = role;
    update.PushSync = push;
  }
  if (streamsRaw) {
    const streams: CognitoStreams = {};
    const name = optString(streamsRaw, 'StreamName', 'CognitoStreams.StreamName');
    const role = optString(streamsRaw, 'RoleArn', 'CognitoStreams.RoleArn');
    const status = optString(streamsRaw, 'StreamingStatus', 'CognitoStreams.StreamingStatus');
    v.string('cognitoStreams.streamName', name, RULES.streamName);
    v.string('cognitoStreams.roleArn', role, RULES.roleArn);
    v.string('cognitoStreams.streamingStatus', status, RULES.streamingStatus);
    if (name !== undefined) streams.StreamName = name;
    if (role !== undefined) streams.RoleArn = role;
    if (status !== undefined) streams.StreamingStatus = status;
    update.CognitoStreams = streams;
  }
  v.throwIfAny();
  return update;
}

export const SYNC_POOL_HANDLERS = {
  RegisterDevice: (store, request) => {
    const platform = optString(request.body, 'Platform');
    const token = optString(request.body, 'Token');
    const v = labelsOnly(request);
    v.string('platform', platform, RULES.platform, true);
    v.required('token', token);
    v.throwIfAny();
    const { IdentityPoolId, IdentityId } = request.labels;
    return { DeviceId: registerDevice(store, IdentityPoolId!, IdentityId!, platform!, token!) };
  },
  SubscribeToDataset: (store, request) => {
    labelsOnly(request).throwIfAny();
    const { IdentityPoolId, IdentityId, DatasetName, DeviceId } = request.labels;
    subscribe(store, IdentityPoolId!, IdentityId!, DatasetName!, DeviceId!);
    return {};
  },
  UnsubscribeFromDataset: (store, request) => {
    labelsOnly(request).throwIfAny();
    const { IdentityPoolId, IdentityId, DatasetName, DeviceId } = request.labels;
    unsubscribe(store, IdentityPoolId!, IdentityId!, DatasetName!, DeviceId!);
    return {};
  },
  BulkPublish: (store, request) => {
    const poolId = poolOnly(request);
    bulkPublish(store, poolId);
    return { IdentityPoolId: poolId };
  },
  GetBulkPublishDetails: (store, request) => {
    const poolId = poolOnly(request);
    const details = getBulkPublishDetails(store, poolId);
    const output: Record<string, unknown> = { IdentityPoolId: poolId };
    if (details.startMs !== undefined) output.BulkPublishStartTime = epochSeconds(details.startMs);
    if (details.completeMs !== undefined) output.BulkPublishCompleteTime = epochSeconds(details.completeMs);
    output.BulkPublishStatus = details.status;
    if (details.failure !== undefined) output.FailureMessage = details.failure;
    return output;
  },
  GetCognitoEvents: (store, request) => ({ Events: getEvents(store, poolOnly(request)) }),
  SetCognitoEvents: (store, request) => {
    const events = optStringMap(request.body, 'Events');
    const v = labelsOnly(request);
    if (v.required('events', events)) v.size('events', events, Object.keys(events!).length, { max: 1 });
    v.throwIfAny();
    setEvents(store, request.labels.IdentityPoolId!, events!);
    return {};
  },
  GetIdentityPoolConfiguration: (store, request) => getConfiguration(store, poolOnly(request)),
  SetIdentityPoolConfiguration: (store, request) => {
    const update = poolConfigurationInput(request);
    return setConfiguration(store, request.labels.IdentityPoolId!, update);
  },
} satisfies Partial<Record<SyncOperation, SyncHandler>>;

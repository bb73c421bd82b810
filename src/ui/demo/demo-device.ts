/**
 * `D` on the records screen: a second device writes the selected record, so a conflict can
 * be shown live. It is a separate SDK client (its own factory, same request log, so the
 * inspector shows its calls) that sends DeviceId `demo-device-2`, and it is refused on
 * anything but a local connection: on AWS it would change real data behind the user's back.
 */
import { ClientFactory, isLoopbackUrl, type Connection } from '../../aws/clients.js';
import { listSince, sendPatches, type RequestCounts } from '../../session/remote-dataset.js';
import type { Connector } from '../data/connector.js';
import { addressOf, type RecordsLocation } from '../records-context.js';
import type { ConnectionInfo } from '../state/app-reducer.js';
import { readOnlyMessage } from '../state/read-only.js';

export const DEMO_DEVICE_ID = 'demo-device-2';

/** Why demo tools are refused on this connection, or undefined when it is a local, writable one. */
export function demoRefusal(connection: ConnectionInfo | null): string | undefined {
  if (!connection) return 'Demo tools need a connection';
  // The second device writes for real: read-only (--readonly, a protected connection) refuses it like any write.
  if (connection.readOnly) return readOnlyMessage(connection);
  if (connection.kind === 'local') return undefined;
  if (connection.endpoint && isLoopbackUrl(connection.endpoint)) return undefined;
  return `Disabled: demo tools write only to a local server; ${connection.name} is ${connection.endpoint ?? 'AWS'} (use the local connection or cogsync serve)`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
const SUFFIX = new RegExp(` \\(${DEMO_DEVICE_ID} \\d\\d:\\d\\d:\\d\\d\\)$`);

/**
 * What the second device writes: a number goes up by one, a boolean flips, a JSON object
 * gets `editedBy`/`editedAt`, other text gets a `(demo-device-2 12:01:02)` suffix (replacing
 * an earlier one, so repeated writes do not grow the value).
 */
export function demoValue(current: string | undefined, now: Date = new Date()): string {
  if (current === undefined) return `written by ${DEMO_DEVICE_ID} at ${clock(now)}`;
  if (/^-?\d{1,15}$/.test(current)) return String(Number(current) + 1);
  if (current === 'true' || current === 'false') return current === 'true' ? 'false' : 'true';
  if (current.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(current);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const indent = /^\{\s*\n(\s+)/.exec(current)?.[1].length ?? 0;
        return JSON.stringify({ ...parsed, editedBy: DEMO_DEVICE_ID, editedAt: now.toISOString() }, null, indent || undefined);
      }
    } catch {
      // not JSON after all: treated as text below
    }
  }
  return `${current.replace(SUFFIX, '')} (${DEMO_DEVICE_ID} ${clock(now)})`;
}

export interface DemoWriteResult {
  key: string;
  value: string;
  syncCount: number;
  requestId?: string;
}

/**
 * Lists the dataset (for a token and the key's current count) and writes `key` as the demo
 * device in one UpdateRecords, through a client of its own.
 */
export async function writeAsSecondDevice(
  connector: Connector,
  location: RecordsLocation,
  key: string,
  now: Date = new Date(),
): Promise<DemoWriteResult> {
  const { clients } = await connector.connect(location.connection);
  const resolved = clients.connection;
  const connection: Connection = {
    name: DEMO_DEVICE_ID,
    kind: resolved.kind,
    region: resolved.region,
    ...(resolved.profile ? { profile: resolved.profile } : {}),
    ...(resolved.syncEndpoint ? { endpointUrl: resolved.syncEndpoint } : {}),
  };
  const factory = new ClientFactory({ log: connector.requestLog });
  try {
    const sync = factory.get(connection, { maxAttempts: 1 }).sync;
    const address = addressOf(location);
    const counts: RequestCounts = { listPages: 0, updates: 0 };
    const listing = await listSince(sync, address, 0, counts);
    const current = listing.records.find((r) => r.key === key);
    const value = demoValue(current?.value, now);
    const patch = { Op: 'replace' as const, Key: key, Value: value, SyncCount: current?.syncCount ?? 0, DeviceLastModifiedDate: now };
    const output = await sendPatches(sync, address, listing.token, [patch], DEMO_DEVICE_ID);
    const written = output.Records?.find((r) => r.Key === key);
    return { key, value, syncCount: written?.SyncCount ?? 0, requestId: output.$metadata.requestId };
  } finally {
    factory.destroy();
  }
}

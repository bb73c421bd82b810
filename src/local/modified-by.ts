// Who a write is attributed to (SERVICE.md §3.8): the body's DeviceId, else the
// `x-amz-Client-Context` header (its `client.installation_id` when it is base64 JSON, else
// the raw value when 1–256 characters), else the account id.
import { isUtf8 } from 'node:buffer';

/**
 * A header's text as the client wrote it. Node reads header bytes as Latin-1, while clients
 * (the AWS CLI) send UTF-8: `héllo` would otherwise be stored as `hÃ©llo`. Undefined when
 * the bytes are not UTF-8, which makes the value unusable.
 */
export function headerText(raw: string): string | undefined {
  if (!/[^\x00-\x7f]/.test(raw)) return raw;
  const bytes = Buffer.from(raw, 'latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : undefined;
}

export function installationIdOf(clientContext: string): string | undefined {
  // Buffer's base64 decoder skips junk instead of failing, so insist on base64 text first.
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(clientContext.trim())) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(clientContext.trim(), 'base64').toString('utf8'));
    const id = (parsed as { client?: { installation_id?: unknown } } | null)?.client?.installation_id;
    return typeof parsed === 'object' && parsed !== null && typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}

export function lastModifiedBy(deviceId: string | undefined, clientContext: string | undefined, accountId: string): string {
  if (deviceId !== undefined && deviceId !== '') return deviceId;
  if (clientContext !== undefined && clientContext !== '') {
    const installationId = installationIdOf(clientContext);
    if (installationId !== undefined) return installationId;
    if (clientContext.length <= 256) return clientContext;
  }
  return accountId;
}

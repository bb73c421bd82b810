// Signs a request the SDK has no command for (cogsync's local admin route) with AWS Signature
// Version 4, through the signer the SDK itself uses, so `cogsync serve --auth sigv4` accepts it
// like any SDK call.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, SourceData } from '@smithy/types';

/** The signer's data (text, bytes, a buffer or a view) as something node:crypto takes. */
function bytes(data: SourceData): string | Uint8Array {
  if (typeof data === 'string' || data instanceof Uint8Array) return data;
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}

export interface RequestToSign {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

/** SHA-256 (or its HMAC, given a secret) in the shape the signer expects, over node:crypto. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }

  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/** The request's headers with the signature added (Authorization, X-Amz-Date, the session token when there is one). */
export async function signedHeaders(
  request: RequestToSign,
  signing: { service: string; region: string; credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider },
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: signing.service, region: signing.region, credentials: signing.credentials, sha256: NodeSha256 });
  const { url } = request;
  const signed = await signer.sign({
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port === '' ? undefined : Number(url.port),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { ...request.headers, host: url.host },
    body: request.body,
  });
  return signed.headers as Record<string, string>;
}

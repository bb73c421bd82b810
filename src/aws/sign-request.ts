// Signs a request the SDK has no command for (cogsync's local admin route) with AWS Signature
// Version 4, through the signer and hash the SDK itself uses, so `cogsync serve --auth sigv4`
// accepts it like any SDK call.
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export interface RequestToSign {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

/** The request's headers with the signature added (Authorization, X-Amz-Date, the session token when there is one). */
export async function signedHeaders(
  request: RequestToSign,
  signing: { service: string; region: string; credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider },
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: signing.service, region: signing.region, credentials: signing.credentials, sha256: Sha256 });
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

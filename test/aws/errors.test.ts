import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InternalErrorException, ResourceConflictException, TooManyRequestsException } from '@aws-sdk/client-cognito-sync';
import { CogsyncError, ENDPOINT_KEY, OPERATION_KEY, formatError, toCogsyncError } from '../../src/aws/errors.js';
import { rememberSecret } from '../../src/aws/redact.js';

const meta = (httpStatusCode: number, requestId = '3f2a9c1e-8d7a-4a0e-9a43-1f5b9d2c7e10') => ({ httpStatusCode, requestId, attempts: 1, totalRetryDelay: 0 });

function awsError(name: string, message: string, status: number, fault: 'client' | 'server' = 'client') {
  return Object.assign(new Error(message), { name, $fault: fault, $metadata: meta(status) });
}

test('a modelled SDK exception keeps code, status, request id; client faults are not retryable', () => {
  const raw = new ResourceConflictException({ message: 'Current SyncCount for: a is: 5 not: 4', $metadata: meta(409) });
  const e = toCogsyncError(raw, { operation: 'UpdateRecords' });
  assert.ok(e instanceof CogsyncError);
  assert.equal(e.code, 'ResourceConflictException');
  assert.equal(e.httpStatus, 409);
  assert.equal(e.requestId, '3f2a9c1e-8d7a-4a0e-9a43-1f5b9d2c7e10');
  assert.equal(e.operation, 'UpdateRecords');
  assert.equal(e.retryable, false);
  assert.equal(e.hint, undefined);
  assert.equal(e.cause, raw);
  assert.equal(formatError(e), '✗ ResourceConflictException · UpdateRecords · req 3f2a9c1e… : Current SyncCount for: a is: 5 not: 4');
});

test('server faults and throttling are retryable; throttling has a hint', () => {
  const internal = toCogsyncError(new InternalErrorException({ message: 'boom', $metadata: meta(500) }));
  assert.equal(internal.retryable, true);
  const throttled = toCogsyncError(new TooManyRequestsException({ message: 'slow down', $metadata: meta(429) }));
  assert.equal(throttled.code, 'TooManyRequestsException');
  assert.equal(throttled.retryable, true);
  assert.match(throttled.hint ?? '', /throttling/);
  assert.equal(toCogsyncError(awsError('ThrottlingException', 'Rate exceeded', 400)).retryable, true);
});

test('the operation and endpoint annotated by the middleware are picked up', () => {
  const raw = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
  Object.defineProperty(raw, OPERATION_KEY, { value: 'ListRecords' });
  Object.defineProperty(raw, ENDPOINT_KEY, { value: 'http://127.0.0.1:9' });
  const e = toCogsyncError(raw);
  assert.equal(e.operation, 'ListRecords');
  assert.equal(e.code, 'EndpointUnreachable');
  assert.equal(e.retryable, true);
  assert.match(e.message, /cannot reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/);
  assert.match(e.hint ?? '', /http:\/\/127\.0\.0\.1:9/);
});

test('network errors: AggregateError of refused connects, unknown host, timeout', () => {
  const inner = Object.assign(new Error('connect ECONNREFUSED ::1:9'), { code: 'ECONNREFUSED' });
  const aggregate = new AggregateError([inner], '');
  assert.equal(toCogsyncError(aggregate, { endpoint: 'http://localhost:9' }).code, 'EndpointUnreachable');
  const dns = toCogsyncError(Object.assign(new Error('getaddrinfo ENOTFOUND nope.invalid'), { code: 'ENOTFOUND' }), {
    endpoint: 'https://nope.invalid',
  });
  assert.match(dns.message, /host not found/);
  const timeout = toCogsyncError(Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' }));
  assert.equal(timeout.code, 'EndpointUnreachable');
  assert.match(timeout.message, /timed out/);
});

test('no credentials: hint names the env vars, or the profile', () => {
  const raw = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
  const anonymous = toCogsyncError(raw);
  assert.equal(anonymous.code, 'NoCredentials');
  assert.match(anonymous.hint ?? '', /AWS_ACCESS_KEY_ID/);
  assert.match(anonymous.hint ?? '', /AWS_PROFILE/);
  const named = toCogsyncError(raw, { profile: 'dev' });
  assert.match(named.hint ?? '', /profile 'dev'/);
});

test('expired SSO session: hint is aws sso login --profile X', () => {
  const raw = Object.assign(
    new Error('The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.'),
    { name: 'CredentialsProviderError' },
  );
  const e = toCogsyncError(raw, { profile: 'work' });
  assert.equal(e.code, 'SsoSessionExpired');
  assert.equal(e.hint, 'run: aws sso login --profile work');
  const tokenError = Object.assign(new Error('The SSO session token has expired; refresh it'), { name: 'TokenProviderError' });
  assert.equal(toCogsyncError(tokenError).code, 'SsoSessionExpired');
});

test('expired tokens, access denied and rejected keys get distinct hints', () => {
  const expired = toCogsyncError(awsError('ExpiredTokenException', 'The security token included in the request is expired', 400));
  assert.match(expired.hint ?? '', /expired: refresh/);
  assert.equal(expired.retryable, false);
  assert.match(toCogsyncError(awsError('ExpiredToken', 'x', 400)).hint ?? '', /refresh/);
  const denied = toCogsyncError(awsError('AccessDeniedException', 'User: arn:aws:iam::1:user/x is not authorized', 400));
  assert.match(denied.hint ?? '', /IAM policy/);
  const notAuthorized = toCogsyncError(awsError('NotAuthorizedException', 'nope', 403));
  assert.match(notAuthorized.hint ?? '', /IAM policy/);
  const badKey = toCogsyncError(awsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400));
  assert.match(badKey.hint ?? '', /credentials were rejected/);
});

test('the SDK\'s "Region is missing" becomes NoRegion with every way to set one', () => {
  const e = toCogsyncError(new Error('Region is missing'), { profile: 'dev' });
  assert.equal(e.code, 'NoRegion');
  assert.match(e.hint ?? '', /--region/);
  assert.match(e.hint ?? '', /AWS_REGION/);
  assert.match(e.hint ?? '', /\[profile dev\]/);
});

test('secrets in messages are redacted: security tokens, signatures, remembered secret keys', () => {
  rememberSecret('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  const raw = awsError(
    'InvalidSignatureException',
    'The Canonical String for this request should have been\nx-amz-security-token:FwoGZXIvYXdzEJr//////////secret\nSignature=0123456789abcdef0123456789abcdef key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    403,
  );
  const line = formatError(raw);
  assert.doesNotMatch(line, /FwoGZXIvYXdzEJr/);
  assert.doesNotMatch(line, /0123456789abcdef0123/);
  assert.doesNotMatch(line, /wJalrXUtnFEMI/);
  assert.match(line, /x-amz-security-token:\*\*\*/);
  assert.doesNotMatch(line, /\n/);
});

test('formatError keeps one line: control characters from the server are escaped', () => {
  const line = formatError(awsError('InvalidParameterException', 'bad\u001b[31mkey\r\nnext', 400), { hint: false });
  assert.equal(line, '✗ InvalidParameterException · req 3f2a9c1e… : bad\\x1b[31mkey next');
});

test('non-Error values and existing CogsyncErrors map sensibly', () => {
  assert.equal(toCogsyncError('weird').message, 'weird');
  assert.equal(toCogsyncError(undefined).code, 'Error');
  const original = new CogsyncError({ code: 'X', message: 'm', retryable: false });
  assert.equal(toCogsyncError(original), original);
  assert.equal(toCogsyncError(original, { operation: 'ListDatasets' }).operation, 'ListDatasets');
  assert.deepEqual(JSON.parse(JSON.stringify(original)), { code: 'X', message: 'm', retryable: false });
});

test('an HTTPS certificate for another host name says so, with a hint about the host rather than a CA bundle', () => {
  const altname = Object.assign(new Error("Hostname/IP does not match certificate's altnames: IP: 10.0.0.1 is not in the cert's list: 127.0.0.1"), {
    code: 'ERR_TLS_CERT_ALTNAME_INVALID',
  });
  const e = toCogsyncError(altname, { endpoint: 'https://10.0.0.1:4567', operation: 'ListDatasets' });
  assert.equal(e.code, 'CertificateRefused');
  assert.match(e.message, /^the HTTPS certificate of https:\/\/10\.0\.0\.1:4567 is for another host name: .*\(ERR_TLS_CERT_ALTNAME_INVALID\)$/);
  assert.match(e.hint ?? '', /check the host in --endpoint-url/);
  const untrusted = toCogsyncError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), { endpoint: 'https://h' });
  assert.match(untrusted.message, /is not trusted: self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
  assert.match(untrusted.hint ?? '', /--ca-bundle FILE or AWS_CA_BUNDLE/);
  assert.equal(untrusted.retryable, false);
});

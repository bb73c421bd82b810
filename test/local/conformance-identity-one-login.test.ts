// An identity holds one login per provider (SERVICE.md §6 GetId and §3.6 merges, `[ours]` as in Cognito): a second
// subject of a provider the identity already has is refused, and the refused call changes nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateIdentityPoolCommand, DescribeIdentityCommand, GetIdCommand, ListIdentitiesCommand } from '@aws-sdk/client-cognito-identity';
import { serverBeforeAll } from '../helpers/local-server.js';
import { raw } from '../helpers/raw-http.js';

const t = serverBeforeAll({ inMemory: true });

async function pool(name: string): Promise<string> {
  const created = await t.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: name, AllowUnauthenticatedIdentities: true }));
  return created.IdentityPoolId!;
}

const getId = async (IdentityPoolId: string, Logins?: Record<string, string>) =>
  (await t.identity.send(new GetIdCommand({ IdentityPoolId, Logins }))).IdentityId!;

const providersOf = async (IdentityId: string) => (await t.identity.send(new DescribeIdentityCommand({ IdentityId }))).Logins;

describe('one login per provider', () => {
  test('GetId refuses to link a second subject of a provider the identity has, and links nothing of that call', async () => {
    const P = await pool('one-login');
    const I = await getId(P, { 'graph.facebook.com': 'fb-alice' });
    // Through a login I has, a new provider links.
    assert.equal(await getId(P, { 'graph.facebook.com': 'fb-alice', 'accounts.google.com': 'g-alice' }), I);
    // Through g-alice, fb-carol would be I's second Facebook subject.
    await assert.rejects(
      getId(P, { 'graph.facebook.com': 'fb-carol', 'accounts.google.com': 'g-alice' }),
      (e: Error & { name: string }) =>
        e.name === 'ResourceConflictException' && e.message === `Identity ${I} is already linked to another graph.facebook.com login`,
    );
    // Nor a second Google subject through fb-alice.
    await assert.rejects(getId(P, { 'graph.facebook.com': 'fb-alice', 'accounts.google.com': 'g-other' }), { name: 'ResourceConflictException' });
    assert.deepEqual(await providersOf(I), ['accounts.google.com', 'graph.facebook.com']);
    // The refused calls linked nothing: alone, fb-carol and g-other are new identities.
    const J = await getId(P, { 'graph.facebook.com': 'fb-carol' });
    const K = await getId(P, { 'accounts.google.com': 'g-other' });
    assert.ok(J !== I && K !== I && J !== K);
    const ids = (await t.identity.send(new ListIdentitiesCommand({ IdentityPoolId: P, MaxResults: 10 }))).Identities?.map((i) => i.IdentityId);
    assert.deepEqual(new Set(ids), new Set([I, J, K]));
  });

  test('a merge of two identities with logins of one provider is refused and changes nothing', async () => {
    const P = await pool('one-login-merge');
    const A = await getId(P, { 'graph.facebook.com': 'fb-a' });
    const B = await getId(P, { 'graph.facebook.com': 'fb-b', 'accounts.google.com': 'g-b' });
    const merge = (SourceIdentityId: string, DestinationIdentityId: string) =>
      raw(t.url, { method: 'POST', path: '/_cogsync/merge-identities', headers: { 'Content-Type': 'application/json' }, body: { IdentityPoolId: P, SourceIdentityId, DestinationIdentityId } });
    const refused = await merge(B, A);
    assert.equal(refused.status, 409, refused.text);
    assert.match(refused.text, /ResourceConflictException/);
    // Both identities and their logins are as they were.
    assert.deepEqual(await providersOf(A), ['graph.facebook.com']);
    assert.deepEqual(await providersOf(B), ['accounts.google.com', 'graph.facebook.com']);
    assert.equal(await getId(P, { 'accounts.google.com': 'g-b' }), B);
    // Logins of different providers merge: C's Google login moves to A.
    const C = await getId(P, { 'accounts.google.com': 'g-c' });
    const merged = await merge(C, A);
    assert.equal(merged.status, 200, merged.text);
    assert.deepEqual(await providersOf(A), ['accounts.google.com', 'graph.facebook.com']);
    assert.equal(await getId(P, { 'accounts.google.com': 'g-c' }), A);
  });
});

// SERVICE.md §6: DescribeIdentity / ListIdentities give IdentityDescription.Logins as "[provider names]": sorted,
// each provider once (an identity holds one login per provider: conformance-identity-one-login.test.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateIdentityPoolCommand, DescribeIdentityCommand, GetIdCommand, ListIdentitiesCommand } from '@aws-sdk/client-cognito-identity';
import { serverBeforeAll } from '../helpers/local-server.js';

const t = serverBeforeAll({ inMemory: true });

describe('§6 IdentityDescription.Logins', () => {
  test('each provider name once, sorted, as logins are linked', async () => {
    const { IdentityPoolId } = await t.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'logins', AllowUnauthenticatedIdentities: false }));
    const getId = async (Logins: Record<string, string>) => (await t.identity.send(new GetIdCommand({ IdentityPoolId, Logins }))).IdentityId;
    const I = await getId({ 'graph.facebook.com': 'user-a' });
    // Linked through user-a, then the same two logins again: nothing new.
    assert.equal(await getId({ 'graph.facebook.com': 'user-a', 'accounts.google.com': 'g1' }), I);
    assert.equal(await getId({ 'accounts.google.com': 'g1', 'graph.facebook.com': 'user-a' }), I);
    assert.equal(await getId({ 'accounts.google.com': 'g1', 'www.amazon.com': 'amzn1' }), I);
    const d = await t.identity.send(new DescribeIdentityCommand({ IdentityId: I }));
    assert.deepEqual(d.Logins, ['accounts.google.com', 'graph.facebook.com', 'www.amazon.com']);
    const list = await t.identity.send(new ListIdentitiesCommand({ IdentityPoolId, MaxResults: 10 }));
    assert.deepEqual(list.Identities?.map((i) => i.Logins), [['accounts.google.com', 'graph.facebook.com', 'www.amazon.com']]);
  });
});

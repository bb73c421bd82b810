// SERVICE.md §6: DescribeIdentity / ListIdentities give IdentityDescription.Logins as "[provider
// names]". An identity that holds two logins of one provider (GetId linked a second subject of
// that provider through another login it already had) still lists the provider once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateIdentityPoolCommand, DescribeIdentityCommand, GetIdCommand, ListIdentitiesCommand } from '@aws-sdk/client-cognito-identity';
import { startTestServer, type TestServer } from '../helpers/local-server.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ inMemory: true });
});
after(() => t.close());

describe('§6 IdentityDescription.Logins', () => {
  test('each provider name once, sorted, even with two subjects of one provider', async () => {
    const { IdentityPoolId } = await t.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'logins', AllowUnauthenticatedIdentities: false }));
    const getId = async (Logins: Record<string, string>) => (await t.identity.send(new GetIdCommand({ IdentityPoolId, Logins }))).IdentityId;
    const I = await getId({ 'graph.facebook.com': 'user-a' });
    assert.equal(await getId({ 'graph.facebook.com': 'user-a', 'accounts.google.com': 'g1' }), I);
    assert.equal(await getId({ 'graph.facebook.com': 'user-c', 'accounts.google.com': 'g1' }), I);
    const d = await t.identity.send(new DescribeIdentityCommand({ IdentityId: I }));
    assert.deepEqual(d.Logins, ['accounts.google.com', 'graph.facebook.com']);
    const list = await t.identity.send(new ListIdentitiesCommand({ IdentityPoolId, MaxResults: 10 }));
    assert.deepEqual(list.Identities?.map((i) => i.Logins), [['accounts.google.com', 'graph.facebook.com']]);
  });
});

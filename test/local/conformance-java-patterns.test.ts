// SERVICE.md §2 / §6: the model's patterns are AWS's Java regular expressions. Where Java and
// JavaScript read the same pattern text differently, the server must answer as AWS does:
// Java's `\s` is only [ \t\n\x0B\f\r] (JavaScript's also takes U+00A0, U+2028, U+3000,
// U+FEFF, …), and Java's `.` also stops at U+0085.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateIdentityPoolCommand, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { SetIdentityPoolConfigurationCommand } from '@aws-sdk/client-cognito-sync';
import { serverBeforeAll } from '../helpers/local-server.js';
import { C, expectError, expectViolations, violation } from '../helpers/fixtures.js';

const t = serverBeforeAll({ inMemory: true });

const POOL_NAME = '[\\w\\s+=,.@-]+';

describe('§2 patterns are read as Java reads them', () => {
  test('IdentityPoolName `[\\w\\s+=,.@-]+`: Unicode spaces are not `\\s` (ValidationException), Java\'s six are', async () => {
    for (const space of ['\u00a0', '\u2028', '\u3000', '\ufeff', '\u2003']) {
      const name = `my${space}pool`;
      await expectViolations(
        t.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: name, AllowUnauthenticatedIdentities: true })),
        [violation('identityPoolName', name, C.pattern(POOL_NAME))],
        'ValidationException',
      );
    }
    for (const space of [' ', '\t', '\n', '\x0b', '\f', '\r']) {
      const name = `my${space}pool`;
      const pool = await t.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: name, AllowUnauthenticatedIdentities: true }));
      assert.equal(pool.IdentityPoolName, name);
    }
  });

  test('NextToken `[\\S]+`: a Unicode space is `\\S` in Java, so such a token is not a pattern violation but Invalid NextToken', async () => {
    await expectError(t.identity.send(new ListIdentityPoolsCommand({ MaxResults: 5, NextToken: 'abc\u00a0def' })), {
      name: 'InvalidParameterException',
      status: 400,
      message: 'Invalid NextToken',
    });
    await expectViolations(
      t.identity.send(new ListIdentityPoolsCommand({ MaxResults: 5, NextToken: 'abc\tdef' })),
      [violation('nextToken', 'abc\tdef', C.pattern('[\\S]+'))],
      'ValidationException',
    );
  });

  test('RoleArn `arn:aws:iam::\\d+:role/.*`: `.` stops at U+0085 (NEL) as at the other Java line terminators', async () => {
    const pool = await t.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'p', AllowUnauthenticatedIdentities: true }));
    const role = 'arn:aws:iam::123456789012:role/sync\u0085x';
    await expectViolations(
      t.sync.send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId: pool.IdentityPoolId, PushSync: { RoleArn: role } })),
      [violation('pushSync.roleArn', role, C.pattern('arn:aws:iam::\\d+:role/.*'))],
    );
  });
});

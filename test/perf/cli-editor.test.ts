// A plain editor command line skips commander (cli-editor.ts): it must read exactly what commander would, and leave
// everything else to commander.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Command } from 'commander';
import { EDITOR_OPTIONS, plainEditorFlags, USAGE_EXIT_CODE } from '../../src/cli-editor.js';
import { ExitCode } from '../../src/commands/errors.js';
import { createProgram } from '../../src/cli-program.js';

/** What commander's program makes of `args`: the flags its default action gives the editor, or the error it reports. */
async function commanderReads(args: string[]): Promise<{ flags: Record<string, unknown> } | { error: string }> {
  let flags: Record<string, unknown> | undefined;
  const program: Command = await createProgram(async (given) => {
    flags = { ...given };
  });
  program.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} }).action(() => {});
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    return { error: (error as Error).message };
  }
  return flags ? { flags } : { error: 'a subcommand ran' };
}

test('a plain editor command line is read as commander reads it', async () => {
  const lines = [
    [],
    ['--readonly'],
    ['--endpoint-url', 'http://127.0.0.1:4567', '--identity-pool-id', 'us-east-1:p', '--identity-id', 'us-east-1:i', '--dataset-name', 'list-records'],
    ['--endpoint-url=http://127.0.0.1:4567', '--profile=--readonly'],
    ['--watch', '--watch-interval', '2', '--log', ''],
    ['--region', 'us-east-1', '--region', 'eu-west-1'],
  ];
  for (const line of lines) {
    const fast = plainEditorFlags(line);
    assert.ok(fast, `${JSON.stringify(line)} is a plain editor line`);
    assert.deepEqual(await commanderReads(line), { flags: fast }, JSON.stringify(line));
  }
});

test('anything else goes to commander', () => {
  const others = [
    ['list-records'], ['serve', '--port', '0'], ['--readonly', 'serve'], ['help'], ['--help'], ['-h'], ['--version'], ['-V'],
    ['--no-such-option'], ['--', 'x'], ['--profile'], ['--profile', '--readonly'], ['--endpoint-url', '-x'], ['--readonly=yes'],
  ];
  for (const line of others) assert.equal(plainEditorFlags(line), undefined, JSON.stringify(line));
});

test('the AWS CLI global options the editor lacks go to commander, which takes them only before a command', async () => {
  const lines = [['--output', 'text'], ['--query', 'Count'], ['--debug'], ['--no-paginate'], ['--no-cli-pager'], ['--endpoint-url', 'http://127.0.0.1:1', '--debug']];
  for (const line of lines) {
    assert.equal(plainEditorFlags(line), undefined, JSON.stringify(line));
    const read = await commanderReads(line);
    assert.ok('error' in read && /the editor does not take --/.test(read.error), `${JSON.stringify(line)}: ${JSON.stringify(read)}`);
    assert.deepEqual(await commanderReads([...line, 'list-datasets']), { error: 'a subcommand ran' }, JSON.stringify(line));
  }
});

test('a word that is not a command is named as one, not taken for the editor', async () => {
  assert.equal(plainEditorFlags(['list-recordz']), undefined);
  assert.deepEqual(await commanderReads(['--readonly', 'list-recordz']), { error: "error: unknown command 'list-recordz'\n(Did you mean list-records?)" });
});

test('every editor option is on the commander program, with the same value or none', async () => {
  const program = await createProgram();
  for (const option of EDITOR_OPTIONS) {
    const registered = program.options.find((o) => o.long === option.flag);
    assert.ok(registered, option.flag);
    assert.equal(registered.required, option.value !== undefined, option.flag);
    assert.equal(registered.attributeName(), option.name, option.flag);
  }
});

test('property: whenever the fast path accepts a line, commander reads the same flags from it', async () => {
  const word = fc.constantFrom(
    ...EDITOR_OPTIONS.map((o) => o.flag),
    '--readonly=1', '--', '-', 'serve', 'list-records', 'us-east-1', 'http://127.0.0.1:1', '', '-V', '--help', '--x',
  );
  const withValue = fc.tuple(fc.constantFrom(...EDITOR_OPTIONS.filter((o) => o.value).map((o) => o.flag)), fc.string({ maxLength: 6 })).map(([f, v]) => `${f}=${v}`);
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(word, withValue), { maxLength: 6 }), async (line) => {
      const fast = plainEditorFlags(line);
      if (fast === undefined) return;
      assert.deepEqual(await commanderReads(line), { flags: fast }, JSON.stringify(line));
    }),
    { numRuns: 300 },
  );
});

test('the editor’s usage errors exit as every bad command line does', () => {
  assert.equal(USAGE_EXIT_CODE, ExitCode.Usage);
});

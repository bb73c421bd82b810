// A plain editor command line skips commander (cli-editor.ts): it must read exactly what commander would, and leave
// everything else to commander.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Command } from 'commander';
import { EDITOR_OPTIONS, plainEditorFlags } from '../../src/cli-editor.js';
import { createProgram } from '../../src/cli-program.js';

/** What commander's program makes of `args`: the editor's options, or the error it reports. */
async function commanderReads(args: string[]): Promise<{ flags: Record<string, unknown> } | { error: string }> {
  const program: Command = await createProgram();
  let flags: Record<string, unknown> | undefined;
  program.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} }).action(() => {});
  program.action((opts: Record<string, unknown>) => {
    flags = { ...opts };
  });
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

// argparse's "an option's value must not look like an option" rule (optionWithoutValue, global-options.ts), the one
// function the program, the operations and the helpers use. Pure: commander commands, no process, no server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { missingValueError, optionWithoutValue } from '../../src/commands/global-options.js';

function command(): Command {
  return new Command('c')
    .option('--name <value>')
    .option('-p, --profile <name>')
    .option('--patches <value...>')
    .option('--skeleton [type]')
    .option('--flag');
}

/** The option found and the word after it, or undefined. */
function scan(args: string[], scope?: 'all' | 'leading'): [string | undefined, string | undefined] | undefined {
  const found = optionWithoutValue(command(), args, scope);
  return found && [found.option.long, found.word];
}

test('a value that looks like an option is missing; one at the end of the line too', () => {
  assert.deepEqual(scan(['--name', '--flag']), ['--name', '--flag']);
  assert.deepEqual(scan(['--name', '-x']), ['--name', '-x']);
  assert.deepEqual(scan(['--flag', '--name']), ['--name', undefined]);
  assert.deepEqual(scan(['-p', '--name', 'n']), ['--profile', '--name'], 'a short option is looked up too');
});

test('-1, -.5, -x y (a space), --name=-x and a lone - are values, as argparse has them', () => {
  for (const value of ['-1', '-0.5', '-.5', '-x y', '-']) assert.equal(scan(['--name', value, '--flag']), undefined, value);
  assert.equal(scan(['--name=-x', '--flag']), undefined);
  assert.deepEqual(scan(['--name', '-1x']), ['--name', '-1x'], 'not a number');
});

test('a value is skipped, not read as an option: --name --flag is the name when written --name=--flag', () => {
  assert.equal(scan(['--name', 'a', '--profile', 'p', 'word', '--flag']), undefined);
  assert.equal(scan(['--name=--flag', '--profile', 'p']), undefined);
});

test('a variadic option needs at least one value; each of its words is read on', () => {
  assert.deepEqual(scan(['--patches', '--name', 'n']), ['--patches', '--name']);
  assert.deepEqual(scan(['--patches']), ['--patches', undefined]);
  assert.equal(scan(['--patches', 'a', 'b', '--flag']), undefined);
  assert.deepEqual(scan(['--patches', 'a', '--name', '--flag']), ['--name', '--flag']);
});

test('an optional value ([type]) may be left out', () => {
  assert.equal(scan(['--skeleton', '--flag']), undefined);
});

test('-- ends the scan: what follows is an operand', () => {
  assert.equal(scan(['--', '--name', '--flag']), undefined);
  assert.deepEqual(scan(['--name', '--', 'x']), ['--name', '--'], 'as argparse: -- is no value');
});

test("'leading' (the program) stops at the first word that is not an option: the rest is the command's", () => {
  assert.deepEqual(scan(['--name', '--flag', 'list-records'], 'leading'), ['--name', '--flag']);
  assert.equal(scan(['list-records', '--name', '--flag'], 'leading'), undefined);
  assert.equal(scan(['--name', 'n', 'list-records', '--name', '--flag'], 'leading'), undefined, 'the value is not the command');
  assert.deepEqual(scan(['list-records', '--name', '--flag']), ['--name', '--flag'], "'all' reads on");
});

test('the error texts: argparse\'s, one or at least one argument', () => {
  const c = command();
  const named = (long: string) => c.options.find((o) => o.long === long)!;
  assert.equal(missingValueError(named('--name')), 'error: argument --name: expected one argument');
  assert.equal(missingValueError(named('--patches')), 'error: argument --patches: expected at least one argument');
});

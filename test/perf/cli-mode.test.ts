// The editor skips registering the scripted commands only when no word on the command line can be a subcommand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { mayNameSubcommand } from '../../src/cli-mode.js';

const program = new Command()
  .option('--profile <name>')
  .option('--endpoint-url <url>')
  .option('--readonly')
  .option('--dataset-name <name>')
  .option('--watch-interval [seconds]')
  .version('0.1.0');

const may = (...args: string[]) => mayNameSubcommand(args, program.options);

test('the editor alone, with its options and their values, names no subcommand', () => {
  assert.equal(may(), false);
  assert.equal(may('--readonly'), false);
  assert.equal(may('--endpoint-url', 'http://127.0.0.1:4567', '--dataset-name', 'list-records'), false, 'a value is not a command');
  assert.equal(may('--profile=prod', '--readonly'), false);
  assert.equal(may('--version'), false);
  assert.equal(may('-V'), false);
});

test('a word, help, an unknown option or -- may be a subcommand', () => {
  assert.equal(may('list-records'), true);
  assert.equal(may('--readonly', 'serve'), true);
  assert.equal(may('--help'), true);
  assert.equal(may('-h'), true);
  assert.equal(may('help'), true);
  assert.equal(may('--no-such-option'), true);
  assert.equal(may('--', 'x'), true);
  assert.equal(may('--profile'), false, 'a missing value is commander’s error to report');
});

test('an option with an optional value swallows the next word (registering stays safe either way)', () => {
  assert.equal(may('--watch-interval', '5'), false);
});

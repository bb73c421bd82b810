#!/usr/bin/env node
// Entry point: a plain editor command line starts the editor at once (cli-editor.ts); anything else — a subcommand,
// `serve`, --help, --version, a mistake — goes to the commander program (cli-program.ts).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { plainEditorFlags, runEditorWithFlags } from './cli-editor.js';

const editorFlags = plainEditorFlags(process.argv.slice(2));
if (editorFlags) {
  await runEditorWithFlags(editorFlags);
} else {
  const { runProgram } = await import('./cli-program.js');
  await runProgram(process.argv);
}

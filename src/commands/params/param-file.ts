// `file://PATH` parameter values, as the AWS CLI reads them: `~` and `$VARS` expanded,
// the file read as UTF-8 text, a byte-order mark at its start kept as part of the text (the
// CLI reads it so: JSON behind one is no JSON, a string keeps it). (`http://` is not fetched,
// as in AWS CLI v2.)
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';

export const FILE_PREFIX = 'file://';

/** U+FEFF: what a UTF-8 byte-order mark (EF BB BF) decodes to. */
export const BOM = '\ufeff';

/** Said after an error about a file's text that starts with a byte-order mark. */
export const BOM_HINT = 'The file starts with a UTF-8 byte-order mark (EF BB BF), which the AWS CLI reads as part of the value: save it without one.';

export class ParamFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParamFileError';
  }
}

export interface ParamFileContext {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** The file's text when `value` is `file://PATH`, else undefined. Throws ParamFileError. */
export function readParamFile(value: string, context: ParamFileContext = {}): string | undefined {
  if (!value.startsWith(FILE_PREFIX)) return undefined;
  const env = context.env ?? process.env;
  const path = resolve(context.cwd ?? process.cwd(), expandVars(expandUser(value.slice(FILE_PREFIX.length), env), env));
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ParamFileError(`Unable to load paramfile ${value}: ${reason}`);
  }
  try {
    // ignoreBOM: a mark at the start stays in the text, as the AWS CLI keeps it (TextDecoder would drop it).
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // A value is text: say so rather than sending replacement characters.
    throw new ParamFileError(`Unable to load paramfile (${path}), text contents could not be decoded as UTF-8.`);
  }
}

function expandUser(path: string, env: NodeJS.ProcessEnv): string {
  if (path !== '~' && !path.startsWith('~/')) return path;
  return (env.HOME || homedir()) + path.slice(1);
}

// Python's os.path.expandvars: $NAME and ${NAME}; unknown variables are left as written.
function expandVars(path: string, env: NodeJS.ProcessEnv): string {
  return path.replace(/\$(\w+)|\$\{([^}]+)\}/g, (whole, bare: string | undefined, braced: string | undefined) => {
    const value = env[(bare ?? braced)!];
    return value === undefined ? whole : value;
  });
}

// `--cli-input-json JSON|file://PATH`: a whole request as JSON (the shape printed by
// `--generate-cli-skeleton`). Options given on the command line win over its members;
// unknown members are left in so validation names them, as the AWS CLI does.
import { ParamError } from '../errors.js';
import { parseJsonKeepingFloats } from './json-float.js';
import { BOM, BOM_HINT, readParamFile, ParamFileError, type ParamFileContext } from './param-file.js';
import { isPlainObject } from './unpack.js';

const FLAG = '--cli-input-json';

export function readCliInputJson(raw: string, context: ParamFileContext = {}): Record<string, unknown> {
  let text: string;
  let fromFile: boolean;
  try {
    const read = readParamFile(raw, context);
    fromFile = read !== undefined;
    text = read ?? raw;
  } catch (error) {
    if (error instanceof ParamFileError) throw new ParamError(FLAG, error.message);
    throw error;
  }
  if (text.startsWith(BOM)) {
    // Python's json module refuses it so for the AWS CLI (JSON.parse would say "Unexpected token").
    throw new ParamError(FLAG, `Invalid JSON: Unexpected UTF-8 BOM: line 1 column 1 (char 0)\nJSON received: ${text}${fromFile ? `\n${BOM_HINT}` : ''}`);
  }
  let parsed: unknown;
  try {
    parsed = parseJsonKeepingFloats(text);
  } catch (error) {
    throw new ParamError(FLAG, `Invalid JSON: ${(error as Error).message}\nJSON received: ${text}`);
  }
  if (!isPlainObject(parsed)) throw new ParamError(FLAG, `Invalid JSON: expected an object of request members\nJSON received: ${text}`);
  return parsed;
}

/** The members of `fromJson` that the command line did not set, added to `fromOptions`. */
export function mergeCliInputJson(fromOptions: Record<string, unknown>, fromJson: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...fromOptions };
  for (const [key, value] of Object.entries(fromJson)) {
    if (!Object.hasOwn(merged, key)) Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

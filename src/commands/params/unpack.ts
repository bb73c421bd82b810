// Turns an option's raw text into the API parameter value, in the AWS CLI's order:
// file://PATH first, then JSON when the text starts with '[' or '{', else shorthand for
// complex shapes (each shell word of a list option is one item), else a scalar. After
// shorthand, scalars are coerced by the model (long → number, one item → a list), as
// awscli's BackCompatVisitor does; JSON is taken as written and checked by validate.ts.
// A list option's file is one text, not shell words, as for the CLI: one shorthand word in
// it is one object (refused by validate.ts: not a list), a JSON object in it is refused here.
import { ParamError } from '../errors.js';
import { getShape, type Shape } from '../model/service-model.js';
import { parseShorthand, ShorthandSyntaxError, type ShorthandValue } from '../shorthand.js';
import { JsonFloat, parseJsonKeepingFloats } from './json-float.js';
import { BOM, BOM_HINT, readParamFile, ParamFileError, type ParamFileContext } from './param-file.js';

export type RawOption = string | string[];

/** The value of option `flag` (`--record-patches`) for input member `member` (`RecordPatches`) of shape `shapeName`. */
export function unpackOption(
  flag: string,
  member: string,
  shapeName: string,
  raw: RawOption,
  context: ParamFileContext = {},
): unknown {
  const shape = getShape(shapeName);
  const value = withParamFile(flag, raw, context);
  try {
    if (supportsShorthand(shape) && !looksLikeJson(value)) return unpackShorthand(flag, member, shape, value, context);
    return unpackPlain(flag, shape, value);
  } catch (error) {
    // A byte-order mark read from a file is invisible in the message: say it is there.
    const fromFile = value !== raw && typeof value === 'string';
    if (fromFile && value.startsWith(BOM) && error instanceof ParamError) throw new ParamError(flag, `${error.detail}\n${BOM_HINT}`);
    throw error;
  }
}

/** awscli: a list option given exactly one word may be file://PATH; so may any scalar. */
function withParamFile(flag: string, raw: RawOption, context: ParamFileContext): RawOption {
  const single = Array.isArray(raw) ? (raw.length === 1 ? raw[0] : undefined) : raw;
  if (single === undefined) return raw;
  try {
    return readParamFile(single, context) ?? raw;
  } catch (error) {
    if (error instanceof ParamFileError) throw new ParamError(flag, error.message);
    throw error;
  }
}

function looksLikeJson(value: RawOption): boolean {
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = pythonStrip(first ?? '');
  return trimmed.startsWith('[') || trimmed.startsWith('{');
}

// Python's str.strip(), which the CLI's "looks like JSON" checks use: unlike String.trim() it keeps U+FEFF (a
// byte-order mark) and strips the separators U+001C–U+001F and U+0085.
const PYTHON_WHITESPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PYTHON_STRIP = new RegExp(`^${PYTHON_WHITESPACE}+|${PYTHON_WHITESPACE}+$`, 'g');

export function pythonStrip(text: string): string {
  return text.replace(PYTHON_STRIP, '');
}

/** Shorthand is for structures, maps and lists of those; not for scalars or lists of scalars. */
export function supportsShorthand(shape: Shape): boolean {
  if (shape.type === 'structure' || shape.type === 'map') return true;
  if (shape.type === 'list') return ['structure', 'list', 'map'].includes(getShape(shape.member!.shape).type);
  return false;
}

function unpackShorthand(flag: string, member: string, shape: Shape, value: RawOption, context: ParamFileContext): unknown {
  const resolveFile = (text: string) => readParamFile(text, context);
  let parsed: ShorthandValue;
  try {
    parsed = Array.isArray(value) ? value.map((word) => parseShorthand(word, resolveFile)) : parseShorthand(value, resolveFile);
  } catch (error) {
    if (error instanceof ShorthandSyntaxError || error instanceof ParamFileError) throw new ParamError(flag, error.message);
    throw error;
  }
  // A list option's words are a list, one item each. Its file is one text, so one object: left as it is for
  // validate.ts to refuse (awscli's BackCompatVisitor makes it a list only in a copy it drops).
  if (shape.type === 'list' && !Array.isArray(parsed)) return parsed;
  return coerce(flag, shape, parsed, member);
}

/** awscli's BackCompatVisitor: shorthand gives strings; the model says what they are. */
function coerce(flag: string, shape: Shape, value: unknown, path: string): unknown {
  switch (shape.type) {
    case 'structure': {
      if (!isPlainObject(value)) return value;
      const out: Record<string, unknown> = { ...value };
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (out[name] !== undefined) out[name] = coerce(flag, getShape(ref.shape), out[name], join(path, name));
      }
      return out;
    }
    case 'list': {
      const items = Array.isArray(value) ? value : [value];
      const member = getShape(shape.member!.shape);
      return items.map((item, i) => coerce(flag, member, item, `${path}[${i}]`));
    }
    case 'map': {
      if (!isPlainObject(value)) return value;
      const valueShape = getShape(shape.value!.shape);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, coerce(flag, valueShape, v, join(path, k))]));
    }
    case 'integer':
    case 'long':
      return typeof value === 'string' ? parseInteger(flag, value, path) : value;
    case 'boolean':
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      return value;
    default:
      return value;
  }
}

function unpackPlain(flag: string, shape: Shape, value: RawOption): unknown {
  if (shape.type === 'list') {
    if (typeof value === 'string') {
      if (pythonStrip(value).startsWith('[')) return parseJson(flag, value);
      const member = getShape(shape.member!.shape);
      if (member.type === 'structure' || member.type === 'map') {
        // A file holding one JSON object. The AWS CLI refuses it too, reading the text as a list of its characters.
        throw new ParamError(flag, `Invalid JSON: a JSON object where a list is expected (write it inside [ ])\nJSON received: ${value}`);
      }
      return [unpackPlain(flag, member, value)];
    }
    if (value.length === 1 && pythonStrip(value[0]).startsWith('[')) return parseJson(flag, value[0]);
    const member = getShape(shape.member!.shape);
    return value.map((word) => unpackPlain(flag, member, word));
  }
  const text = Array.isArray(value) ? value.join(' ') : value;
  switch (shape.type) {
    case 'structure':
    case 'map':
      if (pythonStrip(text).startsWith('{')) return parseJson(flag, text);
      throw new ParamError(flag, `Invalid JSON:\n${text}`);
    case 'integer':
    case 'long':
      return parseInteger(flag, text, '');
    case 'boolean':
      return text.toLowerCase() !== 'false';
    default:
      // Strings, and timestamps (checked and converted by validate.ts).
      return text;
  }
}

function parseJson(flag: string, text: string): unknown {
  try {
    return parseJsonKeepingFloats(text);
  } catch (error) {
    throw new ParamError(flag, `Invalid JSON: ${(error as Error).message}\nJSON received: ${text}`);
  }
}

function parseInteger(flag: string, text: string, path: string): number {
  const trimmed = text.trim();
  const n = Number(trimmed);
  if (!/^[+-]?\d+$/.test(trimmed) || !Number.isSafeInteger(n)) {
    const where = path ? ` for ${path}` : '';
    throw new ParamError(flag, `Invalid value${where}: expected an integer, received '${text}'`);
  }
  return n;
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof JsonFloat);
}

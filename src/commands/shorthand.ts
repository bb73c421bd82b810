// The AWS CLI's shorthand syntax (`Key=value,Key2=[a,b],Key3={A=b}`), parsed by the same
// grammar as awscli/shorthand.py so a command line written for `aws cognito-sync` means
// the same thing here. This is the purely syntactic step: every scalar comes out as a
// string; the model-driven coercion (long, timestamp, list wrapping) is in param-shapes.ts.
//
// One deliberate difference: awscli's character classes stop at U+FFFF, so a value that
// contains an emoji fails there with "Expected: ','". Here every code point is allowed;
// nothing the AWS CLI accepts is read differently.

import { sanitizeLine } from '../util/sanitize.js';

export type ShorthandValue = string | ShorthandValue[] | ShorthandObject;
export interface ShorthandObject {
  [key: string]: ShorthandValue;
}

/** A malformed shorthand value; `message` shows the input with a caret under `index`. */
export class ShorthandSyntaxError extends Error {
  constructor(
    message: string,
    readonly input: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'ShorthandSyntaxError';
  }
}

/** Reads `file://PATH` (and `@=` values); returns undefined for other strings. */
export type ParamFileResolver = (value: string) => string | undefined;

// Python's string.whitespace, which the CLI skips between tokens.
const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\v', '\f']);
const KEY_CHAR = /[A-Za-z0-9\-_.#/:]/;

// Character classes of awscli's value regexes, extended past U+FFFF (see above).
const START_WORD = String.raw`!#-&(-+\--<>-Z\\-z|-\u{10FFFF}`;
const FIRST_FOLLOW = String.raw`\s!#-&(-+\--\\^-|~-\u{10FFFF}`;
const SECOND_FOLLOW = String.raw`\s!#-&(-+\--<>-\u{10FFFF}`;
const ESCAPED_COMMA = String.raw`\\,`;

interface NamedRegex {
  name: string;
  regex: RegExp;
}

const sticky = (name: string, source: string): NamedRegex => ({ name, regex: new RegExp(source, 'uy') });
const FIRST_VALUE = sticky('first', `(?:${ESCAPED_COMMA}|[${START_WORD}])(?:${ESCAPED_COMMA}|[${FIRST_FOLLOW}])*`);
const SECOND_VALUE = sticky('second', `(?:${ESCAPED_COMMA}|[${START_WORD}])(?:${ESCAPED_COMMA}|[${SECOND_FOLLOW}])*`);
// awscli spells it "singled quoted"; kept so the error text matches.
const SINGLE_QUOTED = sticky('singled quoted', String.raw`'(?:\\'|[^'])*'`);
const DOUBLE_QUOTED = sticky('double quoted', String.raw`"(?:\\"|[^"])*"`);

/** The input again, with a caret under `index` (on the right line when there are newlines). */
export function errorLocation(input: string, index: number): string {
  let consumed = input;
  let remaining = '';
  const before = input.slice(0, index);
  // Measured as the line is printed: a control character before the caret is shown escaped (`\t`, `\e`, `\x01`).
  const spaces = sanitizeLine(before.slice(before.lastIndexOf('\n') + 1)).length;
  const nextNewline = input.indexOf('\n', index);
  if (nextNewline !== -1) {
    consumed = input.slice(0, nextNewline);
    remaining = input.slice(nextNewline);
  }
  return `${consumed}\n${' '.repeat(spaces)}^${remaining}`;
}

function syntaxError(input: string, expected: string, actual: string, index: number): ShorthandSyntaxError {
  const message = `Expected: '${expected}', received: '${actual}' for input:\n${errorLocation(input, index)}`;
  return new ShorthandSyntaxError(message, input, index);
}

function duplicateKeyError(key: string, input: string, index: number): ShorthandSyntaxError {
  const message =
    `Second instance of key "${key}" encountered for input:\n${errorLocation(input, index)}\n` +
    'This is often because there is a preceding "," instead of a space.';
  return new ShorthandSyntaxError(message, input, index);
}

/**
 * Lists and objects nested deeper than this are refused: no Cognito Sync shape comes near
 * it, and each level is a stack frame (a hostile `{a={a=…` would overflow the stack).
 */
export const MAX_SHORTHAND_NESTING = 100;

function nestingError(input: string, index: number): ShorthandSyntaxError {
  return new ShorthandSyntaxError(`Nesting too deep (more than ${MAX_SHORTHAND_NESTING} levels of [ ] or { }) for input:\n${errorLocation(input, index)}`, input, index);
}

/** Sets an own property, even for `__proto__` (which `obj[key] =` would take as the prototype). */
function setOwn(object: ShorthandObject, key: string, value: ShorthandValue): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Parses one shorthand value (one shell word) into an object of strings, lists and
 * objects. Throws ShorthandSyntaxError naming the position of the first problem.
 */
export function parseShorthand(input: string, resolveParamFile?: ParamFileResolver): ShorthandObject {
  return new Parser(input, resolveParamFile).parameter();
}

class Parser {
  private index = 0;
  private depth = 0;
  // Set by `Key@=value`: the value may be file://PATH.
  private resolveFiles = false;

  constructor(
    private readonly input: string,
    private readonly resolveParamFile?: ParamFileResolver,
  ) {}

  // parameter = keyval *("," keyval)
  parameter(): ShorthandObject {
    const params: ShorthandObject = {};
    const [firstKey, firstValue] = this.keyval();
    setOwn(params, firstKey, firstValue);
    let lastIndex = this.index;
    while (this.index < this.input.length) {
      this.expect(',', true);
      const [key, value] = this.keyval();
      // A repeated key is nearly always two list items joined by "," instead of a space.
      if (Object.hasOwn(params, key)) throw duplicateKeyError(key, this.input, lastIndex + 1);
      setOwn(params, key, value);
      lastIndex = this.index;
    }
    return params;
  }

  // keyval = key "=" values / key "@=" file-or-values
  private keyval(): [string, ShorthandValue] {
    const key = this.key();
    this.optionalAt();
    this.expect('=', true);
    return [key, this.values()];
  }

  private optionalAt(): void {
    this.resolveFiles = false;
    this.consumeWhitespace();
    if (this.current() === '@') {
      this.index += 1;
      this.consumeWhitespace();
      this.resolveFiles = true;
    }
  }

  private key(): string {
    const start = this.index;
    while (!this.atEof() && KEY_CHAR.test(this.input[this.index])) this.index += 1;
    return this.input.slice(start, this.index);
  }

  private values(): ShorthandValue {
    if (this.atEof()) return '';
    if (this.current() === '[') return this.explicitList();
    if (this.current() === '{') return this.hashLiteral();
    return this.csvValue();
  }

  // `a=b` is the scalar 'b'; `a=b,c` is the list ['b', 'c']; in `a=b,c=d` the parser
  // reads 'c' as a list item, meets '=', and backs up to the comma before 'c'.
  private csvValue(): ShorthandValue {
    const first = this.firstValue();
    this.consumeWhitespace();
    if (this.atEof() || this.input[this.index] !== ',') return first;
    this.expect(',', true);
    const list: string[] = [first];
    for (;;) {
      try {
        const item = this.secondValue();
        this.consumeWhitespace();
        if (this.atEof()) {
          list.push(item);
          break;
        }
        this.expect(',', true);
        list.push(item);
      } catch (error) {
        if (!(error instanceof ShorthandSyntaxError) || this.atEof()) throw error;
        this.backtrackTo(',');
        break;
      }
    }
    return list.length === 1 ? first : list;
  }

  private explicitList(): ShorthandValue[] {
    this.enter();
    this.expect('[', true);
    const values: ShorthandValue[] = [];
    while (this.current() !== ']') {
      values.push(this.explicitValue());
      this.consumeWhitespace();
      if (this.current() !== ']') {
        this.expect(',');
        this.consumeWhitespace();
      }
    }
    this.expect(']');
    this.depth -= 1;
    return values;
  }

  private explicitValue(): ShorthandValue {
    if (this.current() === '[') return this.explicitList();
    if (this.current() === '{') return this.hashLiteral();
    return this.firstValue();
  }

  private hashLiteral(): ShorthandObject {
    this.enter();
    this.expect('{', true);
    const object: ShorthandObject = {};
    while (this.current() !== '}') {
      const key = this.key();
      this.optionalAt();
      this.expect('=', true);
      const value = this.explicitValue();
      this.consumeWhitespace();
      if (this.current() !== '}') {
        this.expect(',');
        this.consumeWhitespace();
      }
      setOwn(object, key, value);
    }
    this.expect('}');
    this.depth -= 1;
    return object;
  }

  private enter(): void {
    this.depth += 1;
    if (this.depth > MAX_SHORTHAND_NESTING) throw nestingError(this.input, this.index);
  }

  private firstValue(): string {
    const c = this.current();
    if (c === "'") return this.quoted(SINGLE_QUOTED, "'");
    if (c === '"') return this.quoted(DOUBLE_QUOTED, '"');
    const match = this.match(FIRST_VALUE);
    if (match === undefined) return '';
    return this.maybeFile(unescapeCommas(match).trimEnd());
  }

  private secondValue(): string {
    const c = this.current();
    if (c === "'") return this.quoted(SINGLE_QUOTED, "'");
    if (c === '"') return this.quoted(DOUBLE_QUOTED, '"');
    const match = this.match(SECOND_VALUE);
    if (match === undefined) throw syntaxError(this.input, `<${SECOND_VALUE.name}>`, '<none>', this.index);
    return this.maybeFile(unescapeCommas(match).trimEnd());
  }

  // Inside quotes a backslash escapes the quote character and itself; nothing else.
  private quoted(pattern: NamedRegex, quote: string): string {
    const match = this.match(pattern);
    if (match === undefined) throw syntaxError(this.input, `<${pattern.name}>`, '<none>', this.index);
    const inner = match.slice(1, -1).split(`\\${quote}`).join(quote).split('\\\\').join('\\');
    return this.maybeFile(inner);
  }

  private maybeFile(value: string): string {
    if (!this.resolveFiles || !this.resolveParamFile) return value;
    return this.resolveParamFile(value) ?? value;
  }

  private match(pattern: NamedRegex): string | undefined {
    pattern.regex.lastIndex = this.index;
    const result = pattern.regex.exec(this.input);
    if (!result) return undefined;
    this.index += result[0].length;
    return result[0];
  }

  private expect(char: string, skipWhitespace = false): void {
    if (skipWhitespace) this.consumeWhitespace();
    if (this.atEof()) throw syntaxError(this.input, char, 'EOF', this.index);
    const actual = String.fromCodePoint(this.input.codePointAt(this.index)!);
    if (actual !== char) throw syntaxError(this.input, char, actual, this.index);
    this.index += 1;
    if (skipWhitespace) this.consumeWhitespace();
  }

  private current(): string | undefined {
    return this.atEof() ? undefined : this.input[this.index];
  }

  private atEof(): boolean {
    return this.index >= this.input.length;
  }

  private backtrackTo(char: string): void {
    while (this.index >= 0 && this.input[this.index] !== char) this.index -= 1;
  }

  private consumeWhitespace(): void {
    while (!this.atEof() && WHITESPACE.has(this.input[this.index])) this.index += 1;
  }
}

function unescapeCommas(text: string): string {
  return text.split('\\,').join(',');
}

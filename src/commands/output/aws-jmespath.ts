// JMESPath as the AWS CLI evaluates --query, that is as Python's jmespath does: the standard grammar and its 26
// functions, strings ordered by code point, ordering comparisons on strings allowed. Built on
// @jmespath-community/jmespath (maintained; its parser and most functions pass the standard compliance suite), whose
// grammar is a superset of the standard one and whose ordering functions disagree with Python's (localeCompare,
// numbers sorted as text, max_by/min_by on strings); those are brought back to the CLI's here. Left as it is: a
// `\\` inside a 'raw string' reads as one backslash (Python keeps two).
import {
  compile,
  tokenize,
  TreeInterpreter,
  TYPE_ANY,
  TYPE_ARRAY,
  TYPE_ARRAY_NUMBER,
  TYPE_ARRAY_STRING,
  TYPE_EXPREF,
  type InputSignature,
  type JSONValue,
} from '@jmespath-community/jmespath';

type ExpressionNode = ReturnType<typeof compile>;

export class QuerySyntaxError extends Error {}

export interface CompiledQuery {
  search(data: JSONValue): JSONValue;
}

/** Parses `expression` (nothing is evaluated); a QuerySyntaxError for what the AWS CLI would refuse. */
export function compileQuery(expression: string): CompiledQuery {
  // The CLI still reads `foo` (backticks, not JSON) as the string "foo", with a deprecation warning.
  const options = { enable_legacy_literals: true };
  let ast: ExpressionNode;
  try {
    checkTokens(expression, tokenize(expression, options));
    ast = compile(expression, options);
  } catch (error) {
    throw error instanceof QuerySyntaxError ? error : new QuerySyntaxError(syntaxMessage(expression, (error as Error).message));
  }
  const extension = findNonStandardNode(ast);
  if (extension) throw new QuerySyntaxError(`${extension} expressions are not part of JMESPath as the AWS CLI reads it`);
  return { search: (data) => new AwsInterpreter().search(ast, data) };
}

/** An expression cut short gets Python jmespath's wording (the library's would be "expected Star, got: EOF"). */
function syntaxMessage(expression: string, message: string): string {
  if (!/\bEOF\b/.test(message)) return message;
  return `Invalid jmespath expression: Incomplete expression:\n"${expression}"\n${' '.repeat(expression.length + 1)}^`;
}

// Tokens of the community grammar only (let, $root, arithmetic, a ? b : c): the AWS CLI's lexer refuses them, and a
// typo such as `[?Key = 'x']` would otherwise parse as a binding that keeps every element.
const EXTENSION_TOKENS = new Set(['Assign', 'Variable', 'Root', 'Plus', 'Minus', 'Divide', 'Modulo', 'Div', 'Question']);

/** Python jmespath's LexerError, caret and all; it quotes only `=` and `-`. */
function checkTokens(expression: string, tokens: Array<{ type: string; start: number }>): void {
  const token = tokens.find((t) => EXTENSION_TOKENS.has(t.type));
  if (!token) return;
  const char = expression[token.start];
  const shown = char === '=' || char === '-' ? `'${char}'` : char;
  throw new QuerySyntaxError(`Bad jmespath expression: Unknown token ${shown}:\n${expression}\n${' '.repeat(token.start)}^`);
}

// The standard grammar's nodes: a backstop for an extension the tokens above do not show (`a * b` is arithmetic).
const STANDARD_NODES = new Set([
  'AndExpression', 'Comparator', 'Current', 'ExpressionReference', 'Field', 'FilterProjection', 'Flatten', 'Function',
  'Identity', 'Index', 'IndexExpression', 'KeyValuePair', 'Literal', 'MultiSelectHash', 'MultiSelectList',
  'NotExpression', 'OrExpression', 'Pipe', 'Projection', 'Slice', 'Subexpression', 'ValueProjection',
]);

const STANDARD_FUNCTIONS = new Set([
  'abs', 'avg', 'ceil', 'contains', 'ends_with', 'floor', 'join', 'keys', 'length', 'map', 'max', 'max_by', 'merge',
  'min', 'min_by', 'not_null', 'reverse', 'sort', 'sort_by', 'starts_with', 'sum', 'to_array', 'to_number',
  'to_string', 'type', 'values',
]);

function findNonStandardNode(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findNonStandardNode(child);
      if (found) return found;
    }
    return undefined;
  }
  const { type } = node as { type?: unknown };
  if (typeof type !== 'string') return undefined;
  if (!STANDARD_NODES.has(type)) return type;
  if (type === 'Literal') return undefined; // its value is data, which may well hold a `type` key
  return findNonStandardNode(Object.values(node));
}

type Orderable = number | string;
type Expref = ExpressionNode;

const Base = TreeInterpreter.constructor as new () => typeof TreeInterpreter;

/** One evaluation; its own function table, so the library's shared one is left as it is. */
class AwsInterpreter extends Base {
  constructor() {
    super();
    for (const [name, fn, signature] of this.replacedFunctions()) {
      this.runtime.registerFunction(name, fn as never, signature, { override: true });
    }
  }

  override visit(node: ExpressionNode, value: JSONValue | ExpressionNode): ReturnType<typeof TreeInterpreter.visit> {
    switch (node.type) {
      case 'Comparator':
        if (node.name !== 'EQ' && node.name !== 'NE') return compareOrdering(node.name, this.visit(node.left, value), this.visit(node.right, value));
        break;
      case 'Slice':
        if (typeof value === 'string') return null; // standard slices take arrays only
        break;
      case 'MultiSelectList':
      case 'MultiSelectHash':
        if (value === null) return null; // `… | [Key, Value]` after nothing matched: null, not [null, null]
        break;
      case 'Function':
        if (!STANDARD_FUNCTIONS.has(node.name)) throw new Error(`Unknown function: ${node.name}()`);
        break;
    }
    return super.visit(node, value);
  }

  private keyOf(expref: Expref, item: JSONValue): JSONValue {
    return this.visit(expref, item) as JSONValue;
  }

  private replacedFunctions(): Array<[string, (args: never) => JSONValue, InputSignature[]]> {
    const arrays: InputSignature[] = [{ types: [TYPE_ARRAY_NUMBER, TYPE_ARRAY_STRING] }];
    const byKey: InputSignature[] = [{ types: [TYPE_ARRAY] }, { types: [TYPE_EXPREF] }];
    return [
      ['max', ([items]: Orderable[][]) => extreme(items, (a, b) => compareOrderable(a, b) > 0), arrays],
      ['min', ([items]: Orderable[][]) => extreme(items, (a, b) => compareOrderable(a, b) < 0), arrays],
      ['sort', ([items]: Orderable[][]) => [...items].sort(compareOrderable), arrays],
      ['max_by', ([items, expref]: [JSONValue[], Expref]) => this.extremeBy('max_by', items, expref, 1), byKey],
      ['min_by', ([items, expref]: [JSONValue[], Expref]) => this.extremeBy('min_by', items, expref, -1), byKey],
      ['sort_by', ([items, expref]: [JSONValue[], Expref]) => this.sortBy(items, expref), byKey],
      ['to_string', ([value]: [JSONValue]) => (typeof value === 'string' ? value : asciiJson(value)), [{ types: [TYPE_ANY] }]],
      ['to_number', ([value]: [JSONValue]) => pythonNumber(value), [{ types: [TYPE_ANY] }]],
    ];
  }

  /** Python's max(items, key=…) / min(…): the first element whose key is the largest (smallest). */
  private extremeBy(fn: string, items: JSONValue[], expref: Expref, sign: 1 | -1): JSONValue {
    const keys = items.map((item) => checkedKey(fn, this.keyOf(expref, item), ['number', 'string']));
    let best = 0;
    for (let i = 1; i < items.length; i++) {
      if (sign * compareOrderable(keys[i], keys[best]) > 0) best = i;
    }
    return items.length ? items[best] : null;
  }

  /** Python's sorted(items, key=…): every key of the first key's type, a stable sort. */
  private sortBy(items: JSONValue[], expref: Expref): JSONValue[] {
    if (!items.length) return [];
    const first = this.keyOf(expref, items[0]);
    const required = checkedKey('sort_by', first, ['string', 'number'], items[0]);
    const keys = items.map((item) => checkedKey('sort_by', this.keyOf(expref, item), [jmespathType(required)]));
    return items
      .map((item, index) => ({ item, key: keys[index] }))
      .sort((a, b) => compareOrderable(a.key, b.key))
      .map(({ item }) => item);
  }
}

function extreme(items: Orderable[], better: (a: Orderable, b: Orderable) => boolean): Orderable | null {
  if (!items.length) return null;
  return items.reduce((best, item) => (better(item, best) ? item : best));
}

/** `<`, `<=`, `>`, `>=`: numbers with numbers, strings with strings (code points), anything else null. */
function compareOrdering(name: string, left: unknown, right: unknown): boolean | null {
  const comparable = (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
  if (!comparable) return null;
  const order = compareOrderable(left, right);
  switch (name) {
    case 'LT': return order < 0;
    case 'LTE': return order <= 0;
    case 'GT': return order > 0;
    default: return order >= 0;
  }
}

function compareOrderable(a: Orderable, b: Orderable): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  throw new Error(`'<' not supported between instances of '${jmespathType(a)}' and '${jmespathType(b)}'`);
}

/**
 * Python compares strings by code point; JavaScript's `<` by UTF-16 unit, which puts a character past U+FFFF
 * (a surrogate pair, D800–DFFF) before one in E000–FFFF. Only the first differing unit decides, so only it is moved.
 */
export function compareCodePoints(a: string, b: string): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/** Python's json.dumps as to_string() calls it: compact, and everything outside printable ASCII escaped. */
/** Digits as Python reads them: underscores only between two digits. */
const DIGITS = String.raw`\d(?:_?\d)*`;
const PYTHON_INT = new RegExp(String.raw`^[+-]?${DIGITS}$`);
const PYTHON_FLOAT = new RegExp(String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);

/**
 * to_number as Python's jmespath does it: a number stays, a string is read by int() and then float(), anything else
 * (or a string neither reads: '', '0x10', 'abc') is null. JavaScript's Number() would read '' as 0 and '0x10' as 16.
 * Infinity and NaN, which float() also reads, have no JSON form: null.
 */
function pythonNumber(value: JSONValue): JSONValue {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!PYTHON_INT.test(text) && !PYTHON_FLOAT.test(text)) return null;
  const number = Number(text.replace(/_/g, ''));
  return Number.isFinite(number) ? number : null;
}

function asciiJson(value: JSONValue): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function jmespathType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** A key of an allowed type, or Python jmespath's error for it (the value shown as JSON rather than a Python repr). */
function checkedKey(fn: string, key: JSONValue, allowed: string[], shown: JSONValue = key): Orderable {
  const type = jmespathType(key);
  if (!allowed.includes(type)) {
    const expected = `[${allowed.map((t) => `'${t}'`).join(', ')}]`;
    throw new Error(`In function ${fn}(), invalid type for value: ${JSON.stringify(shown)}, expected one of: ${expected}, received: "${type}"`);
  }
  return key as Orderable;
}

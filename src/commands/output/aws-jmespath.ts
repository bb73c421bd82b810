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
      case 'Function': {
        if (!STANDARD_FUNCTIONS.has(node.name)) throw new Error(`Unknown function: ${node.name}()`);
        const args = node.children.map((child) => this.visit(child, value) as JSONValue | Expref);
        checkPythonSignature(node.name, args);
        return this.runtime.callFunction(node.name, args);
      }
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

/** A key of an allowed type, or Python jmespath's error for it. */
function checkedKey(fn: string, key: JSONValue, allowed: string[], shown: JSONValue = key): Orderable {
  const type = jmespathType(key);
  if (!allowed.includes(type)) throw pythonTypeError(fn, shown, type, allowed);
  return key as Orderable;
}

/** Python jmespath's JMESPathTypeError: the value as Python's str() shows it, the expected types as a Python list. */
function pythonTypeError(fn: string, value: JSONValue | Expref, received: string, expected: string[]): Error {
  const types = `[${expected.map((t) => `'${t}'`).join(', ')}]`;
  return new Error(`In function ${fn}(), invalid type for value: ${pythonStr(value)}, expected one of: ${types}, received: "${received}"`);
}

interface PythonArgument {
  types: string[];
  variadic?: boolean;
}

/** The standard functions' signatures as Python's jmespath declares them (functions.py), in its order of types. */
const PYTHON_SIGNATURES: Record<string, PythonArgument[]> = {
  abs: [{ types: ['number'] }],
  avg: [{ types: ['array-number'] }],
  ceil: [{ types: ['number'] }],
  contains: [{ types: ['array', 'string'] }, { types: [] }],
  ends_with: [{ types: ['string'] }, { types: ['string'] }],
  floor: [{ types: ['number'] }],
  join: [{ types: ['string'] }, { types: ['array-string'] }],
  keys: [{ types: ['object'] }],
  length: [{ types: ['string', 'array', 'object'] }],
  map: [{ types: ['expref'] }, { types: ['array'] }],
  max: [{ types: ['array-number', 'array-string'] }],
  max_by: [{ types: ['array'] }, { types: ['expref'] }],
  merge: [{ types: ['object'], variadic: true }],
  min: [{ types: ['array-number', 'array-string'] }],
  min_by: [{ types: ['array'] }, { types: ['expref'] }],
  not_null: [{ types: [], variadic: true }],
  reverse: [{ types: ['array', 'string'] }],
  sort: [{ types: ['array-string', 'array-number'] }],
  sort_by: [{ types: ['array'] }, { types: ['expref'] }],
  starts_with: [{ types: ['string'] }, { types: ['string'] }],
  sum: [{ types: ['array-number'] }],
  to_array: [{ types: [] }],
  to_number: [{ types: [] }],
  to_string: [{ types: [] }],
  type: [{ types: [] }],
  values: [{ types: ['object'] }],
};

/** Python's type names, which its jmespath shows for an element of the wrong type in a typed array. */
function pythonTypeName(value: JSONValue | Expref): string {
  if (isExpref(value)) return '_Expression';
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'boolean': return 'bool';
    case 'number': return Number.isInteger(value) ? 'int' : 'float';
    case 'string': return 'str';
    default: return 'dict';
  }
}

const JMESPATH_TYPE_OF_PYTHON: Record<string, string> = { bool: 'boolean', list: 'array', dict: 'object', NoneType: 'null', str: 'string', float: 'number', int: 'number', _Expression: 'expref' };

/** Python jmespath's arity and type checks, made before the library's own so a bad call gets the CLI's words. */
function checkPythonSignature(fn: string, args: Array<JSONValue | Expref>): void {
  const signature = PYTHON_SIGNATURES[fn];
  if (!signature) return;
  const variadic = signature[signature.length - 1]?.variadic === true;
  if (variadic ? args.length < signature.length : args.length !== signature.length) {
    const n = signature.length;
    throw new Error(`Expected ${variadic ? 'at least ' : ''}${n} argument${n === 1 ? '' : 's'} for function ${fn}(), received ${args.length}`);
  }
  signature.forEach(({ types }, i) => {
    if (types.length) checkPythonType(fn, args[i], types);
  });
}

function checkPythonType(fn: string, value: JSONValue | Expref, types: string[]): void {
  const actual = JMESPATH_TYPE_OF_PYTHON[pythonTypeName(value)];
  if (!types.some((t) => t.split('-', 1)[0] === actual)) throw pythonTypeError(fn, value, actual, types);
  const subtypes = types.filter((t) => t.includes('-')).map((t) => t.slice(t.indexOf('-') + 1));
  if (!subtypes.length || !Array.isArray(value)) return;
  // One element type for the whole array: the only one allowed, or (max, min, sort) the first element's.
  let allowed = subtypes[0];
  if (subtypes.length > 1) {
    if (!value.length) return;
    const first = JMESPATH_TYPE_OF_PYTHON[pythonTypeName(value[0])];
    if (!subtypes.includes(first)) throw pythonTypeError(fn, value[0], pythonTypeName(value[0]), types);
    allowed = first;
  }
  for (const element of value) {
    if (JMESPATH_TYPE_OF_PYTHON[pythonTypeName(element)] !== allowed) throw pythonTypeError(fn, element, pythonTypeName(element), types);
  }
}

function isExpref(value: unknown): value is Expref {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && (value as { expref?: unknown }).expref === true;
}

/** Python's str() of a parsed JSON value: a string as it is, anything else as repr(). */
function pythonStr(value: JSONValue | Expref): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

function pythonRepr(value: JSONValue | Expref): string {
  if (isExpref(value)) return '<jmespath.visitor._Expression object>';
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pythonNumberRepr(value);
  if (typeof value === 'string') return pythonStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${pythonStringRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
}

/** repr() of an int, or of a float (shortest digits; exponent form below 1e-4 and from 1e16, two exponent digits). */
function pythonNumberRepr(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) return String(value);
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** repr() of a str: single quotes unless it holds ' and no ", escapes for what Python cannot print. */
function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\' || char === quote) out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (!PYTHON_PRINTABLE.test(char) && char !== ' ') {
      out += code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`;
    } else out += char;
  }
  return `${quote}${out}${quote}`;
}

/** str.isprintable() for one character: not a control, format, surrogate, private-use, unassigned or separator. */
const PYTHON_PRINTABLE = /^[^\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Z}]$/u;

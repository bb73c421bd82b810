// JMESPath as the AWS CLI evaluates --query, that is as Python's jmespath does: the standard grammar and its 26
// functions, strings ordered by code point, ordering comparisons on strings allowed. Built on
// @jmespath-community/jmespath (maintained; its parser and most functions pass the standard compliance suite), whose
// grammar is a superset of the standard one and whose ordering functions disagree with Python's (localeCompare,
// numbers sorted as text, max_by/min_by on strings); those are brought back to the CLI's here. Python's numbers too:
// a float stays a float (`2.0`, boxed as a PyFloat when whole) through literals, avg, sum, abs and to_number, and
// 'raw strings' and `literals` are read by Python's lexer: 'a\\\\b' keeps both backslashes, only \' loses its own.
import { randomUUID } from 'node:crypto';
import {
  compile,
  tokenize,
  TreeInterpreter,
  TYPE_ANY,
  TYPE_ARRAY,
  TYPE_EXPREF,
  type InputSignature,
  type JSONValue,
} from '@jmespath-community/jmespath';
import type { PlainValue } from './plain-data.js';
import { isPyFloat, numberOf, parsePythonJson, PyFloat, pyFloat, pyJsonNumber, pyNumberText } from './py-float.js';

type ExpressionNode = ReturnType<typeof compile>;

export class QuerySyntaxError extends Error {}

export interface CompiledQuery {
  search(data: PlainValue): PlainValue;
}

/** Parses `expression` (nothing is evaluated); a QuerySyntaxError for what the AWS CLI would refuse. */
export function compileQuery(expression: string): CompiledQuery {
  // The CLI still reads `foo` (backticks, not JSON) as the string "foo", with a deprecation warning.
  const options = { enable_legacy_literals: true };
  const python = pythonLiterals(expression);
  let ast: ExpressionNode;
  try {
    checkTokens(expression, tokenize(expression, options));
    ast = compile(expression, options);
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw error;
    // A literal the library refuses and Python reads (`"a\`b\`c"`: Python unescapes every \`) is read Python's way.
    const retried = python && tryCompile(python.expression);
    if (!retried) throw new QuerySyntaxError(syntaxMessage(expression, (error as Error).message));
    ast = retried;
  }
  const extension = findNonStandardNode(ast);
  if (extension) throw new QuerySyntaxError(`${extension} expressions are not part of JMESPath as the AWS CLI reads it`);
  const withLiterals = python && tryCompile(python.expression);
  if (withLiterals) {
    replaceMarkers(withLiterals, python.values);
    ast = withLiterals;
  }
  return { search: (data) => new AwsInterpreter().search(ast, data as JSONValue) as unknown as PlainValue };
}

function tryCompile(expression: string): ExpressionNode | undefined {
  const options = { enable_legacy_literals: true };
  try {
    checkTokens(expression, tokenize(expression, options));
    return compile(expression, options);
  } catch {
    return undefined;
  }
}

/**
 * The expression's 'raw strings' and `literals` as Python's lexer reads them: every `\` is kept with the character
 * after it, then `\'` (`\``) becomes the quote; a literal is read by json.loads, which keeps `1.0` a float. The
 * library reads `\\` as one backslash and drops the `.0`, so each literal is swapped for a unique marker string and
 * the marker, in the parsed tree, for the value Python reads. Undefined when the expression holds no literal.
 */
function pythonLiterals(expression: string): { expression: string; values: Map<string, unknown> } | undefined {
  const nonce = randomUUID();
  const values = new Map<string, unknown>();
  let rewritten = '';
  let done = 0;
  let i = 0;
  while (i < expression.length) {
    const delimiter = expression[i];
    // Outside these three quotes no token holds a quote, so this finds exactly the lexer's literals.
    if (delimiter !== "'" && delimiter !== '`' && delimiter !== '"') {
      i++;
      continue;
    }
    const [content, end] = consumeUntil(expression, i, delimiter);
    if (end > expression.length) return undefined; // unclosed: the library's error stands
    const value = delimiter === "'" ? { value: content.replaceAll("\\'", "'") } : delimiter === '`' ? pythonJsonLiteral(content.replaceAll('\\`', '`')) : undefined;
    if (value !== undefined) {
      const marker = `cogsync-literal-${nonce}-${values.size}`;
      values.set(marker, value.value);
      rewritten += `${expression.slice(done, i)}\`"${marker}"\``;
      done = end;
    }
    i = end;
  }
  return values.size ? { expression: rewritten + expression.slice(done), values } : undefined;
}

/** Python jmespath's Lexer._consume_until: the text up to the closing delimiter, and the index after it. */
function consumeUntil(expression: string, start: number, delimiter: string): [string, number] {
  let buffer = '';
  let i = start + 1;
  while (i < expression.length && expression[i] !== delimiter) {
    if (expression[i] === '\\') buffer += expression[i++];
    if (i < expression.length) buffer += expression[i++];
  }
  return [buffer, i + 1];
}

/** json.loads of a `literal`, else (the deprecated form the CLI still takes) the text as a string. */
function pythonJsonLiteral(lexeme: string): { value: unknown } | undefined {
  return parsePythonJson(lexeme) ?? parsePythonJson(`"${lexeme.trimStart()}"`);
}

function replaceMarkers(node: unknown, values: Map<string, unknown>): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) replaceMarkers(child, values);
    return;
  }
  const record = node as { type?: unknown; value?: unknown };
  if (record.type === 'Literal') {
    if (typeof record.value === 'string' && values.has(record.value)) record.value = values.get(record.value);
    return;
  }
  for (const child of Object.values(record)) replaceMarkers(child, values);
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

type Orderable = number | PyFloat | string;
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
      case 'Comparator': {
        const left = this.visit(node.left, value);
        const right = this.visit(node.right, value);
        if (node.name === 'EQ') return pythonEquals(left, right);
        if (node.name === 'NE') return !pythonEquals(left, right);
        return compareOrdering(node.name, left, right);
      }
      case 'Field': {
        // Only the object's own members: `constructor`, `toString` and kin are JavaScript's, not the response's
        // (jmespath.py gives null), and a PyFloat is a number, not an object with a `value` member.
        if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof PyFloat) return null;
        const member = (value as Record<string, JSONValue>)[node.name];
        return Object.hasOwn(value, node.name) && member !== undefined ? member : null;
      }
      case 'ValueProjection': {
        const base = this.visit(node.left, value);
        if (base === null || typeof base !== 'object' || Array.isArray(base) || base instanceof PyFloat) return null;
        const projected = Object.values(base).map((item) => this.visit(node.right, item as JSONValue) as JSONValue);
        return projected.filter((item) => item !== null);
      }
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

  private replacedFunctions(): Array<[string, (args: never) => unknown, InputSignature[]]> {
    // Python's checks (checkPythonSignature) come first and know a PyFloat is a number; the library's would not.
    const arrays: InputSignature[] = [{ types: [TYPE_ARRAY] }];
    const byKey: InputSignature[] = [{ types: [TYPE_ARRAY] }, { types: [TYPE_EXPREF] }];
    const one: InputSignature[] = [{ types: [TYPE_ANY] }];
    return [
      ['max', ([items]: Orderable[][]) => extreme(items, (a, b) => compareOrderable(a, b) > 0), arrays],
      ['min', ([items]: Orderable[][]) => extreme(items, (a, b) => compareOrderable(a, b) < 0), arrays],
      ['sort', ([items]: Orderable[][]) => [...items].sort(compareOrderable), arrays],
      ['max_by', ([items, expref]: [JSONValue[], Expref]) => this.extremeBy('max_by', items, expref, 1), byKey],
      ['min_by', ([items, expref]: [JSONValue[], Expref]) => this.extremeBy('min_by', items, expref, -1), byKey],
      ['sort_by', ([items, expref]: [JSONValue[], Expref]) => this.sortBy(items, expref), byKey],
      ['to_string', ([value]: [JSONValue]) => (typeof value === 'string' ? value : asciiJson(value)), one],
      ['to_number', ([value]: [JSONValue]) => pythonNumber(value), one],
      ['type', ([value]: [JSONValue]) => jmespathType(value), one],
      ['abs', ([value]: [JSONValue]) => (isPyFloat(value) ? pyFloat(Math.abs(numberOf(value)!)) : Math.abs(numberOf(value)!)) as JSONValue, one],
      // math.ceil and math.floor answer an int, even for a float.
      ['ceil', ([value]: [JSONValue]) => Math.ceil(numberOf(value)!) + 0, one],
      ['floor', ([value]: [JSONValue]) => Math.floor(numberOf(value)!) + 0, one],
      ['sum', ([items]: [JSONValue[]]) => pythonSum(items) as JSONValue, arrays],
      // sum(arg) / float(len(arg)): always a float.
      ['avg', ([items]: [JSONValue[]]) => (items.length ? pyFloat((numberOf(pythonSum(items)) ?? 0) / items.length) : null) as JSONValue, arrays],
      ['contains', ([subject, search]: [JSONValue, JSONValue]) => pythonContains(subject, search), [{ types: [TYPE_ANY] }, { types: [TYPE_ANY] }]],
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

/** Python's sum(): an int unless a float is among the items. */
function pythonSum(items: JSONValue[]): number | PyFloat {
  const total = items.reduce<number>((sum, item) => sum + (numberOf(item) ?? 0), 0);
  return items.some(isPyFloat) ? pyFloat(total) : total;
}

/** Python's `search in subject`: == on a list's items, a substring of a string (a TypeError for anything else). */
function pythonContains(subject: JSONValue, search: JSONValue): boolean {
  if (Array.isArray(subject)) return subject.some((item) => sameValue(item, search));
  if (typeof search !== 'string') throw new Error(`'in <string>' requires string as left operand, not ${pythonTypeName(search)}`);
  return (subject as string).includes(search);
}

/** Python jmespath's ==: Python's, except that 0 and 1 are not equal to false and true (at the top only). */
function pythonEquals(left: unknown, right: unknown): boolean {
  const zeroOrOne = (v: unknown) => typeof v !== 'boolean' && (numberOf(v) === 0 || numberOf(v) === 1);
  if ((zeroOrOne(left) && typeof right === 'boolean') || (zeroOrOne(right) && typeof left === 'boolean')) return false;
  return sameValue(left, right);
}

/** Python's ==: int and float by value (and a bool as 0 or 1), lists item by item, dicts key by key. */
function sameValue(a: unknown, b: unknown): boolean {
  const x = typeof a === 'boolean' ? Number(a) : numberOf(a);
  const y = typeof b === 'boolean' ? Number(b) : numberOf(b);
  if (x !== undefined || y !== undefined) return x === y;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** `<`, `<=`, `>`, `>=`: numbers with numbers, strings with strings (code points), anything else null. */
function compareOrdering(name: string, left: unknown, right: unknown): boolean | null {
  const comparable = (numberOf(left) !== undefined && numberOf(right) !== undefined) || (typeof left === 'string' && typeof right === 'string');
  if (!comparable) return null;
  const order = compareOrderable(left as Orderable, right as Orderable);
  switch (name) {
    case 'LT': return order < 0;
    case 'LTE': return order <= 0;
    case 'GT': return order > 0;
    default: return order >= 0;
  }
}

function compareOrderable(a: Orderable, b: Orderable): number {
  const x = numberOf(a);
  const y = numberOf(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
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

/** Digits as Python reads them: underscores only between two digits. */
const DIGITS = String.raw`\d(?:_?\d)*`;
const PYTHON_INT = new RegExp(String.raw`^[+-]?${DIGITS}$`);
const PYTHON_FLOAT = new RegExp(String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);

const PYTHON_SPECIAL_FLOAT = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * to_number as Python's jmespath does it: a number stays, a string is read by int() (an int) and then float() (a
 * float, so '1e2' is 100.0, 'inf' and 'nan' too), anything else (or a string neither reads: '', '0x10', 'abc') is
 * null. JavaScript's Number() would read '' as 0 and '0x10' as 16.
 */
function pythonNumber(value: JSONValue): JSONValue {
  if (numberOf(value) !== undefined) return value;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (PYTHON_INT.test(text)) return Number(text.replace(/_/g, ''));
  if (PYTHON_SPECIAL_FLOAT.test(text)) {
    const negative = text.startsWith('-');
    return new PyFloat(/nan/i.test(text) ? NaN : negative ? -Infinity : Infinity) as unknown as JSONValue;
  }
  if (!PYTHON_FLOAT.test(text)) return null;
  return pyFloat(Number(text.replace(/_/g, ''))) as JSONValue;
}

/** Python's json.dumps as to_string() calls it: compact, numbers as Python writes them, all but ASCII escaped. */
function asciiJson(value: unknown): string {
  return compactJson(value).replace(/[\u007f-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function compactJson(value: unknown): string {
  if (typeof value === 'number' || value instanceof PyFloat) return pyJsonNumber(value);
  if (Array.isArray(value)) return `[${value.map(compactJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${compactJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function jmespathType(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof PyFloat) return 'number';
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
  if (value instanceof PyFloat) return 'float';
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
  if (typeof value === 'number' || value instanceof PyFloat) return pyNumberText(value);
  if (typeof value === 'string') return pythonStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${pythonStringRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
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

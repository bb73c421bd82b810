// Constraint checks of SERVICE.md §2, pure. Every violation of a request is collected and
// reported in one InvalidParameterException with AWS's usual wording:
//   1 validation error detected: Value 'bad name!' at 'datasetName' failed to satisfy
//   constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]+
import { validationFailed } from './errors.js';

const VALUE_CUT = 128;

export interface StringRule {
  min?: number;
  max?: number;
  /** The model's pattern text; it must match the whole string. */
  pattern?: string;
  enum?: readonly string[];
}

export interface IntegerRule {
  min?: number;
  max?: number;
}

/** Shows a value the way AWS's messages do: quoted, cut at 128 characters. */
export function quoteValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `'${text.length > VALUE_CUT ? `${text.slice(0, VALUE_CUT)}...` : text}'`;
}

/** Java's `\s` (without UNICODE_CHARACTER_CLASS), as class members. */
const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
/** Every UTF-16 code unit but those six, as class members. */
const JAVA_NON_SPACE = '\\x00-\\x08\\x0E-\\x1F\\x21-\\uFFFF';
/** Java's `.`: anything but its line terminators. */
const JAVA_DOT = '[^\\n\\r\\u0085\\u2028\\u2029]';

/**
 * A model pattern as a JavaScript pattern that matches what AWS's Java regular expressions
 * match. The model's patterns use the same syntax in both; only the meaning of `\s`, `\S` and
 * `.` differs (JavaScript's `\s` also takes U+00A0, U+2028, U+3000, U+FEFF…, and its `.` does
 * not stop at U+0085).
 */
export function javaPattern(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const e = pattern[++i];
      if (e === 's') out += inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
      else if (e === 'S') out += inClass ? JAVA_NON_SPACE : `[${JAVA_NON_SPACE}]`;
      else out += c + e;
    } else if (c === '[' && !inClass) {
      inClass = true;
      out += c;
    } else if (c === ']' && inClass) {
      inClass = false;
      out += c;
    } else if (c === '.' && !inClass) {
      out += JAVA_DOT;
    } else {
      out += c;
    }
  }
  return out;
}

const compiled = new Map<string, RegExp>();
function wholeMatch(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${javaPattern(pattern)})$`);
    compiled.set(pattern, re);
  }
  return re;
}

/** Collects violations in request order; `throwIfAny` raises them as one error. */
export class Violations {
  private readonly messages: string[] = [];
  /** Problems outside the `Value … at …` form (e.g. a duplicate key). */
  private readonly other: string[] = [];

  get count(): number {
    return this.messages.length + this.other.length;
  }

  add(path: string, value: unknown, constraint: string): void {
    this.messages.push(`Value ${quoteValue(value)} at '${path}' failed to satisfy constraint: ${constraint}`);
  }

  addOther(message: string): void {
    this.other.push(message);
  }

  required(path: string, value: unknown): boolean {
    if (value === undefined || value === null) {
      this.add(path, null, 'Member must not be null');
      return false;
    }
    return true;
  }

  string(path: string, value: string | undefined, rule: StringRule, required = false): void {
    if (value === undefined) {
      if (required) this.required(path, value);
      return;
    }
    if (rule.min !== undefined && value.length < rule.min) {
      this.add(path, value, `Member must have length greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.add(path, value, `Member must have length less than or equal to ${rule.max}`);
    }
    if (rule.pattern !== undefined && !wholeMatch(rule.pattern).test(value)) {
      this.add(path, value, `Member must satisfy regular expression pattern: ${rule.pattern}`);
    }
    if (rule.enum !== undefined && !rule.enum.includes(value)) {
      this.add(path, value, `Member must satisfy enum value set: [${rule.enum.join(', ')}]`);
    }
  }

  integer(path: string, value: number | undefined, rule: IntegerRule, required = false): void {
    if (value === undefined) {
      if (required) this.required(path, value);
      return;
    }
    if (rule.min !== undefined && value < rule.min) {
      this.add(path, value, `Member must have value greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && value > rule.max) {
      this.add(path, value, `Member must have value less than or equal to ${rule.max}`);
    }
  }

  /** Length of a list or map (number of entries). */
  size(path: string, value: unknown, count: number | undefined, rule: IntegerRule, required = false): void {
    if (count === undefined) {
      if (required) this.required(path, undefined);
      return;
    }
    if (rule.min !== undefined && count < rule.min) {
      this.add(path, value, `Member must have length greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && count > rule.max) {
      this.add(path, value, `Member must have length less than or equal to ${rule.max}`);
    }
  }

  message(): string {
    if (this.messages.length === 0 && this.other.length === 1) return this.other[0];
    const all = [...this.messages, ...this.other];
    return `${all.length} validation error${all.length === 1 ? '' : 's'} detected: ${all.join('; ')}`;
  }

  throwIfAny(): void {
    if (this.count > 0) throw validationFailed(this.message());
  }
}

// Rules from the model (shapes) and SERVICE.md §2.
export const RULES = {
  identityPoolId: { min: 1, max: 55, pattern: '[\\w-]+:[0-9a-f-]+' },
  identityId: { min: 1, max: 55, pattern: '[\\w-]+:[0-9a-f-]+' },
  datasetName: { min: 1, max: 128, pattern: '[a-zA-Z0-9_.:-]+' },
  deviceId: { min: 1, max: 256 },
  recordKey: { min: 1, max: 1024 },
  recordValue: { max: 1048575 },
  operation: { enum: ['replace', 'remove'] },
  platform: { enum: ['APNS', 'APNS_SANDBOX', 'GCM', 'ADM'] },
  applicationArn: { pattern: 'arn:aws:sns:[-0-9a-z]+:\\d+:app/[A-Z_]+/[a-zA-Z0-9_.-]+' },
  roleArn: { min: 20, max: 2048, pattern: 'arn:aws:iam::\\d+:role/.*' },
  streamName: { min: 1, max: 128 },
  streamingStatus: { enum: ['ENABLED', 'DISABLED'] },
} satisfies Record<string, StringRule>;

/** Page-size caps (also the defaults) and `maxResults`' floor, SERVICE.md §2. */
export const PAGE_LIMITS = { ListRecords: 1024, ListDatasets: 64, ListIdentityPoolUsage: 60 } as const;

export function clampPageSize(requested: number | undefined, maximum: number): number {
  return requested === undefined ? maximum : Math.min(requested, maximum);
}

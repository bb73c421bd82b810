// Typed access to AWS's Cognito Sync service model (botocore's service-2.json, Apache-2.0),
// carried in the package so option names, required flags, types, skeletons and output key
// order come from the same source the AWS CLI uses.
import rawModel from './cognito-sync.json' with { type: 'json' };

export type ShapeType = 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean' | 'timestamp';

export interface ShapeRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header';
  locationName?: string;
  documentation?: string;
}

export interface Shape {
  type: ShapeType;
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  documentation?: string;
  exception?: boolean;
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string };
  errors?: Array<{ shape: string }>;
  documentation?: string;
}

interface ServiceModel {
  metadata: Record<string, string>;
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

const model = rawModel as unknown as ServiceModel;

export function operationNames(): string[] {
  return Object.keys(model.operations);
}

export function getOperation(name: string): Operation {
  const op = model.operations[name];
  if (!op) throw new Error(`Unknown Cognito Sync operation: ${name}`);
  return op;
}

export function getShape(name: string): Shape {
  const shape = Object.hasOwn(model.shapes, name) ? model.shapes[name] : undefined;
  if (!shape) throw new Error(`Unknown shape in the Cognito Sync model: ${name}`);
  return shape;
}

/** The operation's input structure; an empty structure when it has none. */
export function inputShape(op: Operation): Shape {
  return op.input ? getShape(op.input.shape) : { type: 'structure', members: {} };
}

export function outputShape(op: Operation): Shape {
  return op.output ? getShape(op.output.shape) : { type: 'structure', members: {} };
}

/**
 * botocore's xform_name with '-': `IdentityPoolId` → `identity-pool-id`,
 * `UpdateRecords` → `update-records` (runs of capitals stay one word).
 */
export function cliName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** The operation for a CLI command name (`list-records` → `ListRecords`), if any. */
export function operationForCommand(command: string): Operation | undefined {
  const name = operationNames().find((n) => cliName(n) === command);
  return name ? model.operations[name] : undefined;
}

/** The model's HTML documentation as one plain line, for `--help`. */
export function plainDocumentation(html: string | undefined, maxLength = 160): string {
  if (!html) return '';
  const text = html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= maxLength) return text;
  const sentenceEnd = text.lastIndexOf('. ', maxLength);
  return sentenceEnd > 40 ? text.slice(0, sentenceEnd + 1) : `${text.slice(0, maxLength - 1)}…`;
}

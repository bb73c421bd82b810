// `--generate-cli-skeleton [input|output]`: the sample JSON the AWS CLI prints, built from
// the model the way botocore's ArgumentGenerator does (input: empty values; output: member
// names as values). Enums take their first value where botocore picks one at random.
import { getShape, type Shape } from '../model/service-model.js';

export type SkeletonKind = 'input' | 'output';

/** The CLI prints skeleton timestamps as a naive datetime. */
export const SKELETON_TIMESTAMP = '1970-01-01T00:00:00';

export function generateSkeleton(shape: Shape, kind: SkeletonKind): unknown {
  return build(shape, kind === 'output', '', []);
}

function build(shape: Shape, useMemberNames: boolean, name: string, stack: Shape[]): unknown {
  // A structure met twice on the way down is recursive: botocore stops with {}.
  if (shape.type === 'structure' && stack.includes(shape)) return {};
  stack.push(shape);
  try {
    switch (shape.type) {
      case 'structure': {
        const out: Record<string, unknown> = {};
        for (const [member, ref] of Object.entries(shape.members ?? {})) {
          out[member] = build(getShape(ref.shape), useMemberNames, member, stack);
        }
        return out;
      }
      case 'list':
        // botocore names a list item after the member's shape (`String`).
        return [build(getShape(shape.member!.shape), useMemberNames, useMemberNames ? shape.member!.shape : '', stack)];
      case 'map':
        return { KeyName: build(getShape(shape.value!.shape), useMemberNames, '', stack) };
      case 'string':
        if (useMemberNames) return name;
        return shape.enum?.[0] ?? '';
      case 'integer':
      case 'long':
        return 0;
      case 'boolean':
        return true;
      case 'timestamp':
        return SKELETON_TIMESTAMP;
    }
  } finally {
    stack.pop();
  }
}

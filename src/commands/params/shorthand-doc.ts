// The shorthand example the AWS CLI shows in help (awscli's ParamShorthandDocGen):
// `Op=string,Key=string,Value=string,SyncCount=long,DeviceLastModifiedDate=timestamp ...`.
import { getShape, type Shape } from '../model/service-model.js';

const MAX_DEPTH = 3;

export function shorthandSyntax(shape: Shape): string {
  try {
    if (shape.type === 'list') return `${docs(getShape(shape.member!.shape), [])} ...`;
    return docs(shape, []);
  } catch {
    return '';
  }
}

function docs(shape: Shape, stack: Shape[]): string {
  if (stack.length > MAX_DEPTH) throw new Error('too complex');
  switch (shape.type) {
    case 'structure': {
      const inner = Object.entries(shape.members ?? {})
        .map(([name, ref]) => {
          const member = getShape(ref.shape);
          if (stack.includes(member)) return `${name}=( ... recursive ... )`;
          return `${name}=${docs(member, [...stack, member])}`;
        })
        .join(',');
      return stack.length === 0 ? inner : `{${inner}}`;
    }
    case 'list': {
      const member = getShape(shape.member!.shape);
      const element = docs(member, [...stack, member]);
      const complex = ['structure', 'list', 'map'].includes(member.type) || stack.length > 1;
      return complex ? `[${element},${element}]` : `${element},${element}`;
    }
    case 'map': {
      const value = docs(getShape(shape.value!.shape), [...stack, shape]);
      const text = `KeyName1=${value},KeyName2=${value}`;
      const keys = getShape(shape.key!.shape).enum;
      if (keys && stack.length === 0) return `${text} (keys: ${keys.join(', ')})`;
      return stack.length > 0 ? `{${text}}` : text;
    }
    default:
      return shape.type;
  }
}

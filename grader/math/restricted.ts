// A locked-down mathjs for student answer strings: parse, whitelist-walk the AST, then evaluate.
import {
  create,
  parseDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  powDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  sqrtDependencies,
  cbrtDependencies,
  expDependencies,
  logDependencies,
  log2Dependencies,
  log10Dependencies,
  absDependencies,
  minDependencies,
  maxDependencies,
  sinDependencies,
  cosDependencies,
  tanDependencies,
  tanhDependencies,
  sinhDependencies,
  coshDependencies,
  floorDependencies,
  ceilDependencies,
  roundDependencies,
  nthRootDependencies,
  piDependencies,
  eDependencies,
} from 'mathjs/number';
import type { MathJsInstance, MathNode } from 'mathjs';

/** A student's string cannot be used as a math answer; the message is shown to the student. */
export class MathAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MathAnswerError';
  }
}

export const MAX_LENGTH = 500;
export const MAX_NODES = 200;
export const ALLOWED_FUNCTIONS: readonly string[] = [
  'sqrt',
  'cbrt',
  'exp',
  'log',
  'log2',
  'log10',
  'abs',
  'pow',
  'min',
  'max',
  'sin',
  'cos',
  'tan',
  'tanh',
  'sinh',
  'cosh',
  'floor',
  'ceil',
  'round',
  'nthRoot',
];
const CONSTANTS: readonly string[] = ['pi', 'e'];
const OPERATORS: Record<string, string> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
  unaryMinus: '-',
  unaryPlus: '+',
};
const NODE_NAMES: Record<string, string> = {
  AssignmentNode: 'an assignment',
  FunctionAssignmentNode: 'a function definition',
  AccessorNode: 'a property or index access',
  IndexNode: 'an index',
  ObjectNode: 'an object literal',
  ArrayNode: 'an array or matrix literal',
  BlockNode: 'more than one statement (; or a line break)',
  RangeNode: 'a range (:)',
  ConditionalNode: 'a conditional (? :)',
  RelationalNode: 'a chained comparison',
};

let math: { parse: (s: string) => MathNode } | null = null;

/**
 * Only the factories an answer can reach (parse, the five operators, the whitelisted functions, pi and e):
 * imported by name, the bundler keeps just these, so the CLI loads in a fraction of the time `all` takes.
 * The instance is created on first use: most runs never see a string answer.
 */
const FACTORIES = {
  parseDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  powDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  sqrtDependencies,
  cbrtDependencies,
  expDependencies,
  logDependencies,
  log2Dependencies,
  log10Dependencies,
  absDependencies,
  minDependencies,
  maxDependencies,
  sinDependencies,
  cosDependencies,
  tanDependencies,
  tanhDependencies,
  sinhDependencies,
  coshDependencies,
  floorDependencies,
  ceilDependencies,
  roundDependencies,
  nthRootDependencies,
  piDependencies,
  eDependencies,
};

function instance(): { parse: (s: string) => MathNode } {
  if (math) return math;
  const m = create(FACTORIES, {}) as MathJsInstance;
  // The AST walk is what keeps answers safe; this instance simply has no import/evaluate/createUnit to reach.
  math = { parse: m.parse.bind(m) as (s: string) => MathNode };
  return math;
}

const short = (node: MathNode): string => {
  const s = node.toString();
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
};

/** Parse with size caps and reject every node outside the whitelist, naming the offending piece. */
function parseRestricted(s: string, variables: readonly string[]): MathNode {
  if (typeof s !== 'string') throw new MathAnswerError('the answer is not a string');
  if (s.length > MAX_LENGTH)
    throw new MathAnswerError(`the expression is ${s.length} characters long; the limit is ${MAX_LENGTH}`);
  if (s.trim() === '') throw new MathAnswerError('the expression is empty');
  let root: MathNode;
  try {
    root = instance().parse(s);
  } catch (err) {
    throw new MathAnswerError(`could not parse ${JSON.stringify(s)}: ${(err as Error).message}`);
  }
  let count = 0;
  root.traverse(() => {
    count++;
  });
  if (count > MAX_NODES) throw new MathAnswerError(`the expression has ${count} parts; the limit is ${MAX_NODES}`);
  const known = new Set(variables);
  const walk = (node: MathNode): void => {
    const n = node as MathNode & {
      value?: unknown;
      name?: string;
      fn?: unknown;
      op?: string;
      args?: MathNode[];
      content?: MathNode;
    };
    switch (n.type) {
      case 'ConstantNode':
        if (typeof n.value !== 'number')
          throw new MathAnswerError(`${short(node)} is not allowed: only numbers may appear as constants`);
        return;
      case 'SymbolNode':
        if (known.has(n.name!) || CONSTANTS.includes(n.name!)) return;
        if (ALLOWED_FUNCTIONS.includes(n.name!))
          throw new MathAnswerError(`'${n.name}' is a function; call it, e.g. ${n.name}(x)`);
        throw new MathAnswerError(
          variables.length === 0
            ? `unknown symbol '${n.name}': a number answer cannot contain variables (pi and e are allowed)`
            : `unknown symbol '${n.name}': the variables are ${variables.join(', ')} (and the constants pi, e)`,
        );
      case 'OperatorNode':
        if (!((n.fn as string) in OPERATORS))
          throw new MathAnswerError(`the operator '${n.op}' in ${short(node)} is not allowed; use + - * / ^`);
        n.args!.forEach(walk);
        return;
      case 'ParenthesisNode':
        walk(n.content!);
        return;
      case 'FunctionNode': {
        const fn = n.fn as MathNode & { name?: string };
        if (fn.type !== 'SymbolNode')
          throw new MathAnswerError(`${short(node)} is not allowed: only named functions can be called`);
        if (!ALLOWED_FUNCTIONS.includes(fn.name!)) {
          throw new MathAnswerError(
            `'${fn.name}' is not an allowed function (allowed: ${ALLOWED_FUNCTIONS.join(', ')})`,
          );
        }
        n.args!.forEach(walk);
        return;
      }
      default:
        throw new MathAnswerError(`${short(node)} is not allowed: it is ${NODE_NAMES[n.type] ?? `a ${n.type}`}`);
    }
  };
  walk(root);
  return root;
}

function evaluate(
  code: { evaluate: (scope: Record<string, number>) => unknown },
  scope: Record<string, number>,
): number {
  let v: unknown;
  try {
    v = code.evaluate(scope);
  } catch (err) {
    throw new MathAnswerError(`could not evaluate the expression: ${(err as Error).message}`);
  }
  if (typeof v !== 'number') throw new MathAnswerError('the expression does not evaluate to a number');
  return v;
}

/** A constant expression such as 'sqrt(2/128)' or '2^-100' (no variables) to its number. */
export function parseNumberAnswer(s: string): number {
  const code = parseRestricted(s, []).compile();
  return evaluate(code, {});
}

/** Compile an expression in the given variables; evaluation errors throw MathAnswerError. */
export function compileExpression(s: string, variables: string[]): (scope: Record<string, number>) => number {
  const code = parseRestricted(s, variables).compile();
  const names = [...variables];
  // A fresh scope per call holding only the declared variables: nothing leaks between calls.
  return (scope) => {
    const fresh: Record<string, number> = {};
    for (const v of names) fresh[v] = Number(scope[v]);
    return evaluate(code, fresh);
  };
}

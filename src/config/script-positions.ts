import { createRequire } from 'node:module';
import type { Expression, Node, ObjectExpression, Program } from '@babel/types';

export interface ScriptPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Where a config written as code (`quire.config.ts`, `.mts`, `.mjs`, `.js`) sets the value at
 * `path`, for messages: read from its text with Babel's parser, never by running it. Followed:
 * `export default` and `module.exports =`, through `defineConfig(…)`, `as`/`satisfies`, parentheses
 * and a top-level `const` the export names; then object literals key by key (the last property of
 * a name wins, as in JavaScript) and array literals by index. `at: 'key'` points at the property's
 * name (an unknown key), `'value'` at its value (a wrong one). A key that cannot be followed (made
 * by a function, a spread, a computed name) gives the closest enclosing property that can; a file
 * that does not parse, or has no default export, gives undefined; an export that is not a literal
 * (a function, a class instance) gives the place of that export. The parser is
 * loaded when a message first needs a position (≈25 ms), never by a build without problems.
 */
export function scriptPositions(text: string, typescript: boolean): (path: readonly PropertyKey[], at: 'key' | 'value') => ScriptPosition | undefined {
  let parsed: { program: Program; root: Node | undefined } | undefined;
  return (path, at) => {
    parsed ??= parseScript(text, typescript);
    const { program, root } = parsed;
    if (!root) return undefined;
    let node: Node = root;
    let found: ScriptPosition | undefined = start(resolve(root, program));
    for (const key of path) {
      const value = resolve(node, program);
      const step = value.type === 'ObjectExpression' ? property(value, String(key)) : value.type === 'ArrayExpression' && typeof key === 'number' ? element(value.elements[key]) : undefined;
      if (!step) return found;
      node = step.value;
      found = start(at === 'key' && step.key ? step.key : step.value);
    }
    return found;
  };
}

function parseScript(text: string, typescript: boolean): { program: Program; root: Node | undefined } {
  const { parse } = createRequire(import.meta.url)('@babel/parser') as typeof import('@babel/parser');
  try {
    const { program } = parse(text, { sourceType: 'unambiguous', plugins: typescript ? ['typescript'] : [], errorRecovery: true });
    return { program, root: exported(program) };
  } catch {
    return { program: { type: 'Program', body: [] } as unknown as Program, root: undefined };
  }
}

/** The exported config expression: `export default …` or `module.exports = …`. */
function exported(program: Program): Node | undefined {
  let assigned: Node | undefined;
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration') return statement.declaration;
    if (
      statement.type === 'ExpressionStatement' &&
      statement.expression.type === 'AssignmentExpression' &&
      statement.expression.left.type === 'MemberExpression' &&
      statement.expression.left.object.type === 'Identifier' &&
      statement.expression.left.object.name === 'module' &&
      statement.expression.left.property.type === 'Identifier' &&
      statement.expression.left.property.name === 'exports'
    ) {
      // The last assignment is the one that counts.
      assigned = statement.expression.right;
    }
  }
  return assigned;
}

/** The literal behind an expression: through `defineConfig(x)`, `x as T`, `x satisfies T`, `(x)`, `x!` and a top-level `const x = …`. */
function resolve(node: Node, program: Program, depth = 0): Node {
  if (depth > 20) return node;
  switch (node.type) {
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
    case 'ParenthesizedExpression':
      return resolve(node.expression, program, depth + 1);
    case 'CallExpression':
      return node.arguments.length === 1 && node.arguments[0]!.type !== 'SpreadElement' ? resolve(node.arguments[0]!, program, depth + 1) : node;
    case 'Identifier': {
      const bound = topLevelConst(program, node.name);
      return bound ? resolve(bound, program, depth + 1) : node;
    }
    default:
      return node;
  }
}

function topLevelConst(program: Program, name: string): Expression | undefined {
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type === 'Identifier' && declarator.id.name === name && declarator.init) return declarator.init;
    }
  }
  return undefined;
}

/** The last property named `key` of an object literal (a later one overrides an earlier, as in JavaScript). */
function property(object: ObjectExpression, key: string): { key: Node; value: Node } | undefined {
  let found: { key: Node; value: Node } | undefined;
  for (const item of object.properties) {
    if (item.type === 'SpreadElement') {
      // A spread after the property may override it: what it sets is not known from the text.
      if (found) found = undefined;
      continue;
    }
    if (item.computed) {
      // A computed name may be this one: what it sets is not known from the text either.
      if (found) found = undefined;
      continue;
    }
    const name = item.key.type === 'Identifier' ? item.key.name : item.key.type === 'StringLiteral' || item.key.type === 'NumericLiteral' ? String(item.key.value) : undefined;
    if (name !== key) continue;
    found = { key: item.key, value: item.type === 'ObjectProperty' ? item.value : item };
  }
  return found;
}

function element(node: Node | null | undefined): { key: undefined; value: Node } | undefined {
  return node && node.type !== 'SpreadElement' ? { key: undefined, value: node } : undefined;
}

/** A node's start, 1-based line and column. */
function start(node: Node): ScriptPosition | undefined {
  return node.loc ? { line: node.loc.start.line, column: node.loc.start.column + 1 } : undefined;
}

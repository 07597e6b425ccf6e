import type { Element, ElementContent } from 'hast';
import type { FenceMeta } from './fence-meta.js';
import type { LineMark } from './notation.js';
import type { DualLines } from './tokenize.js';

export interface CodeBlockParts {
  /** The code as shown (notation comments removed). */
  readonly code: string;
  /** Highlighted tokens per line; undefined for a plain (unhighlighted) block. */
  readonly lines: DualLines | undefined;
  readonly colors: { readonly fg: readonly [string, string]; readonly bg: readonly [string, string] } | undefined;
  /** Fence language as written, for `data-lang`; undefined when none. */
  readonly lang: string | undefined;
  readonly meta: FenceMeta;
  readonly marks: ReadonlyMap<number, ReadonlySet<LineMark>>;
  readonly lineNumbers: boolean;
  readonly tabWidth: number;
}

/**
 * `<figure class="code-block"><figcaption>title</figcaption><pre class="shiki"><code>` with one
 * `<span class="line">` per line joined by "\n": the text of the block is exactly the code.
 * Light colours are inline, dark ones are shiki's CSS variables (`--shiki-dark`), so one block
 * serves both themes. Line numbers are CSS counters, never characters in the code.
 */
export function codeBlockHast(parts: CodeBlockParts): Element {
  const { meta, marks } = parts;
  const rawLines = parts.code.split('\n');
  const children: ElementContent[] = [];
  for (let i = 0; i < rawLines.length; i++) {
    if (i > 0) children.push({ type: 'text', value: '\n' });
    const classes = ['line'];
    const lineMarks = marks.get(i);
    if (meta.highlight.has(i + 1) || lineMarks?.has('highlight')) classes.push('highlighted');
    if (lineMarks?.has('add')) classes.push('diff', 'add');
    if (lineMarks?.has('remove')) classes.push('diff', 'remove');
    const tokens = parts.lines?.[i];
    const content: ElementContent[] = tokens
      ? tokens.map(([text, light, dark, lightStyle, darkStyle]) => ({
          type: 'element',
          tagName: 'span',
          properties: { style: tokenStyle(light, dark, lightStyle, darkStyle) },
          children: [{ type: 'text', value: text }],
        }))
      : rawLines[i] === ''
        ? []
        : [{ type: 'text', value: rawLines[i]! }];
    children.push({ type: 'element', tagName: 'span', properties: { className: classes }, children: content });
  }

  const preStyle = [
    parts.colors ? `color:${parts.colors.fg[0]};background-color:${parts.colors.bg[0]};--shiki-dark:${parts.colors.fg[1]};--shiki-dark-bg:${parts.colors.bg[1]}` : '',
    parts.tabWidth !== 8 ? `tab-size:${parts.tabWidth}` : '',
  ]
    .filter(Boolean)
    .join(';');
  const pre: Element = {
    type: 'element',
    tagName: 'pre',
    properties: { className: parts.colors ? ['shiki'] : ['code-plain'], ...(preStyle && { style: preStyle }), tabIndex: 0 },
    children: [
      {
        type: 'element',
        tagName: 'code',
        properties: {
          ...(parts.lang && { className: [`language-${parts.lang}`] }),
          ...(parts.lineNumbers && meta.startLine !== 1 && { style: `counter-reset:line ${meta.startLine - 1}` }),
        },
        children,
      },
    ],
  };
  const figureClasses = ['code-block'];
  if (parts.lineNumbers) figureClasses.push('line-numbers');
  if ([...marks.values()].some((s) => s.has('add') || s.has('remove'))) figureClasses.push('has-diff');
  if (meta.highlight.size > 0 || [...marks.values()].some((s) => s.has('highlight'))) figureClasses.push('has-highlighted');
  const figure: Element = {
    type: 'element',
    tagName: 'figure',
    properties: { className: figureClasses, ...(parts.lang && { dataLang: parts.lang }) },
    children: [],
  };
  if (meta.title !== undefined && meta.title !== '') {
    figure.children.push({ type: 'element', tagName: 'figcaption', properties: { className: ['code-title'] }, children: [{ type: 'text', value: meta.title }] });
  }
  figure.children.push(pre);
  return figure;
}

function tokenStyle(light: string, dark: string, lightStyle: number, darkStyle: number): string {
  let style = `color:${light};--shiki-dark:${dark}`;
  if (lightStyle & 1) style += ';font-style:italic';
  if (lightStyle & 2) style += ';font-weight:bold';
  const lightDecoration = decoration(lightStyle);
  if (lightDecoration) style += `;text-decoration:${lightDecoration}`;
  if (darkStyle !== lightStyle) {
    if (darkStyle & 1) style += ';--shiki-dark-font-style:italic';
    if (darkStyle & 2) style += ';--shiki-dark-font-weight:bold';
    const darkDecoration = decoration(darkStyle);
    if (darkDecoration) style += `;--shiki-dark-text-decoration:${darkDecoration}`;
  }
  return style;
}

function decoration(bits: number): string {
  return [bits & 4 ? 'underline' : '', bits & 8 ? 'line-through' : ''].filter(Boolean).join(' ');
}

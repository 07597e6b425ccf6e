import { describe, expect, it } from 'vitest';
import { isFrontMatterError, readFrontMatter, type FrontMatter, type FrontMatterError } from '../../src/load/read-front-matter.js';

function parsed(text: string): FrontMatter {
  const result = readFrontMatter(text);
  if (isFrontMatterError(result)) throw new Error(`expected front matter, got ${result.kind}: ${result.message}`);
  return result;
}

function failed(text: string): FrontMatterError {
  const result = readFrontMatter(text);
  if (!isFrontMatterError(result)) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  return result;
}

describe('readFrontMatter: formats', () => {
  it('reads YAML between --- fences and keeps unquoted timestamps as strings', () => {
    const fm = parsed('---\ntitle: Hello\ndate: 2025-07-09 06:48:00\nday: 2025-07-09\ntags: [a, b]\n---\n# Body\n');
    expect(fm.format).toBe('yaml');
    expect(fm.data).toEqual({ title: 'Hello', date: '2025-07-09 06:48:00', day: '2025-07-09', tags: ['a', 'b'] });
    expect(typeof fm.data['date']).toBe('string');
    expect(fm.body).toBe('# Body\n');
    expect(fm.bodyLineOffset).toBe(6);
  });

  it('reads TOML between +++ fences (dates as TOML dates)', () => {
    const fm = parsed('+++\ntitle = "Hello"\ndraft = true\ndate = 2025-07-09T06:48:00\n+++\nBody');
    expect(fm.format).toBe('toml');
    expect(fm.data['title']).toBe('Hello');
    expect(fm.data['draft']).toBe(true);
    expect(fm.data['date']).toBeInstanceOf(Date);
    expect(fm.body).toBe('Body');
    expect(fm.bodyLineOffset).toBe(5);
  });

  it('reads JSON after ---json', () => {
    const fm = parsed('---json\n{"title": "Hello", "tags": ["x"]}\n---\nBody');
    expect(fm.format).toBe('json');
    expect(fm.data).toEqual({ title: 'Hello', tags: ['x'] });
    expect(fm.body).toBe('Body');
    expect(fm.bodyLineOffset).toBe(3);
  });

  it('returns the whole text as body when there is no front matter', () => {
    const text = 'Just a body\n\nwith two paragraphs.\n';
    const fm = parsed(text);
    expect(fm.format).toBe('none');
    expect(fm.data).toEqual({});
    expect(fm.body).toBe(text);
    expect(fm.bodyLineOffset).toBe(0);
  });

  it('accepts empty front matter', () => {
    const fm = parsed('---\n---\nbody');
    expect(fm.data).toEqual({});
    expect(fm.body).toBe('body');
    expect(fm.bodyLineOffset).toBe(2);
  });

  it('accepts fences with trailing spaces', () => {
    const fm = parsed('--- \ntitle: a\n---\t\nbody');
    expect(fm.data).toEqual({ title: 'a' });
    expect(fm.body).toBe('body');
  });

  it('accepts a closing fence at the very end of the file', () => {
    const fm = parsed('---\ntitle: a\n---');
    expect(fm.data).toEqual({ title: 'a' });
    expect(fm.body).toBe('');
    expect(fm.bodyLineOffset).toBe(3);
  });

  it('does not take a line of four dashes for a front-matter fence', () => {
    // `----` is a Markdown thematic break, not `---`; the closing fence is matched exactly, so the
    // opening one must be too. Otherwise the lines up to the next `---` silently disappear.
    const text = '----\nIntro paragraph.\n---\nMore text.\n';
    const fm = parsed(text);
    expect(fm.format).toBe('none');
    expect(fm.body).toBe(text);
    expect(fm.bodyLineOffset).toBe(0);
  });
});

describe('readFrontMatter: errors', () => {
  it('reports an unclosed --- fence as unterminated', () => {
    const error = failed('---\ntitle: x\n\nbody without a closing fence\n');
    expect(error.kind).toBe('unterminated');
    expect(error.message).toContain('---');
    expect(error.position).toEqual({ line: 1, column: 1 });
  });

  it('reports an unclosed +++ fence as unterminated', () => {
    expect(failed('+++\ntitle = "x"\n---\n').kind).toBe('unterminated');
  });

  it('reports a YAML syntax error with the file line number', () => {
    //            1     2          3          4                  5        6
    const error = failed('---\ntitle: a\ndate: 2025\nkey: value: other\nmore: x\n---\nbody');
    expect(error.kind).toBe('syntax');
    expect(error.position).toEqual({ line: 4, column: 6 });
    expect(error.message).not.toContain('\n');
  });

  it('reports a quote that is never closed where it opens, not at the end of the front matter', () => {
    const error = failed('---\ntitle: "没闭合的引号\ndate: 2026-11-10\ntags: [a, b]\n---\nBody\n');
    expect(error).toMatchObject({ kind: 'syntax', message: 'this quoted value is never closed', position: { line: 2, column: 8 } });
    expect(failed("---\ntitle: 'open\n---\n").position).toEqual({ line: 2, column: 8 });
  });

  it('reports a reserved character at the start of line 4 on line 4', () => {
    const error = failed('---\ntitle: a\ndate: 2025\n@bad: x\nmore: x\n---\nbody');
    expect(error.kind).toBe('syntax');
    expect(error.position.line).toBe(4);
    expect(error.message).toContain('@');
  });

  it('reports duplicate keys as a syntax error on the second key', () => {
    const error = failed('---\ntitle: a\ntitle: b\n---\n');
    expect(error.kind).toBe('syntax');
    expect(error.position.line).toBe(3);
  });

  it('reports a TOML syntax error with the file line and column', () => {
    const error = failed('+++\ntitle = "x"\n\ndate = 2025-13-45\n+++\nbody');
    expect(error.kind).toBe('syntax');
    expect(error.position).toEqual({ line: 4, column: 8 });
    expect(error.message).not.toMatch(/^Invalid TOML document/);
  });

  it('reports a JSON syntax error with the file line', () => {
    const error = failed('---json\n{"title": "Hello",\n "date": 5,,\n}\n---\nBody');
    expect(error.kind).toBe('syntax');
    expect(error.position.line).toBe(3);
  });

  it('reports JSON front matter that only YAML would accept (trailing comma), at the file line and column', () => {
    //                       1          2
    const error = failed('---json\n{"title": "x",}\n---\nBody');
    expect(error.kind).toBe('syntax');
    expect(error.message).toMatch(/^invalid JSON: /);
    expect(error.position).toEqual({ line: 2, column: 15 });
    expect(parsed('---json\n{"title": "x"}\n---\nBody').data).toEqual({ title: 'x' });
  });

  it('reports an exponential YAML alias expansion ("billion laughs") as a syntax error at the first alias', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [prev, name] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g']]) {
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const error = failed(`---\n${levels.join('\n')}\n---\nbody`);
    expect(error.kind).toBe('syntax');
    expect(error.message).toContain('alias');
    expect(error.position).toEqual({ line: 3, column: 8 });
  });

  it('reports front matter that is a list, not a mapping', () => {
    const error = failed('---\n- a\n- b\n---\nbody');
    expect(error.kind).toBe('not-a-mapping');
  });

  it('reports an unknown front-matter language after --- instead of throwing', () => {
    let result: ReturnType<typeof readFrontMatter> | undefined;
    expect(() => {
      result = readFrontMatter('---foo\ntitle: a\n---\nbody');
    }).not.toThrow();
    expect(result !== undefined && isFrontMatterError(result)).toBe(true);
  });

  it('never evaluates JavaScript front matter (---js)', () => {
    const flag = '__quireFrontMatterEvaluated';
    const g = globalThis as Record<string, unknown>;
    delete g[flag];
    try {
      try {
        readFrontMatter(`---js\n(globalThis.${flag} = true, { title: "t" })\n---\nbody`);
      } catch {
        // Refusing with an exception is acceptable; running the code is not.
      }
      expect(g[flag]).toBeUndefined();
    } finally {
      delete g[flag];
    }
  });
});

describe('readFrontMatter: positions', () => {
  const text = '---\ntitle: Hello\ndate: 2025-07-09 06:48:00\ntags:\n  - go\n  - 工具\n---\nbody';

  it('gives the file line and column of a value', () => {
    const fm = parsed(text);
    expect(fm.positionOf(['title'])).toEqual({ line: 2, column: 8 });
    expect(fm.positionOf(['date'])).toEqual({ line: 3, column: 7 });
  });

  it('gives the position of a list item', () => {
    const fm = parsed(text);
    expect(fm.positionOf(['tags', 1])).toEqual({ line: 6, column: 5 });
  });

  it('gives the position of values in JSON front matter', () => {
    const fm = parsed('---json\n{\n  "title": "Hello",\n  "date": "2025-07-09"\n}\n---\n');
    expect(fm.positionOf(['date'])).toEqual({ line: 4, column: 11 });
  });

  it('falls back to the start of the mapping for a missing key', () => {
    const fm = parsed(text);
    expect(fm.positionOf(['nope'])).toEqual({ line: 2, column: 1 });
  });

  it('does not share positions between files', () => {
    const a = parsed('---\ntitle: A\n---\n');
    const b = parsed('---\n\n\n\ntitle: B\n---\n');
    expect(a.positionOf(['title'])).toEqual({ line: 2, column: 8 });
    expect(b.positionOf(['title'])).toEqual({ line: 5, column: 8 });
  });
});

describe('readFrontMatter: CRLF', () => {
  it('reads a CRLF file: fields, body with LF and body line offset', () => {
    const fm = parsed('---\r\ntitle: Hello\r\ndate: 2025-07-09\r\nsummary: Short\r\n---\r\nline1\r\nline2');
    expect(fm.data['title']).toBe('Hello');
    expect(fm.positionOf(['date'])).toEqual({ line: 3, column: 7 });
    expect(fm.body).toBe('line1\nline2');
    expect(fm.bodyLineOffset).toBe(5);
  });

  it('does not leave a carriage return in the last field of a CRLF file', () => {
    const fm = parsed('---\r\ntitle: Hello\r\ndraft: true\r\n---\r\nBody\r\n');
    expect(fm.data).toEqual({ title: 'Hello', draft: true });
  });

  it('reads a flow list on the last line of CRLF YAML', () => {
    const fm = parsed('---\r\ntitle: Hello\r\ntags: [a, b]\r\n---\r\nBody\r\n');
    expect(fm.data['tags']).toEqual(['a', 'b']);
  });

  it('reads CRLF TOML', () => {
    const fm = parsed('+++\r\ntitle = "a"\r\ndraft = true\r\n+++\r\nbody');
    expect(fm.data).toEqual({ title: 'a', draft: true });
  });
});

describe('readFrontMatter: TOML positions', () => {
  it('points at the line and column of a TOML value', () => {
    const fm = readFrontMatter('+++\ntitle = "a"\n  date = "2025-13-45"\n+++\nbody\n');
    if (isFrontMatterError(fm)) throw new Error(fm.message);
    expect(fm.format).toBe('toml');
    expect(fm.positionOf(['title'])).toEqual({ line: 2, column: 9 });
    expect(fm.positionOf(['date'])).toEqual({ line: 3, column: 10 });
  });

  it('reports ---toml as toml', () => {
    const fm = readFrontMatter('---toml\ntitle = "a"\n---\nbody\n');
    if (isFrontMatterError(fm)) throw new Error(fm.message);
    expect(fm.format).toBe('toml');
    expect(fm.data).toEqual({ title: 'a' });
  });
});

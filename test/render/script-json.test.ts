import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scriptSafeJson } from '../../src/render/script-json.js';

describe('scriptSafeJson', () => {
  it('writes <, >, &, U+2028 and U+2029 as \\u escapes that parse back to the same text', () => {
    const value = { title: '</script><script>alert(1)</script> <!-- --> & \u2028\u2029' };
    const json = scriptSafeJson(value);
    expect(json).toBe('{"title":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u003c!-- --\\u003e \\u0026 \\u2028\\u2029"}');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('never lets a value end or change a <script> element, and always round-trips', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = scriptSafeJson(value);
        expect(json).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('writes null for undefined', () => {
    expect(scriptSafeJson(undefined)).toBe('null');
  });
});

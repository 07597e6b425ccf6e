import { describe, expect, it } from 'vitest';
import { injectClient } from '../../src/dev/live-reload.js';

describe('injectClient', () => {
  it('puts the script once, before the last </body>, and knows the build it was served from', () => {
    const html = '<!doctype html><html><body><pre>&lt;/body&gt;</pre></BODY></html>';
    const out = injectClient(html, 7);
    expect(out.match(/data-quire-dev/g)).toHaveLength(1);
    expect(out.indexOf('data-quire-dev')).toBeLessThan(out.indexOf('</BODY>'));
    expect(out).toContain('const served = 7;');
    expect(out).toContain('new EventSource("/__quire/events")');
    expect(out.startsWith('<!doctype html><html><body><pre>&lt;/body&gt;</pre>')).toBe(true);
  });

  it('appends to a document without </body>', () => {
    expect(injectClient('<p>x', 1)).toMatch(/^<p>x<script data-quire-dev>/);
  });
});

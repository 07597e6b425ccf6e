// The documentation of quire, built with quire: `node bin/quire.js build --root docs` in a checkout
// (after `npm install`), `node bin/quire.js dev --root docs` to write it. Publish it with
// `--base-url https://…/` to set its address; the output folder docs/dist/ is not committed.
import { defineConfig } from 'quire-ssg';

export default defineConfig({
  title: 'quire',
  description: 'A static-site generator for technical blogs in Chinese, English or both, and for a weekly digest.',
  url: 'http://localhost:4321/',
  language: 'en',
  timezone: 'UTC',
});

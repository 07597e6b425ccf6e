import { defineConfig } from 'quire-ssg';

// Every option is described in the configuration reference of quire's documentation.
export default defineConfig({
  title: 'My Blog',
  description: 'A technical blog built with quire.',
  // The site's address. On GitHub Pages, .github/workflows/deploy.yml passes the real one with
  // --base-url (e.g. https://you.github.io/blog/); this value is used by local builds only.
  url: 'https://example.org/',
  language: 'en',
  // Dates without an offset (date: 2025-07-09 06:48) are read in this zone, and all dates are
  // shown in it.
  timezone: '%%timezone%%',
  // author: { name: 'Your Name', email: 'you@example.org' },
  permalink: '/posts/:slug/',
  paginate: 10,
});

// The search page: loads /search/index.json (written at build time by src/emit/search/) and
// finds the documents holding every word of the query. Words are cut exactly as the index was
// (`searchTerms` must stay in step with src/render/search-terms.ts; a test checks both):
// words lower-cased, CJK runs as overlapping character pairs, so a Chinese word is found in the
// middle of a sentence however a dictionary would segment either side. Results are put in
// the page with DOM APIs and textContent only: nothing from the index is parsed as HTML.

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}々〆ー`;
const DICTIONARY = String.raw`\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}`;
const LETTER = String.raw`(?:(?![${CJK}${DICTIONARY}])[\p{L}\p{M}\p{N}_])`;
const PIECES = new RegExp(String.raw`([${CJK}]+)|([${DICTIONARY}]+)|${LETTER}+(?:['’.:]${LETTER}+)*`, 'gu');
const HAS_CJK = new RegExp(`[${CJK}]`, 'u');
const MAX_RESULTS = 50;

/** Terms of a text: see src/render/search-terms.ts. */
export function searchTerms(text, language) {
  const terms = [];
  for (const [piece, cjk, dictionary] of text.normalize('NFKC').matchAll(PIECES)) {
    if (cjk !== undefined) {
      if (cjk.length === 1) terms.push(cjk);
      for (let i = 0; i + 1 < cjk.length; i++) terms.push(cjk.slice(i, i + 2));
    } else if (dictionary !== undefined) {
      for (const { segment, isWordLike } of new Intl.Segmenter(language, { granularity: 'word' }).segment(dictionary)) if (isWordLike) terms.push(segment.toLowerCase());
    } else terms.push(piece.toLowerCase());
  }
  return terms;
}

/** The index as written (src/emit/search/emit-search-index.ts) → documents and a Map term → postings. */
export function openIndex(raw) {
  const terms = new Map();
  for (const [postings, words] of raw.terms) for (const term of words.split(' ')) terms.set(term, postings);
  return { docs: raw.docs, terms };
}

/**
 * Documents of an opened index matching every term of `query`, best first: more query terms in the
 * title first, then newest first (the index lists documents newest first). The last word is a
 * prefix while it is being typed (no space after it); a lone CJK character matches any pair
 * holding it.
 */
export function search(index, query, language) {
  const words = [...new Set(searchTerms(query, language))];
  if (words.length === 0) return [];
  const typing = !/\s$/.test(query);
  let found; // document number → number of query terms in its title
  words.forEach((word, i) => {
    let matching;
    if (word.length === 1 && HAS_CJK.test(word)) matching = [...index.terms.keys()].filter((key) => key.includes(word));
    else if (i === words.length - 1 && typing && !HAS_CJK.test(word)) matching = [...index.terms.keys()].filter((key) => key.startsWith(word));
    else matching = index.terms.has(word) ? [word] : [];
    const hits = new Map();
    for (const key of matching) {
      for (const posting of index.terms.get(key)) {
        const doc = posting >> 1;
        hits.set(doc, (hits.get(doc) ?? 0) | (posting & 1));
      }
    }
    if (found === undefined) found = hits;
    else {
      for (const [doc, title] of found) {
        if (hits.has(doc)) found.set(doc, title + hits.get(doc));
        else found.delete(doc);
      }
    }
  });
  return [...found]
    .sort(([a, ta], [b, tb]) => tb - ta || a - b)
    .map(([doc]) => index.docs[doc]);
}

function start(form) {
  const input = form.querySelector('input[name="q"]');
  const status = document.querySelector('.search-status');
  const list = document.querySelector('.search-results');
  const language = document.documentElement.lang || 'en';
  const say = (template, query, count) => template.replace('{query}', query).replace('{count}', String(count));
  let index;
  const load = () =>
    (index ??= fetch(form.dataset.index).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    }).then(openIndex));

  const show = async (query) => {
    const trimmed = query.trim();
    if (trimmed === '') {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    status.textContent = form.dataset.loading;
    let loaded;
    try {
      loaded = await load();
    } catch {
      index = undefined;
      status.textContent = form.dataset.failed;
      return;
    }
    if (input.value !== query) return; // typed on meanwhile
    const results = search(loaded, query, language);
    status.textContent = say(results.length === 0 ? form.dataset.none : results.length === 1 ? form.dataset.countOne : form.dataset.count, trimmed, results.length);
    const terms = termPattern(trimmed);
    list.replaceChildren(...results.slice(0, MAX_RESULTS).map((doc, i) => resultItem(doc, terms, i < PASSAGE_FETCHES)));
  };

  const update = () => {
    const url = new URL(location.href);
    if (input.value.trim() === '') url.searchParams.delete('q');
    else url.searchParams.set('q', input.value);
    history.replaceState(null, '', url);
    show(input.value);
  };
  let timer;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 120);
  });
  input.addEventListener('focus', () => void load().catch(() => undefined), { once: true });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    update();
  });
  const initial = new URLSearchParams(location.search).get('q') ?? '';
  if (initial !== '') {
    input.value = initial;
    show(initial);
  }
}

/** How many of the first results fetch their page for the passage that matches (when the excerpt does not). */
const PASSAGE_FETCHES = 5;
const PASSAGE_BEFORE = 40;
const PASSAGE_LENGTH = 160;

/**
 * A case-insensitive pattern of the query's words and CJK runs (each run also by its character
 * pairs, as the index cuts it), longest first; undefined for an empty query.
 */
export function termPattern(query) {
  const parts = new Set();
  for (const [piece, cjk] of query.normalize('NFKC').matchAll(PIECES)) {
    parts.add(piece);
    if (cjk !== undefined) for (let i = 0; i + 1 < cjk.length; i++) parts.add(cjk.slice(i, i + 2));
  }
  if (parts.size === 0) return undefined;
  const sorted = [...parts].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(sorted.join('|'), 'giu');
}

/** The part of `text` around the first match of `terms` (with … where it was cut), or undefined when nothing matches. */
export function passage(text, terms) {
  const flat = text.replace(/\s+/g, ' ').trim();
  const found = new RegExp(terms).exec(flat);
  if (!found) return undefined;
  const start = Math.max(0, found.index - PASSAGE_BEFORE);
  const end = Math.min(flat.length, start + PASSAGE_LENGTH);
  return (start > 0 ? '…' : '') + flat.slice(start, end).trim() + (end < flat.length ? '…' : '');
}

/** `text` as text nodes with each match of `terms` in a <mark>: DOM nodes only, never parsed HTML. */
function highlighted(text, terms) {
  if (!terms) return [text];
  const nodes = [];
  let at = 0;
  for (const match of text.matchAll(new RegExp(terms))) {
    if (match[0] === '') continue;
    if (match.index > at) nodes.push(text.slice(at, match.index));
    const mark = document.createElement('mark');
    mark.textContent = match[0];
    nodes.push(mark);
    at = match.index + match[0].length;
  }
  if (at < text.length) nodes.push(text.slice(at));
  return nodes;
}

/** Elements whose text stands apart from the next: a space after each keeps words of two blocks (or a code title and its code) apart. */
const BLOCKS = 'p, li, dt, dd, h1, h2, h3, h4, h5, h6, pre, figcaption, blockquote, td, th, tr, div, figure, br';

/**
 * The text of a result's page, for its passage: fetched only when its excerpt does not match.
 * As a reader reads it: without footnote numbers and back links, heading anchors or buttons,
 * and with blocks apart (a parsed page has no layout, so no innerText).
 */
async function pageText(url) {
  const response = await fetch(url);
  if (!response.ok) return '';
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const root = page.querySelector('.content') ?? page.querySelector('main');
  if (!root) return '';
  for (const ref of root.querySelectorAll('a[data-footnote-ref]')) (ref.closest('sup') ?? ref).remove();
  // The footnotes stay (the index has their words), without their ↩ links.
  for (const aside of root.querySelectorAll('a[data-footnote-backref], .heading-anchor, button, script, style, template')) aside.remove();
  for (const block of root.querySelectorAll(BLOCKS)) block.after(' ');
  return root.textContent ?? '';
}

function resultItem(doc, terms, fetchPassage) {
  const item = document.createElement('li');
  item.lang = doc.l;
  const link = document.createElement('a');
  link.href = doc.u;
  link.append(...highlighted(doc.t, terms));
  const heading = document.createElement('h2');
  heading.append(link);
  item.append(heading);
  if (doc.d) {
    const time = document.createElement('time');
    time.dateTime = doc.d;
    time.textContent = doc.d;
    item.append(time);
  }
  const excerpt = document.createElement('p');
  const inExcerpt = terms && doc.e ? passage(doc.e, terms) : undefined;
  excerpt.append(...highlighted(inExcerpt ?? doc.e ?? '', terms));
  item.append(excerpt);
  if (terms && !inExcerpt && fetchPassage) {
    pageText(doc.u)
      .then((text) => {
        const found = passage(text, terms);
        if (found && excerpt.isConnected) excerpt.replaceChildren(...highlighted(found, terms));
      })
      .catch(() => undefined);
  }
  return item;
}

if (typeof document !== 'undefined') {
  const form = document.querySelector('form[data-index]');
  if (form) start(form);
}

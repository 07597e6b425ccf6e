import { hrefOf } from '../../collect/url-path.js';
import { domainOf } from '../../collect/weekly/issue-tree.js';
import { escapeHtml } from '../../render/views.js';
import { withSiteOrigin } from '../../render/feed-origin.js';
import { uiStrings } from '../../render/ui-strings.js';
import { feedId } from './feed-id.js';
import { shownEntries, type FeedSource } from './feed-items.js';
import type { FeedItem } from './feed-types.js';

/** The feed items of the notes stream (note keys, newest first), cut to the configured limit. */
export function noteFeedItemsOf(keys: readonly string[], source: FeedSource): FeedItem[] {
  return shownEntries(keys, source.config).map((key) => noteFeedItemOf(key, source));
}

/**
 * One note as a feed item. Its id and URL are its place in the weekly issue that gathered it
 * (`https://…/weekly/12/#note-fzf`): the issue's number never moves and the anchor comes from the
 * note's own file name, so adding notes never changes it (a front-matter `id` pins it otherwise).
 * The text is the note's link with its domain, its commentary (from the issue's feed HTML) and a
 * line naming the issue.
 */
export function noteFeedItemOf(key: string, { site, rendered, config }: FeedSource): FeedItem {
  const note = site.notes[key];
  if (!note) throw new Error(`no published note ${key} for a feed`);
  const absolute = (url: string) => new URL(hrefOf(url, config.basePath), config.url).href;
  const issueUrl = absolute(note.issueUrl);
  const url = `${issueUrl}#${encodeURIComponent(note.anchor)}`;
  const language = note.lang ?? config.language;
  const t = uiStrings(language);
  const commentary = withSiteOrigin(rendered[note.issueKey]?.notes?.[note.anchor]?.feedHtml ?? '', config.url);
  const domain = note.link ? domainOf(note.link) : undefined;
  const linkHtml = note.link ? `<p><a href="${escapeHtml(note.link)}">${escapeHtml(note.title)}</a>${domain ? ` (${escapeHtml(domain)})` : ''}</p>\n` : '';
  const issueHtml = `<p>${escapeHtml(t.noteInIssue)} <a href="${escapeHtml(issueUrl)}">${escapeHtml(note.issueTitle)}</a></p>`;
  const contentHtml = `${linkHtml}${commentary}${commentary ? '\n' : ''}${issueHtml}`;
  return {
    id: feedId(note.id, url),
    url,
    title: note.title,
    published: new Date(note.date?.epochMs ?? config.now.getTime()),
    contentHtml: config.feed.content === 'full' ? contentHtml : undefined,
    summaryHtml: contentHtml,
    tags: note.tags,
    language: language !== config.language ? language : undefined,
  };
}

import { hrefOf } from '../../collect/url-path.js';
import type { PreparedSite } from '../../build.js';
import { diagnostic, QuireError } from '../../diagnostics.js';
import { unpackText } from '../../packed-text.js';
import { withSiteOrigin } from '../../render/feed-origin.js';
import { displayDate, displayDateRange } from '../../render/display-date.js';
import { uiStrings } from '../../render/ui-strings.js';
import { siteView } from '../../render/views.js';
import type { DigestSource } from './export-digest.js';

/** Issue `number` of a prepared site, with its e-mail HTML rendered from the `email` template. */
export async function digestSource(prepared: PreparedSite, number: number): Promise<DigestSource> {
  const { site, config, rendered, templates } = prepared;
  const info = site.weeklyIssues.find((i) => i.number === number);
  if (!info) {
    const known = site.weeklyIssues.map((i) => i.number).sort((a, b) => a - b);
    throw new QuireError([
      diagnostic(
        'WeeklyIssueNotFound',
        `there is no published weekly issue ${number}`,
        {},
        known.length > 0 ? `published issues: ${known.join(', ')} (use --future or --drafts for one not out yet)` : 'write one in content/weekly/ first',
      ),
    ]);
  }
  const placed = site.entries[info.key]!;
  const html = rendered[info.key]!;
  const url = new URL(hrefOf(placed.url, config.basePath), config.url).href;
  const lang = placed.entry.lang ?? config.language;
  const feedHtml = withSiteOrigin(unpackText(html.feedHtml), config.url);
  const date = placed.entry.date?.iso;
  // The week and the date in the one form the issue page uses.
  const meta = [displayDateRange(info.week.start, info.week.end, lang), ...(date ? [displayDate(date, lang)] : [])].join(' · ');
  const emailHtml = await templates.render('email', {
    site: siteView(config, site),
    lang,
    t: uiStrings(lang),
    issue: { number, title: placed.entry.title, url, weekRange: displayDateRange(info.week.start, info.week.end, lang), date, meta, content: feedHtml },
  });
  return { title: placed.entry.title, url, lang, meta, feedHtml, emailHtml };
}

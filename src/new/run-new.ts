import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Terminal } from '../cli-output/terminal.js';
import { loadConfig } from '../config/load-config.js';
import { resolveConfig } from '../config/resolve-config.js';
import { readStringFlags } from '../cli-flags.js';
import { diagnostic, QuireError } from '../diagnostics.js';
import { composeEntry, FOLDER_OF, NEW_KINDS, type NewKind } from './compose-entry.js';
import { isoWeekOf } from '../collect/weekly/iso-week.js';
import { checkAddition, planNoteIssue, planWeeklyIssue, publishedAt, readWeeklyState, type WeeklyState } from './next-issue.js';

export interface NewCommand {
  readonly kind: string;
  readonly title: string | undefined;
  readonly flags: { readonly slug?: unknown; readonly link?: unknown; readonly section?: unknown; readonly root?: unknown; readonly config?: unknown };
  /** The raw arguments, to recover `--slug 007` as text. */
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly now: Date;
  readonly terminal: Terminal;
}

const NEXT_STEP: Readonly<Record<NewKind, string>> = {
  post: 'a draft (`draft: true`): `quire dev --drafts` shows it; delete that line to publish it',
  page: 'published at its URL on the next build',
  note: 'goes into the weekly issue of its week (or pin one with `issue: N`)',
  weekly: 'the notes of its week are gathered into it',
};

/** `quire new post|page|note|weekly [title]`: write one new content file, never over an existing one. */
export async function runNew(command: NewCommand): Promise<number> {
  const { terminal } = command;
  const fail = (list: Parameters<Terminal['diagnostics']>[0]) => {
    terminal.diagnostics(list);
    return 1;
  };
  if (!(NEW_KINDS as readonly string[]).includes(command.kind)) {
    return fail([diagnostic('InvalidOption', `unknown kind "${command.kind}"`, {}, `use one of: ${NEW_KINDS.join(', ')}, e.g. quire new post "标题"`)]);
  }
  const kind = command.kind as NewKind;
  const read = readStringFlags(command.flags, ['slug', 'link', 'section', 'root', 'config'], command.argv);
  if ('problems' in read) return fail(read.problems);
  const flags = read.values;

  const root = path.resolve(command.cwd, flags.root ?? '.');
  try {
    const config = resolveConfig(await loadConfig(root, flags.config), {}, root);
    let issue: number | undefined;
    let when = command.now;
    let state: WeeklyState | undefined;
    let done: string = NEXT_STEP[kind];
    if (kind === 'weekly' || kind === 'note') {
      const read = readWeeklyState(config);
      if ('problems' in read) {
        terminal.diagnostics(read.problems);
        terminal.err(`cannot work out ${kind === 'weekly' ? 'the next issue number' : 'the issue of this note'} until these files are fixed\n`);
        return 1;
      }
      state = read;
    }
    if (kind === 'weekly' && state) {
      const plan = planWeeklyIssue(state, command.now);
      if ('problems' in plan) {
        terminal.diagnostics(plan.problems);
        terminal.err('cannot work out the next issue number until these files are fixed\n');
        return 1;
      }
      issue = plan.number;
      // An issue for a later week is dated at its start: published then, not now.
      if (plan.week.id !== isoWeekOf(command.now.getTime(), config.timezone).id) when = new Date(plan.week.startMs);
      done = plan.takesOver
        ? `for week ${plan.week.id}: it takes over the issue its notes made so far (same number and URL)`
        : plan.thisWeek
          ? `for week ${plan.week.id}: this week's notes already go into issue ${plan.thisWeek.number}${plan.thisWeek.entry ? ` (${plan.thisWeek.entry.displayPath})` : ''}`
          : `for week ${plan.week.id}: ${NEXT_STEP.weekly}`;
    }
    if (kind === 'note' && state) {
      issue = planNoteIssue(state, command.now);
      done = issue !== undefined ? `pinned to weekly issue ${issue} (\`issue: ${issue}\`), so its issue never changes number` : NEXT_STEP.note;
      const published = issue !== undefined ? publishedAt(state, issue, command.now) : undefined;
      if (published) {
        const on = DateTime.fromMillis(published.epochMs, { zone: config.timezone }).toFormat('yyyy-MM-dd HH:mm');
        done += `; issue ${issue} was published ${on}: the note joins its page and feed item from the next build, not an e-mail already sent`;
      }
    }
    const composed = composeEntry({ kind, title: command.title, slug: flags.slug, link: flags.link, section: flags.section, issue, now: when, timezone: config.timezone });
    if ('problems' in composed) return fail(composed.problems);
    if (state) {
      const moved = checkAddition(state, kind === 'weekly' ? 'weekly' : 'note', composed.rel, composed.text);
      if (moved.length > 0) {
        terminal.diagnostics(moved);
        terminal.err(`not written: ${composed.rel} would change the weekly issues above\n`);
        return 1;
      }
    }

    const target = path.join(config.contentDir, ...composed.rel.split('/'));
    const shown = path.relative(command.cwd, target) || target;
    mkdirSync(path.dirname(target), { recursive: true });
    try {
      writeFileSync(target, composed.text, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        const hint = kind === 'weekly' ? 'someone created it a moment ago: run the command again' : 'choose another title or --slug; quire new never overwrites a file';
        return fail([diagnostic('FileExists', 'the file already exists', { file: shown }, hint)]);
      }
      return fail([diagnostic('WriteError', `cannot write ${shown}: ${(error as Error).message}`, { file: shown }, `check the permissions of ${FOLDER_OF[kind]}/`)]);
    }
    // stdout is the path alone, so `$EDITOR "$(quire new post 标题)"` works; the rest is for people.
    terminal.out(`${shown}\n`);
    if (!terminal.quiet) {
      const what = kind === 'weekly' ? `weekly issue ${issue}` : `${kind}`;
      terminal.err(`${terminal.colors.green('created')} ${what}: ${terminal.colors.dim(done)}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof QuireError) return fail(error.diagnostics);
    throw error;
  }
}

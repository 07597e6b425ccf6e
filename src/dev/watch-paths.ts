import { existsSync, lstatSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface WatchTargets {
  /** Folders watched with everything in them (content/, templates/, public/); they may not exist yet. */
  readonly dirs: readonly string[];
  /** Single files (the config, or where a config file may appear). */
  readonly files: readonly string[];
}

export interface PathWatcher {
  /** Watch these instead (after a config change moved a folder). */
  setTargets(targets: WatchTargets): void;
  close(): void;
}

/**
 * Names editors and tools write next to the file being saved, then rename or delete; not content.
 * Emacs (`.#a.md`, `#a.md#`), backups (`a.md~`), Vim (`.a.md.swp`, its `4913` probe), `sed -i`
 * (`sedAb12Cd`), JetBrains' safe write (`a.md___jb_tmp___`), gedit (`.goutputstream-AB12CD`),
 * Kate (`a.md.kate-swp`), LibreOffice's lock (`.~lock.a.md#`) and macOS's `.DS_Store`.
 */
const EDITOR_NOISE =
  /(^|[/\\])(\.#[^/\\]*|#[^/\\]*#|[^/\\]*~|[^/\\]*\.sw[a-p]|4913|sed[A-Za-z0-9]{6}|[^/\\]*___jb_(tmp|old|bak)___|\.goutputstream-[A-Za-z0-9]+|[^/\\]*\.kate-swp|\.~lock\.[^/\\]*#|\.DS_Store)$/;

/**
 * A plain (not recursive) `fs.watch` of every folder under each watched folder, and of each
 * file's folder for the files. Node 20's `recursive` watch on Linux sets up an inotify watch per
 * file and lists the whole folder again on every event in it: at 4000 posts in one folder, a save
 * was reported 10–15 ms late, and again ~10 ms later. A folder made inside a watched one is
 * watched from its first event (the folder itself counts as a change); one deleted is dropped. A
 * watched folder that does not exist yet, or is deleted (its watcher then closes) or replaced, is
 * picked up again by a check every `rearmMs`; its appearing or going counts as a change.
 */
export function watchPaths(targets: WatchTargets, onChange: (file: string) => void, options: { rearmMs?: number } = {}): PathWatcher {
  const watchers = new Map<string, FSWatcher>();
  let current = targets;
  let closed = false;

  const stop = (key: string) => {
    const watcher = watchers.get(key);
    watchers.delete(key);
    watcher?.close();
  };
  /** Stop watching `folder` and every folder under it. */
  const stopTree = (folder: string) => {
    for (const key of [...watchers.keys()]) if (key === `dir:${folder}` || key.startsWith(`dir:${folder}${path.sep}`)) stop(key);
  };
  const report = (file: string) => {
    if (!closed && !EDITOR_NOISE.test(file)) onChange(file);
  };
  const arm = (key: string, dir: string, onEvent: (name: string) => void) => {
    if (watchers.has(key) || !existsSync(dir)) return false;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { persistent: true }, (_event, name) => onEvent(name === null ? '' : String(name)));
    } catch {
      return false;
    }
    const forget = () => {
      if (watchers.get(key) === watcher) {
        watchers.delete(key);
        watcher.close();
        report(dir);
      }
    };
    watcher.on('error', forget);
    watcher.on('close', forget);
    watchers.set(key, watcher);
    return true;
  };
  /** Watch a folder and the folders in it (not through symbolic links, as Node's recursive watch). */
  const armTree = (folder: string): boolean => {
    if (!arm(`dir:${folder}`, folder, (name) => changedIn(folder, name))) return false;
    for (const sub of subfolders(folder)) armTree(sub);
    return true;
  };
  const changedIn = (folder: string, name: string) => {
    if (name === '') return report(folder);
    const file = path.join(folder, name);
    // lstat: a link made meanwhile (`rootfs -> /`) is not followed, as at the start.
    const stat = lstatSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) armTree(file);
    else if (stat === undefined) stopTree(file);
    report(file);
  };
  const armAll = (announce: boolean) => {
    for (const dir of current.dirs) {
      if (armTree(dir) && announce) report(dir);
    }
    for (const group of fileGroups(current.files)) arm(group.key, group.folder, (name) => group.names.has(name) && report(path.join(group.folder, name)));
  };
  const wanted = (key: string) =>
    current.dirs.some((d) => key === `dir:${d}` || key.startsWith(`dir:${d}${path.sep}`)) || fileGroups(current.files).some((g) => g.key === key);

  armAll(false);
  const check = setInterval(() => {
    if (closed) return;
    // A folder that was deleted and made again is a new folder: watch that one.
    for (const dir of current.dirs) {
      if (watchers.has(`dir:${dir}`) && !existsSync(dir)) {
        stopTree(dir);
        report(dir);
      }
    }
    armAll(true);
  }, options.rearmMs ?? 500);
  check.unref();

  return {
    setTargets(next) {
      current = next;
      for (const key of [...watchers.keys()]) if (!wanted(key)) stop(key);
      armAll(false);
    },
    close() {
      closed = true;
      clearInterval(check);
      for (const key of [...watchers.keys()]) stop(key);
    },
  };
}

function subfolders(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => path.join(folder, d.name));
  } catch {
    return [];
  }
}

/** Files grouped by folder: one plain watch of each folder serves all its files. */
function fileGroups(files: readonly string[]): Array<{ key: string; folder: string; names: Set<string> }> {
  const byFolder = new Map<string, Set<string>>();
  for (const file of files) {
    const names = byFolder.get(path.dirname(file)) ?? new Set<string>();
    names.add(path.basename(file));
    byFolder.set(path.dirname(file), names);
  }
  return [...byFolder].map(([folder, names]) => ({ key: `files:${folder}:${[...names].sort().join('|')}`, folder, names }));
}

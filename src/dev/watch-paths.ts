import { existsSync, watch, type FSWatcher } from 'node:fs';
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

/** Names editors write next to the file being saved; not content. */
const EDITOR_NOISE = /(^|[/\\])(\.#[^/\\]*|#[^/\\]*#|[^/\\]*~|[^/\\]*\.sw[a-p]|4913|\.DS_Store)$/;

/**
 * Node's `fs.watch` with `recursive` (on Linux since Node 20: one inotify watch per file and
 * folder, set up by Node) for each folder, and a plain watch of each file's folder for the files.
 * A folder that does not exist yet, or is deleted (its watcher then closes) or replaced, is
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
  const report = (file: string) => {
    if (!closed && !EDITOR_NOISE.test(file)) onChange(file);
  };
  const arm = (key: string, dir: string, recursive: boolean, accept: (name: string) => boolean) => {
    if (watchers.has(key) || !existsSync(dir)) return false;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { recursive, persistent: true }, (_event, name) => {
        const rel = name === null ? '' : String(name);
        if (accept(rel)) report(path.join(dir, rel));
      });
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
  const armAll = (announce: boolean) => {
    for (const dir of current.dirs) {
      if (arm(`dir:${dir}`, dir, true, () => true) && announce) report(dir);
    }
    for (const group of fileGroups(current.files)) arm(group.key, group.folder, false, (name) => group.names.has(name));
  };
  const wanted = () => new Set([...current.dirs.map((d) => `dir:${d}`), ...fileGroups(current.files).map((g) => g.key)]);

  armAll(false);
  const check = setInterval(() => {
    if (closed) return;
    // A folder that was deleted and made again is a new folder: watch that one.
    for (const key of watchers.keys()) {
      if (key.startsWith('dir:') && !existsSync(key.slice(4))) {
        stop(key);
        report(key.slice(4));
      }
    }
    armAll(true);
  }, options.rearmMs ?? 500);
  check.unref();

  return {
    setTargets(next) {
      current = next;
      const keep = wanted();
      for (const key of [...watchers.keys()]) if (!keep.has(key)) stop(key);
      armAll(false);
    },
    close() {
      closed = true;
      clearInterval(check);
      for (const key of [...watchers.keys()]) stop(key);
    },
  };
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

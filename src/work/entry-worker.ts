import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../config/load-config.js';
import { resolveConfig } from '../config/resolve-config.js';
import { createEntryTasks, type EntryTasks } from './entry-tasks.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './worker-pool.js';

// A worker thread of the build: it resolves the config itself (a config may hold functions, which
// cannot be sent), then runs the entry tasks the main thread asks for.
const port = parentPort;
if (!port) throw new Error('entry-worker must run in a worker thread');
const setup = workerData as WorkerSetup;
const ready: Promise<EntryTasks> = loadConfig(setup.root, setup.config).then((loaded) =>
  createEntryTasks(resolveConfig(loaded, { ...setup.flags, now: new Date(setup.now) }, setup.root)),
);
// Keep the rejection for the first request instead of crashing the thread.
ready.catch(() => undefined);

// One request at a time, in the order they came (the main thread keeps two in flight).
let queue: Promise<unknown> = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(() => answer(request)).then((reply) => port.postMessage(reply));
});

async function answer(request: WorkerRequest): Promise<WorkerReply> {
  try {
    const tasks = await ready;
    switch (request.method) {
      case 'load':
        return { id: request.id, ok: true, value: await tasks.load(request.args) };
      case 'render':
        return { id: request.id, ok: true, value: await tasks.render(request.args) };
      case 'setLinks':
        tasks.setLinks(request.args);
        return { id: request.id, ok: true, value: undefined };
      case 'tokenize':
        return { id: request.id, ok: true, value: await tasks.tokenize(request.args) };
      case 'highlightUsed':
        return { id: request.id, ok: true, value: tasks.highlightUsed() };
    }
  } catch (error) {
    return { id: request.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

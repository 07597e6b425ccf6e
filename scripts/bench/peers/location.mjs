// Where the peers are installed: outside the repository, QUIRE_PEERS or $TMPDIR/quire-peers.
import os from 'node:os';
import path from 'node:path';

export function peersDir() {
  return path.resolve(process.env.QUIRE_PEERS ?? path.join(os.tmpdir(), 'quire-peers'));
}

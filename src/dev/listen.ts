import type { Server } from 'node:http';
import { diagnostic, QuireError } from '../diagnostics.js';

/**
 * Listen on `host:port`. A port that was not asked for (`portExplicit` false) may move up to nine
 * places when taken; port 0 is any free port. Resolves to the port listened on; a port in use or
 * an address that is not this machine's is a QuireError (PortInUse) with a hint.
 */
export async function listen(server: Server, options: { readonly host: string; readonly port: number; readonly portExplicit: boolean }): Promise<number> {
  const attempts = options.portExplicit || options.port === 0 ? 1 : 10;
  for (let i = 0; i < attempts; i++) {
    const port = options.port + i;
    const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      const onError = (e: NodeJS.ErrnoException) => resolve(e);
      server.once('error', onError);
      server.listen(port, options.host, () => {
        server.off('error', onError);
        resolve(undefined);
      });
    });
    if (!error) {
      const address = server.address();
      return typeof address === 'object' && address ? address.port : port;
    }
    if (error.code !== 'EADDRINUSE') {
      const hint = error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' ? 'use an address of this machine, e.g. --host localhost or --host 0.0.0.0' : 'try another --port or --host';
      throw new QuireError([diagnostic('PortInUse', `cannot listen on ${options.host}:${port}: ${error.message}`, {}, hint)]);
    }
  }
  const last = options.port + attempts - 1;
  throw new QuireError([
    diagnostic('PortInUse', attempts === 1 ? `port ${options.port} on ${options.host} is in use` : `ports ${options.port}–${last} on ${options.host} are all in use`, {}, 'stop the other server, or pick a port with --port N (--port 0: any free port)'),
  ]);
}

/** How the URL names the host: `localhost` for the any-address hosts, IPv6 in brackets. */
export function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

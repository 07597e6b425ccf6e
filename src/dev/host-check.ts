import { isIP } from 'node:net';

/** Host names a listening address is always reached by. */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Which `Host` headers `quire dev` answers: localhost and the loopback addresses, the address it
 * listens on (every address of this machine, `addresses`, when that is 0.0.0.0 or ::), and the
 * configured names (`.example.org`: that name and its subdomains). Any other is refused, so a page
 * of another site whose name was pointed at this machine (DNS rebinding) cannot read the drafts.
 * The port is not compared: a forwarded port (ssh -L 8080:localhost:4321) keeps working.
 */
export function hostAllowed(listenHost: string, addresses: readonly string[], configured: readonly string[]): (hostHeader: string | undefined) => boolean {
  const any = listenHost === '' || listenHost === '0.0.0.0' || listenHost === '::';
  const exact = new Set([...LOOPBACK, ...(any ? addresses : [listenHost]), ...configured.filter((name) => !name.startsWith('.'))].map(normal));
  const suffixes = configured.filter((name) => name.startsWith('.')).map((name) => normal(name.slice(1)));
  return (hostHeader) => {
    const name = hostNameOf(hostHeader);
    if (name === undefined) return false;
    return exact.has(name) || suffixes.some((suffix) => name === suffix || name.endsWith(`.${suffix}`));
  };
}

/** The host name of a `Host` header (lowercase, punycode, IPv6 in brackets, no trailing dot), or undefined when it is not one. */
function hostNameOf(header: string | undefined): string | undefined {
  if (header === undefined || header === '' || /[\s@/\\?#]/.test(header)) return undefined;
  try {
    return new URL(`http://${header}`).hostname.replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/** One spelling of a name or address, as the URL parser writes it (lowercase, punycode, IPv6 shortest and in brackets), without a trailing dot. */
function normal(name: string): string {
  const bracketed = isIP(name) === 6 ? `[${name}]` : name;
  let parsed = bracketed.toLowerCase();
  try {
    parsed = new URL(`http://${bracketed}`).hostname;
  } catch {
    // not a host name a browser would send: compared as written
  }
  return parsed.replace(/\.$/, '');
}

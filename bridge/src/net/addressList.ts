/**
 * Address allow lists (routing.allowFrom, phones.networks, limits.trustedProxies) as node:net
 * BlockLists, and the one membership test their callers share.
 */
import { BlockList, isIP } from 'node:net';

/** Allow-list entries as a BlockList; throws on an entry that is not an address or subnet (the config names its key). */
export function allowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const prefix = bits === undefined ? undefined : Number(bits);
    if (!family || extra !== undefined || (prefix !== undefined && (!/^\d{1,3}$/.test(bits!) || prefix > (family === 4 ? 32 : 128)))) {
      throw new Error(`address list entry "${entry}" is not an IP address or subnet (10.0.0.5, 10.0.0.0/24, fd00::/8)`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, prefix, type);
  }
  return list;
}

/**
 * Whether `ip` is in `list`; false for anything that is not an IP address (a socket with no
 * peer, a forged header). BlockList.check wants the family, so it is read from the address;
 * an IPv4-mapped IPv6 address (`::ffff:10.0.0.5`, a dual-stack socket's IPv4 peer) is checked
 * as the IPv4 address it carries, so IPv4 entries match it.
 */
export function inList(list: BlockList, ip: string): boolean {
  const address = unmapped(ip);
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** The IPv4 address an IPv4-mapped IPv6 address carries (`::ffff:10.0.0.5`, any case), else `ip` as it is. */
export function unmapped(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped ? mapped[1]! : ip;
}

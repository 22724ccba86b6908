/**
 * The allow-list membership test shared by the FastAGI allowFrom, phones.networks and the
 * trusted balancers of X-Forwarded-For, and the forwarded-client walk that relies on it.
 */
import type http from 'node:http';
import { allowList, inList, unmapped } from '../../../bridge/src/net/addressList';
import { forwardedClientIp } from '../../../bridge/src/http/origin';

const list = allowList(['10.0.0.0/24', '192.168.1.7', 'fd00::/8', '::1']);

describe('inList', () => {
  it('checks IPv4 addresses against IPv4 entries', () => {
    expect(inList(list, '10.0.0.200')).toBe(true);
    expect(inList(list, '192.168.1.7')).toBe(true);
    expect(inList(list, '10.0.1.1')).toBe(false);
    expect(inList(list, '192.168.1.8')).toBe(false);
  });

  it('checks IPv6 addresses against IPv6 entries', () => {
    expect(inList(list, 'fd12:3456::1')).toBe(true);
    expect(inList(list, '::1')).toBe(true);
    expect(inList(list, 'fe80::1')).toBe(false);
    expect(inList(list, '2001:db8::1')).toBe(false);
  });

  it('checks an IPv4-mapped IPv6 address (a dual-stack socket\'s IPv4 peer) as its IPv4 address', () => {
    expect(inList(list, '::ffff:10.0.0.5')).toBe(true);
    expect(inList(list, '::FFFF:192.168.1.7')).toBe(true);
    expect(inList(list, '::ffff:10.0.1.5')).toBe(false);
  });

  it('is false for anything that is not an IP address', () => {
    for (const bad of ['', 'unknown', 'localhost', '10.0.0', '10.0.0.5/24', '::ffff:999.0.0.1', ' 10.0.0.5']) {
      expect(inList(list, bad)).toBe(false);
    }
    expect(inList(allowList(['0.0.0.0/0', '::/0']), 'not-an-ip')).toBe(false);
  });
});

describe('allowList', () => {
  it('names the bad entry, whichever setting it comes from', () => {
    expect(() => allowList(['10.0.0.0/24', '10.0.0.0/33'])).toThrow('address list entry "10.0.0.0/33" is not an IP address or subnet');
    expect(() => allowList(['pbx.local'])).toThrow(/^address list entry "pbx\.local"/);
  });
});

describe('unmapped', () => {
  it('gives the IPv4 address a mapped IPv6 address carries, whatever its case, and anything else as it is', () => {
    expect(unmapped('::ffff:10.0.0.5')).toBe('10.0.0.5');
    expect(unmapped('::FFFF:10.0.0.5')).toBe('10.0.0.5');
    expect(unmapped('::ffff:abcd')).toBe('::ffff:abcd');
    expect(unmapped('fd00::1')).toBe('fd00::1');
    expect(unmapped('unknown')).toBe('unknown');
  });
});

function request(remoteAddress: string | undefined, forwardedFor?: string | string[]): http.IncomingMessage {
  return { socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as unknown as http.IncomingMessage;
}

describe('forwardedClientIp', () => {
  const balancers = allowList(['10.0.0.0/24']);

  it('takes the TCP peer when it is not a trusted balancer, whatever its header says', () => {
    expect(forwardedClientIp(request('203.0.113.9', '198.51.100.1'), balancers)).toBe('203.0.113.9');
    expect(forwardedClientIp(request('::ffff:203.0.113.9', '198.51.100.1'), balancers)).toBe('203.0.113.9');
    // Logged and counted per address: an upper-case mapped peer is the same client.
    expect(forwardedClientIp(request('::FFFF:203.0.113.9'), balancers)).toBe('203.0.113.9');
  });

  it('walks X-Forwarded-For from the nearest hop past trusted balancers, a mapped peer included', () => {
    expect(forwardedClientIp(request('10.0.0.1', '1.1.1.1, 198.51.100.1, 10.0.0.2'), balancers)).toBe('198.51.100.1');
    expect(forwardedClientIp(request('::ffff:10.0.0.1', ['1.1.1.1', '::ffff:198.51.100.1']), balancers)).toBe('198.51.100.1');
  });

  it('stops at the last trusted hop when the next one is not an IP address', () => {
    expect(forwardedClientIp(request('10.0.0.1', '198.51.100.1, forged, 10.0.0.2'), balancers)).toBe('10.0.0.2');
    expect(forwardedClientIp(request('10.0.0.1'), balancers)).toBe('10.0.0.1');
  });
});

/** Request sequences written from a provider's documentation, and how to send them (not a test file). */
import http from 'node:http';

export interface Sent {
  status: number;
  body: Record<string, unknown>;
}

/** A raw POST (node:http, so a test can send what fetch would not: no length, any header). */
export function post(url: string, body: string | Buffer, headers: Record<string, string> = {}, method = 'POST'): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: Record<string, unknown> = {};
        try {
          parsed = JSON.parse(text) as Record<string, unknown>;
        } catch {
          parsed = { text };
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The Zammad generic CTI event set (docs.zammad.org, API > Generic CTI: newCall, answer,
 * hangup), as a PBX sends it for the three calls the Asterisk recordings hold:
 * ringgroup_answered.ami (0612345678 calls group 600, 7001 and 7002 ring, 7002 answers),
 * outbound.ami (7001 calls 0123456789, answered), and a call to 7002 the caller gives up on.
 * Numbers as the PBX writes them: international digits without + (`33612345678`).
 */
export const GENERIC_SEQUENCES = {
  inboundAnswered: [
    { event: 'newCall', direction: 'in', from: '33612345678', to: '600', callId: 'zc-in-1', user: ['Alice Martin', 'Bruno Petit'] },
    { event: 'answer', direction: 'in', from: '33612345678', to: '600', callId: 'zc-in-1', user: 'Bruno Petit' },
    { event: 'hangup', direction: 'in', from: '33612345678', to: '600', callId: 'zc-in-1', cause: 'normalClearing' },
  ],
  outboundAnswered: [
    { event: 'newCall', direction: 'out', from: '7001', to: '33123456789', callId: 'zc-out-1', user: ['Alice Martin'] },
    { event: 'answer', direction: 'out', from: '7001', to: '33123456789', callId: 'zc-out-1', user: 'Alice Martin' },
    { event: 'hangup', direction: 'out', from: '7001', to: '33123456789', callId: 'zc-out-1', cause: 'normalClearing' },
  ],
  inboundMissed: [
    { event: 'newCall', direction: 'in', from: '33612345678', to: '7002', callId: 'zc-in-2', user: ['Bruno Petit'] },
    { event: 'hangup', direction: 'in', from: '33612345678', to: '7002', callId: 'zc-in-2', cause: 'cancel' },
  ],
};

/**
 * sipgate.io push API (developer.sipgate.io, Push API reference): the same three calls as
 * form-encoded newCall / answer / hangup, users by name and id (w0 Alice, w1 Bruno), numbers as
 * international digits. The answer names who took it (user, userId, fullUserId).
 */
export const SIPGATE_SEQUENCES: Record<string, string[]> = {
  inboundAnswered: [
    'event=newCall&direction=in&from=33612345678&to=600&callId=sg-in-1&origCallId=sg-in-1&user%5B%5D=Alice+Martin&user%5B%5D=Bruno+Petit&userId%5B%5D=w0&userId%5B%5D=w1&fullUserId%5B%5D=1234567w0&fullUserId%5B%5D=1234567w1&xcid=abc',
    'event=answer&direction=in&from=33612345678&to=600&callId=sg-in-1&user=Bruno+Petit&userId=w1&fullUserId=1234567w1&answeringNumber=4921100000001',
    'event=hangup&direction=in&from=33612345678&to=600&callId=sg-in-1&cause=normalClearing&answeringNumber=4921100000001',
  ],
  outboundAnswered: [
    'event=newCall&direction=out&from=4921100000000&to=33123456789&callId=sg-out-1&user%5B%5D=Alice+Martin&userId%5B%5D=w0&fullUserId%5B%5D=1234567w0',
    'event=answer&direction=out&from=4921100000000&to=33123456789&callId=sg-out-1&user=Alice+Martin&userId=w0&fullUserId=1234567w0',
    'event=hangup&direction=out&from=4921100000000&to=33123456789&callId=sg-out-1&cause=normalClearing',
  ],
  inboundMissed: [
    'event=newCall&direction=in&from=33612345678&to=7002&callId=sg-in-2&user%5B%5D=Bruno+Petit&userId%5B%5D=w1&fullUserId%5B%5D=1234567w1',
    'event=dtmf&callId=sg-in-2&dtmf=1&originalCallId=sg-in-2',
    'event=hangup&direction=in&from=33612345678&to=7002&callId=sg-in-2&cause=cancel',
  ],
};

/**
 * placetel Notify API (github.com/Placetel/call-control-notify-api): IncomingCall, OutgoingCall,
 * CallAccepted (peer: the SIP user who answered), HungUp (type), form-encoded, numbers national,
 * call ids sha256 in hex. No CallAccepted for outgoing calls: HungUp type=accepted says it was talked.
 */
const PT_IN = 'f4591ba315d81671d7a06c2a3b4f963dafd119de39cb26edd8a6476676b2f447';
const PT_OUT = '4a4cbb39578170aed9a2761a7bec8c7e704a541f52291ef603d6f5f152980c3c';
const PT_MISSED = '0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c';
export const PLACETEL_SEQUENCES: Record<string, string[]> = {
  inboundAnswered: [
    `call_id=${PT_IN}&event=IncomingCall&from=0612345678&to=600`,
    `call_id=${PT_IN}&event=CallAccepted&from=0612345678&to=600&peer=7777bruno%40fpbx.de`,
    `call_id=${PT_IN}&event=HungUp&from=0612345678&to=600&type=accepted`,
  ],
  outboundAnswered: [
    `call_id=${PT_OUT}&event=OutgoingCall&from=022129191999&to=0123456789&peer=7777alice%40fpbx.de`,
    `call_id=${PT_OUT}&event=HungUp&from=022129191999&to=0123456789&type=accepted`,
  ],
  inboundMissed: [`call_id=${PT_MISSED}&event=IncomingCall&from=0612345678&to=7002`, `call_id=${PT_MISSED}&event=HungUp&from=0612345678&to=7002&type=canceled`],
};

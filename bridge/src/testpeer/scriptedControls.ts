/**
 * What the bar's call controls do to a scripted call on the test peer, with the events Asterisk
 * 22 sends for them (../shared/asterisk/captures):
 *
 * - Redirect: each redirected channel leaves its bridge and runs the dialplan it was sent to; a
 *   hold destination plays music on hold (redirect_hold.ami). A party left alone in a two-party
 *   bridge hangs up, as the recorded agent did.
 * - Bridge: the two channels leave their applications (music on hold stops) and share a new bridge.
 * - Atxfer: the transferer holds its bridge (Hold, music on hold to the other party), a Local pair
 *   dials the target and the transferer moves into the consultation bridge (attended_transfer.ami).
 *   The target answering joins the Local pair's far half; the transferer hanging up merges the
 *   consultation into the held party's bridge (AttendedTransfer Success, DestType Bridge).
 * - CancelAtxfer (or the consulted leg hanging up): the consulted leg goes, the transferer is moved
 *   back and taken off hold (bridge_basic.c, TRANSFER_REBRIDGE; AttendedTransfer Result Fail).
 */
import { randomUUID } from 'node:crypto';
import type { AmiMessage } from '../ami/message';
import { bridgeEvent, channelEvent, dialEvent, snapshot, type Pairs, type PeerChannel } from './builders';
import { newSuffix, type ChannelTable } from './channelTable';

interface Consult {
  transferer: string;
  transferee: string;
  origBridge: string;
  consultBridge: string;
  local1: string;
  local2: string;
  target: string;
  targetBridge: string | undefined;
}

/** Where a Redirect lands plays music on hold: the recorded PBX's `hold` exten, or the bridge's hold contexts. */
const HOLD_DESTINATION = /(^|-)hold($|-)/i;
const EXTENSION = /^\d{2,6}$/;

export class ScriptedControls {
  /** Consultations going on, by the transferer's Uniqueid. */
  private readonly consults = new Map<string, Consult>();
  /** Channels hearing music on hold (sent to a hold destination). */
  private readonly onHold = new Set<string>();

  constructor(
    private readonly table: ChannelTable,
    private readonly send: (fields: Pairs) => void,
  ) {}

  // ------------------------------------------------------------------ hold by Redirect, Bridge

  redirect(m: AmiMessage, ok: (p?: Pairs) => void, error: (msg: string) => void): void {
    const first = this.table.find(m.get('channel') ?? '');
    if (!first) return error('Channel specified does not exist');
    const extraName = m.get('extrachannel');
    const extra = extraName ? this.table.find(extraName) : undefined;
    if (extraName && !extra) return error('Channel specified does not exist');
    ok([['Message', 'Redirect successful']]);
    const moves: Array<[PeerChannel, string, string]> = [[first, m.get('context') ?? first.context, m.get('exten') ?? 's']];
    if (extra) moves.push([extra, m.get('extracontext') ?? m.get('context') ?? extra.context, m.get('extraexten') ?? m.get('exten') ?? 's']);
    const moving = new Set(moves.map(([ch]) => ch.uniqueid));
    const abandoned: PeerChannel[] = [];
    for (const [ch, context, exten] of moves) {
      const bridge = ch.bridgeId;
      if (bridge) {
        const rest = this.table.values().filter((c) => c.bridgeId === bridge && c.uniqueid !== ch.uniqueid);
        this.leave(ch);
        if (rest.length === 1 && !moving.has(rest[0]!.uniqueid)) abandoned.push(rest[0]!);
      }
      const hold = HOLD_DESTINATION.test(context) || HOLD_DESTINATION.test(exten);
      Object.assign(ch, { context, exten, priority: 1, application: hold ? 'MusicOnHold' : 'NoOp', appData: hold ? 'default' : '' });
      this.send(channelEvent('Newexten', ch, [['Extension', exten], ['Application', ch.application], ['AppData', ch.appData]]));
      if (hold) {
        this.onHold.add(ch.uniqueid);
        this.send(channelEvent('MusicOnHoldStart', ch, [['Class', 'default']]));
      }
    }
    // Alone in its bridge, the other party's Dial() returns and its dialplan hangs it up.
    for (const ch of abandoned) if (ch.bridgeId) this.table.hangupChannel(ch, 16);
  }

  bridge(m: AmiMessage, ok: (p?: Pairs) => void, error: (msg: string) => void): void {
    const a = this.table.find(m.get('channel1') ?? '');
    const b = this.table.find(m.get('channel2') ?? '');
    if (!a || !b) return error('Channel does not exist');
    ok([['Message', 'Channels have been bridged']]);
    for (const ch of [a, b]) {
      if (ch.bridgeId) this.leave(ch);
      this.stopMoh(ch);
    }
    const id = randomUUID();
    this.send(bridgeCreate(id));
    this.enter(a, id, 1);
    this.enter(b, id, 2);
  }

  // ------------------------------------------------------------------ attended transfer

  atxfer(m: AmiMessage, ok: (p?: Pairs) => void, error: (msg: string) => void): void {
    const transferer = this.table.find(m.get('channel') ?? '');
    const exten = m.get('exten') ?? '';
    const context = m.get('context') || 'from-internal';
    if (!transferer) return error('Channel specified does not exist');
    if (!exten) return error('No extension specified');
    ok([['Message', 'Atxfer successfully queued']]);
    const origBridge = transferer.bridgeId;
    const transferee = origBridge ? this.table.values().find((c) => c.bridgeId === origBridge && c.uniqueid !== transferer.uniqueid) : undefined;
    // The feature code reaches a channel outside any conversation: nothing to transfer.
    if (!origBridge || !transferee) return;
    this.send(channelEvent('Hold', transferer));
    this.onHold.add(transferee.uniqueid);
    this.send(channelEvent('MusicOnHoldStart', transferee, [['Class', 'default']]));
    const base = `Local/${exten}@${context}-${newSuffix().slice(-8)}`;
    const local1 = this.table.newChannel({ name: `${base};1`, linkedid: transferer.linkedid, state: 0, context, exten });
    const local2 = this.table.newChannel({ name: `${base};2`, linkedid: transferer.linkedid, state: 4, callerNum: transferer.callerNum, context, exten });
    const consultBridge = randomUUID();
    this.send(bridgeCreate(consultBridge));
    this.enter(local1, consultBridge, 1);
    this.leave(transferer);
    this.enter(transferer, consultBridge, 2);
    const target = this.table.newChannel({
      name: EXTENSION.test(exten) ? `PJSIP/${exten}-${newSuffix()}` : `PJSIP/trunk-${newSuffix()}`,
      linkedid: transferer.linkedid,
      state: 0,
      callerNum: exten,
      connectedNum: transferer.callerNum,
      context,
      exten,
    });
    this.send(dialEvent('DialBegin', local2, target, [['DialString', exten]]));
    this.table.setState(target, 5);
    this.table.setState(local1, 5);
    this.send(dialEvent('DialState', local2, target, [['DialStatus', 'RINGING']]));
    this.consults.set(transferer.uniqueid, {
      transferer: transferer.uniqueid,
      transferee: transferee.uniqueid,
      origBridge,
      consultBridge,
      local1: local1.uniqueid,
      local2: local2.uniqueid,
      target: target.uniqueid,
      targetBridge: undefined,
    });
  }

  /** The consulted party answers (the demo's Answer on a call whose transfer target rings). True when there was one. */
  answerConsult(callId: string, byExtension?: string): boolean {
    for (const c of this.consults.values()) {
      const target = this.table.get(c.target);
      const local2 = this.table.get(c.local2);
      const local1 = this.table.get(c.local1);
      if (!target || !local2 || !local1 || target.linkedid !== callId || c.targetBridge) continue;
      if (byExtension !== undefined && target.callerNum !== byExtension) continue;
      this.table.setState(target, 6);
      this.send(dialEvent('DialEnd', local2, target, [['DialStatus', 'ANSWER']]));
      this.table.setState(local2, 6);
      c.targetBridge = randomUUID();
      this.send(bridgeCreate(c.targetBridge));
      this.enter(target, c.targetBridge, 1);
      this.table.setState(local1, 6);
      this.enter(local2, c.targetBridge, 2);
      return true;
    }
    return false;
  }

  cancelAtxfer(m: AmiMessage, ok: (p?: Pairs) => void, error: (msg: string) => void): void {
    const transferer = this.table.find(m.get('channel') ?? '');
    if (!transferer) return error('Channel specified does not exist');
    ok([['Message', 'CancelAtxfer successfully queued']]);
    const c = this.consults.get(transferer.uniqueid);
    if (c) this.rebridge(c);
  }

  /**
   * A Hangup action on a channel of a consultation: the transferer completes the transfer, the
   * consulted leg cancels it. True when handled here.
   */
  hangup(ch: PeerChannel): boolean {
    const asTransferer = this.consults.get(ch.uniqueid);
    if (asTransferer) {
      this.complete(asTransferer);
      return true;
    }
    for (const c of this.consults.values()) {
      if (ch.uniqueid === c.local1 || ch.uniqueid === c.local2 || ch.uniqueid === c.target) {
        this.rebridge(c);
        return true;
      }
    }
    return false;
  }

  /** A channel hung up (whatever did it): forget what it was part of. */
  channelGone(uid: string): void {
    this.onHold.delete(uid);
    for (const [k, c] of this.consults) if (c.transferer === uid || c.transferee === uid) this.consults.delete(k);
  }

  private complete(c: Consult): void {
    const transferer = this.table.get(c.transferer);
    const transferee = this.table.get(c.transferee);
    const local1 = this.table.get(c.local1);
    this.consults.delete(c.transferer);
    if (!transferer) return;
    this.send(channelEvent('HangupRequest', transferer, [['Cause', '16']]));
    if (transferer.bridgeId) this.leave(transferer);
    if (local1?.bridgeId) {
      // BridgeMerge of the consultation bridge into the held party's.
      this.leave(local1);
      this.enter(local1, c.origBridge, 2);
    }
    if (transferee) this.stopMoh(transferee);
    if (transferee && local1) {
      this.send([
        ['Event', 'AttendedTransfer'],
        ['Privilege', 'call,all'],
        ['Result', 'Success'],
        ...snapshot(transferer, 'OrigTransferer'),
        ['OrigBridgeUniqueid', c.origBridge],
        ...snapshot(transferer, 'SecondTransferer'),
        ['SecondBridgeUniqueid', c.consultBridge],
        ...snapshot(transferee, 'Transferee'),
        ...snapshot(local1, 'TransferTarget'),
        ['IsExternal', 'No'],
        ['DestType', 'Bridge'],
        ['DestBridgeUniqueid', c.origBridge],
      ]);
    }
    this.table.hangupChannel(transferer, 16);
  }

  private rebridge(c: Consult): void {
    const transferer = this.table.get(c.transferer);
    const transferee = this.table.get(c.transferee);
    this.consults.delete(c.transferer);
    const local2 = this.table.get(c.local2);
    const target = this.table.get(c.target);
    if (local2 && target && !c.targetBridge) this.send(dialEvent('DialEnd', local2, target, [['DialStatus', 'CANCEL']]));
    for (const uid of [c.target, c.local2, c.local1]) {
      const ch = this.table.get(uid);
      if (ch) this.table.hangupChannel(ch, 16);
    }
    if (!transferer) return;
    if (transferer.bridgeId) this.leave(transferer);
    if (transferee?.bridgeId === c.origBridge) this.enter(transferer, c.origBridge, 2);
    this.send(channelEvent('Unhold', transferer));
    if (transferee) {
      this.stopMoh(transferee);
      this.send([
        ['Event', 'AttendedTransfer'],
        ['Privilege', 'call,all'],
        ['Result', 'Fail'],
        ...snapshot(transferer, 'OrigTransferer'),
        ['OrigBridgeUniqueid', c.origBridge],
        ...snapshot(transferee, 'Transferee'),
        ['IsExternal', 'No'],
        ['DestType', 'Fail'],
      ]);
    }
  }

  // ------------------------------------------------------------------ helpers

  private stopMoh(ch: PeerChannel): void {
    if (this.onHold.delete(ch.uniqueid)) this.send(channelEvent('MusicOnHoldStop', ch));
  }

  private leave(ch: PeerChannel): void {
    const id = ch.bridgeId;
    if (!id) return;
    const left = this.table.values().filter((c) => c.bridgeId === id).length - 1;
    this.send(bridgeEvent('BridgeLeave', id, left, ch));
  }

  private enter(ch: PeerChannel, bridge: string, members: number): void {
    this.send(bridgeEvent('BridgeEnter', bridge, members, ch));
  }
}

function bridgeCreate(id: string): Pairs {
  return [
    ['Event', 'BridgeCreate'],
    ['Privilege', 'call,all'],
    ['BridgeUniqueid', id],
    ['BridgeType', 'basic'],
    ['BridgeTechnology', 'simple_bridge'],
    ['BridgeCreator', '<unknown>'],
    ['BridgeName', '<unknown>'],
    ['BridgeNumChannels', '0'],
    ['BridgeVideoSourceMode', 'none'],
  ];
}

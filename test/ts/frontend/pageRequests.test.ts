import type { SdpRequestMsg } from '../../../bridge/src/protocol/messages';
import { PageRequests } from '../../../frontend-ts/src/session/softphone/pageRequests';

describe('PageRequests: the media work a call asks of the page hosting it', () => {
  const sent: Array<[string, SdpRequestMsg]> = [];
  const requests = () => new PageRequests((pageId, msg) => sent.push([pageId, msg]));
  beforeEach(() => {
    sent.length = 0;
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  it('resolves a request with the answer of the page it went to, and ignores another page answering it', async () => {
    const r = requests();
    const answer = r.request('page-a', { op: 'local', callId: 'c1', hold: false, muted: false });
    const [pageId, msg] = sent[0]!;
    expect(pageId).toBe('page-a');
    expect(msg).toMatchObject({ type: 'sdp.request', op: 'local', callId: 'c1' });
    let settled = false;
    void answer.then(() => (settled = true));
    r.answer({ type: 'sdp.result', requestId: msg.requestId, pageId: 'page-b', ok: true, sdp: 'forged' });
    await Promise.resolve();
    expect(settled).toBe(false);
    r.answer({ type: 'sdp.result', requestId: msg.requestId, pageId: 'page-a', ok: true, sdp: 'v=0' });
    await expect(answer).resolves.toMatchObject({ sdp: 'v=0' });
  });

  it('fails what a page owed when that page goes away, and leaves the other pages\' requests', async () => {
    const r = requests();
    const gone = r.request('page-a', { op: 'remote', callId: 'c1', sdp: 'v=0' });
    const kept = r.request('page-b', { op: 'remote', callId: 'c2', sdp: 'v=0' });
    r.dropPages(['page-a']);
    await expect(gone).rejects.toThrow('went away');
    r.answer({ type: 'sdp.result', requestId: sent[1]![1].requestId, pageId: 'page-b', ok: true });
    await expect(kept).resolves.toMatchObject({ ok: true });
  });

  it('fails a request the page never answers, after its timeout', async () => {
    const r = requests();
    const silent = r.request('page-a', { op: 'rollback', callId: 'c1' });
    jest.advanceTimersByTime(20_000);
    await expect(silent).rejects.toThrow('did not answer rollback in time');
  });

  it('posts fire-and-forget work with fresh request ids', () => {
    const r = requests();
    const a = r.post('page-a', { op: 'close', callId: 'c1' });
    const b = r.post('page-a', { op: 'dtmf', callId: 'c1', tones: '1#' });
    expect(a).not.toBe(b);
    expect(sent.map(([, m]) => m.op)).toEqual(['close', 'dtmf']);
  });
});

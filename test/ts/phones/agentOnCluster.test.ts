/**
 * A desk phone's Outcome and Call back keys behind a load balancer (issue 18): the phone's request
 * may reach an instance the agent is not connected to. The keys then act for the agent connected
 * on another instance, from the session Redis holds, with this instance's live calls.
 */
import { agentOn } from '../../../bridge/src/phones/actions';
import type { BridgeServer } from '../../../bridge/src/server';
import type { AgentSession } from '../../../bridge/src/agents/sessionStore';
import type { AgentState } from '../../../bridge/src/cluster/agentStateStore';
import type { TeamMember } from '../../../bridge/src/agents/colleagues';
import { callFixture } from '../helpers/callFixture';

const identity = { userId: 7, name: 'Alice Martin', extension: '7001', permissions: ['dial'], tokenId: 1, expiresAt: 2_000_000_000 };
const ended = callFixture({ id: 'c-ended', state: 'ended' });
const live = callFixture({ id: 'c-live', state: 'answered' });

function session(sockets: number): AgentSession {
  return { identity, status: 'available', sockets: new Set(Array.from({ length: sockets }, (_, i) => `s${i}`)), calls: new Map(), recent: [], recentSeenAt: null, leftAt: sockets ? null : 1 };
}

function bridgeWith(o: { local?: AgentSession[]; team?: TeamMember[]; shared?: AgentState | null; cluster?: boolean }): { bridge: BridgeServer; asked: number[] } {
  const asked: number[] = [];
  const bridge = {
    sessions: { byExtensions: () => o.local ?? [] },
    team: () => o.team ?? [],
    cluster:
      o.cluster === false
        ? undefined
        : {
            load: async (user: number) => {
              asked.push(user);
              return o.shared ?? null;
            },
          },
  } as unknown as BridgeServer;
  return { bridge, asked };
}

const sharedState: AgentState = { identity, status: 'busy', calls: [], recent: [ended], recentSeenAt: null, leftAt: null };
const online: TeamMember = { userId: 7, name: 'Alice Martin', extension: '7001', status: 'busy', online: true };

describe('the agent a desk phone key acts for', () => {
  test('an agent connected here is used as is, Redis not asked', async () => {
    const here = session(1);
    const { bridge, asked } = bridgeWith({ local: [here], team: [online], shared: sharedState });
    expect(await agentOn({ bridge, liveCalls: () => [] }, '7001')).toBe(here);
    expect(asked).toEqual([]);
  });

  test('an agent connected on another instance: their shared session, with the live calls this instance sees', async () => {
    const { bridge, asked } = bridgeWith({ team: [online], shared: sharedState });
    const agent = await agentOn({ bridge, liveCalls: (ext) => (ext === '7001' ? [live] : []) }, '7001');
    expect(asked).toEqual([7]);
    expect(agent?.identity).toEqual(identity);
    expect(agent?.recent.map((c) => c.id)).toEqual(['c-ended']);
    expect([...(agent?.calls.keys() ?? [])]).toEqual(['c-live']);
  });

  test('elsewhere beats a session here whose browser left', async () => {
    const left = session(0);
    const { bridge } = bridgeWith({ local: [left], team: [online], shared: sharedState });
    expect((await agentOn({ bridge, liveCalls: () => [] }, '7001'))?.recent.map((c) => c.id)).toEqual(['c-ended']);
  });

  test('Redis not answering, or nobody online elsewhere: the session here within its grace, else nobody', async () => {
    const left = session(0);
    expect(await agentOn({ bridge: bridgeWith({ local: [left], team: [online] }).bridge, liveCalls: () => [] }, '7001')).toBe(left);
    expect(await agentOn({ bridge: bridgeWith({ team: [{ ...online, online: false }], shared: sharedState }).bridge, liveCalls: () => [] }, '7001')).toBeUndefined();
    expect(await agentOn({ bridge: bridgeWith({ team: [online], shared: sharedState, cluster: false }).bridge, liveCalls: () => [] }, '7001')).toBeUndefined();
  });
});

import { displayNumber } from '../../../bridge/src/phone/display';
import { CallPeople } from '../../../bridge/src/phone/people';
import type { Call } from '../../../bridge/src/protocol/messages';

const call = (over: Partial<Call>): Call => ({
  id: 'c1',
  direction: 'inbound',
  state: 'answered',
  from: '+33612345678',
  to: '7001',
  rung: ['7001', '7002'],
  answeredBy: '7002',
  startedAt: '2026-11-30T10:00:00.000Z',
  answeredAt: '2026-11-30T10:00:03.000Z',
  endedAt: null,
  disposition: null,
  ...over,
});

describe('numbers in the national format', () => {
  test.each([
    ['+33612345678', 'FR', '06 12 34 56 78'],
    ['0612345678', 'FR', '06 12 34 56 78'],
    ['+12122293326', 'FR', '+1 212 229 3326'],
    ['+12122293326', 'US', '(212) 229-3326'],
    ['+442079460018', 'GB', '020 7946 0018'],
    ['+4930901820', 'FR', '+49 30 901820'],
  ])('%s in %s reads %s', (raw, region, shown) => {
    expect(displayNumber(raw, region)).toBe(shown);
  });

  test.each(['7002', '<unknown>', 'anonymous', '', '+336', '+33612345678\r\n', '12345678901234567890123'])('%j has no display form', (raw) => {
    expect(displayNumber(raw, 'FR')).toBeNull();
  });
});

describe('CallPeople: names and display numbers on the calls an agent gets', () => {
  test('colleagues are named from their tokens; the outside number gets its national form', () => {
    const p = new CallPeople('FR');
    p.noteAgent('7002', 'Bruno Petit');
    p.noteAgent('7001', 'Alice Martin');
    const shown = p.decorate(call({}), 1);
    expect(shown.names).toEqual({ '7001': 'Alice Martin', '7002': 'Bruno Petit' });
    expect(shown.display).toEqual({ '+33612345678': '06 12 34 56 78' });
  });

  test("the caller's name is this agent's only, and their latest word wins", () => {
    const p = new CallPeople('FR');
    expect(p.setCaller(1, 'c1', 'Camille Durand')).toBe(true);
    expect(p.setCaller(1, 'c1', 'Camille Durand')).toBe(false);
    expect(p.decorate(call({}), 1).names).toEqual({ '+33612345678': 'Camille Durand' });
    expect(p.decorate(call({}), 2).names).toBeUndefined();
    // A call kept with its name at call time keeps it; the agent choosing someone else replaces it.
    const kept = p.decorate(call({}), 1);
    expect(new CallPeople('FR').decorate(kept, 1).names).toEqual({ '+33612345678': 'Camille Durand' });
    p.setCaller(1, 'c1', 'Marc Durand');
    expect(p.decorate(kept, 1).names).toEqual({ '+33612345678': 'Marc Durand' });
  });

  test('an internal call names the colleague on the other end and has no display numbers', () => {
    const p = new CallPeople('FR');
    p.noteAgent('7002', 'Bruno Petit');
    const shown = p.decorate(call({ direction: 'internal', from: '7001', to: '7002', rung: ['7002'], answeredBy: null }), 1);
    expect(shown.names).toEqual({ '7002': 'Bruno Petit' });
    expect(shown.display).toBeUndefined();
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Call, ViewState } from '../../../bridge/src/protocol/messages';
import { callFixture } from '../helpers/callFixture';
import { presentCalls, presentRecent } from '../../../frontend-ts/src/page/bar/model';
import { dialIntent, pageDialRules, refusalSentence, searchable } from '../../../frontend-ts/src/page/bar/dialRules';
import { duration, when } from '../../../frontend-ts/src/page/bar/when';
import { makePlural, languageTag } from '../../../frontend-ts/src/page/plural';
import { makeTranslator } from '../../../frontend-ts/src/page/strings';

/** People, not numbers (issue 13, point 6), and what the dial box does with an entry (point 4). */
const fr = makeTranslator(Object.fromEntries((parse(readFileSync(path.resolve(__dirname, '../../../app/code/Bandeau/Cti/i18n/fr_FR.csv')), { relax_column_count: true }) as string[][]).map((r) => [r[0], r[1]])));
const en = makeTranslator(undefined);

const call = (over: Partial<Call>): Call =>
  callFixture({ state: 'answered', answeredBy: '7001', startedAt: '2026-11-30T10:00:00.000Z', answeredAt: '2026-11-30T10:00:03.000Z', ...over });

const view = (over: Partial<ViewState>): ViewState => ({
  connection: 'connected',
  problem: null,
  agent: { userId: 1, name: 'Alice Martin', extension: '7001', permissions: [], status: 'available' },
  calls: [],
  recent: [],
  recentSeenAt: null,
  lookups: {},
  pages: 1,
  connectionsOpened: 1,
  host: 'shared-worker',
  sessionAgeMs: 0,
  ...over,
});

describe('plurals by the language rules', () => {
  test.each([
    ['en_US', 0, '0 missed calls'],
    ['en_US', 1, '1 missed call'],
    ['en_US', 2, '2 missed calls'],
  ])('%s %d -> %s', (locale, n, text) => {
    expect(makePlural(en, locale)(n, '%1 missed call', '%1 missed calls')).toBe(text);
  });

  test.each([
    [0, '0 appel manqué'],
    [1, '1 appel manqué'],
    [2, '2 appels manqués'],
    [1_000_000, '1000000 appels manqués'],
  ])('fr_FR %d -> %s', (n, text) => {
    expect(makePlural(fr, 'fr_FR')(n, '%1 missed call', '%1 missed calls')).toBe(text);
  });

  it('the open cart counts its items ("1 item", not "1 items"), the total after', () => {
    const lookups = { '+33612345678': { status: 'done' as const, result: { phone: '+33612345678', customers: [{ customerId: 2, name: 'Camille Durand', openCart: { items: 1, total: '€149.00' } }] } } };
    expect(presentCalls(view({ calls: [call({})], lookups }), en, { tn: makePlural(en, 'en_US') })[0]!.cards[0]!.openCart).toBe('Open cart: 1 item, €149.00');
    const two = { '+33612345678': { status: 'done' as const, result: { phone: '+33612345678', customers: [{ customerId: 2, name: 'Camille Durand', openCart: { items: 2, total: '€149.00' } }] } } };
    expect(presentCalls(view({ calls: [call({})], lookups: two }), fr, { tn: makePlural(fr, 'fr_FR') })[0]!.cards[0]!.openCart).toBe('Panier en cours : 2 articles, €149.00');
  });

  it('a locale Intl does not know falls back to English rules', () => {
    expect(languageTag('xx_!!')).toBeUndefined();
    expect(makePlural(en, 'not a locale')(1, '%1 missed call', '%1 missed calls')).toBe('1 missed call');
  });
});

describe('names and national numbers in the calls', () => {
  it('an unknown caller is their number in the national format; a known one their name', () => {
    const shown = call({ display: { '+33612345678': '06 12 34 56 78' } });
    expect(presentCalls(view({ calls: [shown] }), en)[0]!.label).toBe('Inbound call from 06 12 34 56 78');
    const lookups = { '+33612345678': { status: 'done' as const, result: { phone: '+33612345678', customers: [{ customerId: 2, name: 'Camille Durand' }] } } };
    expect(presentCalls(view({ calls: [shown], lookups }), en)[0]).toMatchObject({ label: 'Inbound call from Camille Durand', who: 'Camille Durand' });
    // Several customers share the number: the one the agent chose names the call.
    const two = { '+33612345678': { status: 'done' as const, result: { phone: '+33612345678', customers: [{ customerId: 2, name: 'Camille Durand' }, { customerId: 5, name: 'Marc Durand' }] } } };
    expect(presentCalls(view({ calls: [shown], lookups: two }), en)[0]!.who).toBe('06 12 34 56 78');
    expect(presentCalls(view({ calls: [shown], lookups: two }), en, { chosen: { c1: 5 } })[0]!.who).toBe('Marc Durand');
  });

  it('"Answered by Bruno Petit" and "Internal call with Bruno Petit", not extensions', () => {
    const names = { '7002': 'Bruno Petit', '7001': 'Alice Martin' };
    const taken = call({ rung: ['7001', '7002'], answeredBy: '7002', names });
    expect(presentCalls(view({ calls: [taken] }), en)[0]!.stateLabel).toBe('Answered by Bruno Petit');
    expect(presentCalls(view({ calls: [taken] }), fr)[0]!.stateLabel).toBe('Répondu par Bruno Petit');
    const internal = call({ direction: 'internal', from: '7001', to: '7002', names });
    expect(presentCalls(view({ calls: [internal] }), en)[0]!.label).toBe('Internal call with Bruno Petit');
    // Without a name the extension still says who.
    expect(presentCalls(view({ calls: [call({ direction: 'internal', from: '7003', to: '7001' })] }), en)[0]!.label).toBe('Internal call with 7003');
  });
});

describe('recent calls: who, when, how long, which way', () => {
  const now = new Date(2026, 10, 30, 15, 0).getTime();
  const at = (d: number, h: number, m: number) => new Date(2026, 10, 30 - d, h, m).toISOString();

  it('keeps the name the call carries (a new browser session has no lookups), with the number beside it', () => {
    const ended = call({ state: 'ended', startedAt: at(0, 14, 5), answeredAt: at(0, 14, 5), endedAt: new Date(Date.parse(at(0, 14, 5)) + 125_000).toISOString(), disposition: 'answered', names: { '+33612345678': 'Camille Durand' }, display: { '+33612345678': '06 12 34 56 78' } });
    const [r] = presentRecent(view({ recent: [ended] }), en, { now, locale: 'en_US' });
    expect(r).toMatchObject({ who: 'Camille Durand', numberShown: '06 12 34 56 78', meta: '06 12 34 56 78 · Answered', duration: '2:05', direction: 'inbound', icon: 'inbound', directionLabel: 'Incoming call', missed: false, number: '+33612345678' });
    expect(r!.time).toBe('2:05 PM');
  });

  it('a missed call says so, has no duration and is marked for the filter; an internal one calls the colleague back', () => {
    const missed = call({ id: 'm', state: 'ended', answeredBy: null, answeredAt: null, startedAt: at(1, 9, 12), endedAt: at(1, 9, 13), disposition: 'missed' });
    const internal = call({ id: 'i', direction: 'internal', from: '7001', to: '7002', state: 'ended', startedAt: at(3, 11, 0), answeredAt: at(3, 11, 0), endedAt: at(3, 11, 2), disposition: 'answered', names: { '7002': 'Bruno Petit' } });
    const [m, i] = presentRecent(view({ recent: [missed, internal] }), fr, { now, locale: 'fr_FR' });
    expect(m).toMatchObject({ missed: true, icon: 'missed', directionLabel: 'Appel manqué', duration: '', outcome: 'Manqué', who: '+33612345678' });
    expect(m!.time).toBe('Hier 09:12');
    expect(i).toMatchObject({ who: 'Bruno Petit', number: '7002', icon: 'transfer', directionLabel: 'Appel interne', duration: '2:00' });
  });

  it('dates: today the time, yesterday, the weekday this week, else the date; durations h:mm:ss', () => {
    expect(when(at(0, 14, 5), now, 'en_US').short).toBe('2:05 PM');
    expect(when(at(0, 14, 5), now, 'fr_FR').short).toBe('14:05');
    expect(when(at(1, 9, 12), now, 'en_US').short).toBe('Yesterday 9:12 AM');
    expect(when(at(3, 9, 12), now, 'fr_FR').short).toBe('ven. 09:12');
    expect(when(at(20, 9, 12), now, 'en_US').short).toBe('Nov 10 9:12 AM');
    expect(when(at(20, 9, 12), now, 'fr_FR').short).toBe('10 nov. 09:12');
    expect(when('nonsense', now, 'en_US')).toEqual({ short: '', full: '' });
    expect(duration('2026-11-30T10:00:00Z', '2026-11-30T11:02:09Z')).toBe('1:02:09');
    expect(duration(null, '2026-11-30T11:02:09Z')).toBe('');
  });
});

describe('the dial box: dial or search', () => {
  const rules = pageDialRules({ extension: '^[0-9]{2,6}$', featureCode: '^\\*[0-9]{2,6}$' });
  test.each([
    ['7002', 'internal'],
    ['*97', 'internal'],
    ['06 12 34 56 78', 'number'],
    ['+1 212-736-5000 ext. 12', 'number'],
    ['01 23 45 67 89 poste 12', 'number'],
    ['*9', 'number'],
    ['000000102', 'number'],
    ['Durand', 'search'],
    ['camille.durand@example.fr', 'search'],
    ['Zoé', 'search'],
    ['   ', 'empty'],
  ] as const)('%j -> %s', (text, intent) => {
    expect(dialIntent(text, rules)).toBe(intent);
  });

  it('searches names of 2+ characters and numbers of 3+ digits (an order number may look like an extension), never a feature code', () => {
    expect(searchable('Du', 'search')).toBe(true);
    expect(searchable('D', 'search')).toBe(false);
    expect(searchable('000000102', 'number')).toBe(true);
    expect(searchable('102', 'internal')).toBe(true);
    expect(searchable('12', 'internal')).toBe(false);
    expect(searchable('*97', 'internal')).toBe(false);
  });

  it("the agent's own rules from the bridge decide what is internal; no rules: the bridge's defaults", () => {
    expect(dialIntent('7002', pageDialRules({ extension: '^1[0-9]{3}$', featureCode: '' }))).toBe('number');
    expect(dialIntent('*97', pageDialRules({ extension: '', featureCode: '' }))).toBe('number');
    expect(dialIntent('7002', pageDialRules(undefined))).toBe('internal');
    expect(dialIntent('7002', pageDialRules({ extension: '[', featureCode: '' }))).toBe('number');
  });

  it("the bridge's refusals as sentences in the agent's language, its words only as a last resort", () => {
    expect(refusalSentence({ code: 'invalid_number', reason: 'not_extension' }, en)).toBe('This is neither a phone number nor an extension you may call.');
    expect(refusalSentence({ code: 'invalid_number', reason: 'invalid' }, fr)).toBe("Ce n'est pas un numéro de téléphone valide. Pour un autre pays, commencez par + et son indicatif.");
    expect(refusalSentence({ code: 'forbidden' }, fr)).toBe("Vous n'êtes pas autorisé à passer des appels.");
    expect(refusalSentence({ code: 'pbx_timeout', message: 'The phone system did not answer in time.' }, en)).toBe('The call could not be placed: The phone system did not answer in time.');
  });
});

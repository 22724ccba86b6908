import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PHONE_GENERATED, renderPhoneGenerated } from '../../../frontend-ts/tools/generateStrings';
import { listTranslations, PHONE_STRINGS_XML, readTranslationCsv, readUiStrings } from '../../../bridge/src/demo/moduleStrings';
import { renderCallerPage } from '../../../bridge/src/phones/callerPage';
import { PhonesConfig, type PhoneVendor } from '../../../bridge/src/phones/config';
import { deviceToken } from '../../../bridge/src/phones/deviceToken';
import { PHONE_LOCALES, phoneLocale, phoneTranslator } from '../../../bridge/src/phones/phoneStrings';
import { PHONE_STRINGS } from '../../../bridge/src/phones/phoneStrings.generated';
import { phoneText } from '../../../bridge/src/phones/sanitise';
import { CAMILLE, FakeMagento, asPhoneReads, phoneContext } from './callerPageFakes';
import { screenKeys, screenProblems, screenText } from './callerPageVendorScreens';
import { FakePhonebookMagento, PHONE_SECRET, phonesConfig, startPhoneBridge, type PhoneBridge } from './phoneFixtures';
import { decodeAnswer, entriesOf, softKeysOf, structureProblems } from './vendorXml';

const I18N = path.resolve(__dirname, '../../../app/code/Bandeau/Cti/i18n');

describe('desk-phone strings: one list in the module, translated, compiled into the bridge', () => {
  const source = readUiStrings(PHONE_STRINGS_XML);

  it('the generated file is up to date with etc/phone_strings.xml and the CSVs (else: npm run strings)', () => {
    const translations = Object.fromEntries(PHONE_LOCALES.map((l) => [l, listTranslations(l, PHONE_STRINGS_XML)]));
    expect(readFileSync(PHONE_GENERATED, 'utf8')).toBe(renderPhoneGenerated(source, translations));
    expect([...PHONE_STRINGS]).toEqual(source);
  });

  it.each(['en_US', 'fr_FR'])('every phone string has a row in %s.csv', (locale) => {
    const dict = readTranslationCsv(path.join(I18N, `${locale}.csv`));
    expect(source.filter((s) => !dict.has(s))).toEqual([]);
  });

  it('French keeps the placeholders, is not left in English, and fits each vendor\'s character set', () => {
    const fr = readTranslationCsv(path.join(I18N, 'fr_FR.csv'));
    for (const s of source) {
      const t = fr.get(s)!;
      expect([...t.matchAll(/%\d/g)].map((m) => m[0]).sort()).toEqual([...s.matchAll(/%\d/g)].map((m) => m[0]).sort());
      expect(t).not.toBe(s);
      // Cisco's Latin-1 keeps French accents as they are: nothing is lost on the way (œ would become oe).
      expect(phoneText('cisco', t, 4000)).toBe(t.replace(/…/g, '...'));
    }
  });

  it('translates with Magento\'s %1 placeholders', () => {
    const t = phoneTranslator('fr_FR');
    expect(t('Open cart: %1 (%2 items)', '89,50 €', 3)).toBe('Panier en cours : 89,50 € (3 articles)');
    expect(phoneTranslator('en_US')('Saved: %1', 'Complaint')).toBe('Saved: Complaint');
  });

  it.each([
    ['fr_FR', 'fr_FR'],
    ['fr-fr', 'fr_FR'],
    ['en_US', 'en_US'],
    ['de_DE', 'fr_FR'],
    ['zh_Hans_CN', 'fr_FR'],
    ['zh-hans-cn', 'fr_FR'],
    ['', 'fr_FR'],
    ['fr_FR<script>', 'fr_FR'],
  ])('lang=%j reads as %s (a locale not shipped: the configured one)', (lang, locale) => {
    expect(phoneLocale(lang, 'fr_FR')).toBe(locale);
  });

  it('phones.language takes the shipped locales only, en_US by default', () => {
    expect(PhonesConfig.parse({}).language).toBe('en_US');
    expect(PhonesConfig.parse({ language: 'fr_FR' }).language).toBe('fr_FR');
    expect(PhonesConfig.safeParse({ language: 'de_DE' }).success).toBe(false);
  });
});

/** Camille as a French store's lookup answers: its status label and amounts in French. */
const CAMILLE_FR = { ...CAMILLE, last_order: { increment_id: '000000104', status: 'En cours', grand_total: '129,00 €' }, open_cart: { items: 2, total: '89,50 €' } };

describe('the caller page in French', () => {
  const magento = new FakeMagento();
  let url: string;
  beforeAll(async () => {
    url = await magento.start();
    magento.matches.set('+33612345678', [CAMILLE_FR]);
  });
  afterAll(() => magento.stop());

  it.each(['cisco', 'yealink', 'polycom'] as const)('%s: French lines and soft keys, of the vendor\'s structure', async (vendor) => {
    const a = await renderCallerPage(phoneContext(vendor, { number: '+33612345678' }, { magento: url, locale: 'fr_FR' }));
    expect(a.status).toBe(200);
    const xml = asPhoneReads(vendor, a);
    expect(screenProblems(vendor, xml)).toEqual([]);
    const text = screenText(xml);
    expect(text).toContain('Camille Durand');
    expect(text).toContain('Groupe : Wholesale');
    expect(text).toContain('Dernière commande : #000000104, En cours');
    expect(text).toContain(vendor === 'cisco' ? 'Panier en cours : 89,50 EUR (2 articles)' : 'Panier en cours : 89,50 € (2 articles)');
    const labels = screenKeys(vendor, xml).map(([l]) => l);
    expect(labels).toEqual(expect.arrayContaining(['Ouvrir', 'Résultat', 'Rappeler']));
    if (vendor !== 'yealink') expect(labels).toContain('Quitter');
    expect(text).not.toMatch(/Last order|Open cart|Group:/);
  });

  it('an unknown number says so in French', async () => {
    const a = await renderCallerPage(phoneContext('snom', { number: '0987654321' }, { magento: url, locale: 'fr_FR' }));
    const xml = asPhoneReads('snom', a);
    expect(screenProblems('snom', xml)).toEqual([]);
    expect(screenText(xml)).toContain('Aucun client n\'a ce numéro.');
  });
});

describe('the language of a phone\'s URLs', () => {
  const magento = new FakePhonebookMagento();
  let en: PhoneBridge;
  let fr: PhoneBridge;
  const creds = `ext=201&t=${deviceToken(PHONE_SECRET, 1, '201')}`;

  beforeAll(async () => {
    const url = await magento.start();
    magento.customers = Array.from({ length: 40 }, (_, i) => ({ customer_id: 10 + i, name: `Léa Lefèvre ${String(i).padStart(2, '0')}`, group: 'VIP', phones: [{ e164: `+3318488${String(1000 + i)}`, kind: 'billing' }] }));
    en = await startPhoneBridge(phonesConfig(url, { pageSize: 10 }));
    fr = await startPhoneBridge(phonesConfig(url, { pageSize: 10, language: 'fr_FR' }));
  });
  afterAll(async () => {
    await en.stop();
    await fr.stop();
    await magento.stop();
  });

  const get = async (bridge: PhoneBridge, vendor: PhoneVendor, query: string) => {
    const res = await fetch(`${bridge.url}/phone/${vendor}/directory.xml?${creds}${query}`);
    expect(res.status).toBe(200);
    const xml = decodeAnswer(Buffer.from(await res.arrayBuffer()), res.headers.get('content-type'));
    expect(structureProblems(vendor, xml)).toEqual([]);
    return xml;
  };

  it.each(['cisco', 'yealink', 'snom'] as const)('%s: lang=fr_FR gives the French directory, and its page keys keep the language', async (vendor) => {
    const xml = await get(en, vendor, '&lang=fr_FR');
    expect(xml).toContain('<Title>Annuaire</Title>');
    expect(entriesOf(vendor, xml)[0]![0]).toBe('Léa Lefèvre 00');
    const next = softKeysOf(vendor, xml).find(([k]) => k === 'Suiv.');
    expect(next).toBeDefined();
    expect(new URL(next![1]).searchParams.get('lang')).toBe('fr_FR');
    if (vendor === 'cisco') expect(xml).toContain('<Prompt>Suiv. : autres noms</Prompt>');
  });

  it('phones.language is the default; lang= overrides it either way; an unknown lang falls back to it', async () => {
    expect(await get(fr, 'cisco', '')).toContain('<Title>Annuaire</Title>');
    expect(await get(fr, 'cisco', '&lang=en_US')).toContain('<Title>Directory</Title>');
    expect(await get(fr, 'cisco', '&lang=xx_XX')).toContain('<Title>Annuaire</Title>');
    expect(await get(en, 'cisco', '')).toContain('<Title>Directory</Title>');
    // Without lang= in the URL, the soft keys' URLs carry none (the phone keeps following the configured language).
    const next = softKeysOf('cisco', await get(fr, 'cisco', '')).find(([k]) => k === 'Suiv.');
    expect(new URL(next![1]).searchParams.has('lang')).toBe(false);
  });
});

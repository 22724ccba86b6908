import { PHONE_VENDORS } from '../../../bridge/src/phones/config';
import { encodeXml, phoneText, xmlEscape, xmlText } from '../../../bridge/src/phones/sanitise';
import { HOSTILE_NAMES } from './phoneFixtures';

describe('names for the phones', () => {
  it.each(PHONE_VENDORS)('%s: no control, bidi or emoji character survives, and the length is cut', (vendor) => {
    for (const name of HOSTILE_NAMES) {
      const shown = phoneText(vendor, name);
      // eslint-disable-next-line no-control-regex
      expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u200d\ufe0f]|\p{Extended_Pictographic}/u);
      if (vendor === 'polycom') expect(Buffer.byteLength(shown, 'utf8')).toBeLessThanOrEqual(40);
      else expect([...shown].length).toBeLessThanOrEqual(32);
      expect(shown).toBe(shown.trim());
    }
  });

  it('keeps Arabic and Chinese for the UTF-8 phones, and drops them for Cisco (Latin-1)', () => {
    for (const vendor of ['yealink', 'snom', 'polycom'] as const) {
      expect(phoneText(vendor, 'محمد العلي')).toBe('محمد العلي');
      expect(phoneText(vendor, '王小明')).toBe('王小明');
    }
    expect(phoneText('cisco', 'محمد العلي')).toBe('');
    expect(phoneText('cisco', '王小明 Wang')).toBe('Wang');
  });

  it('keeps Latin-1 accents for Cisco and folds the other Latin letters', () => {
    expect(phoneText('cisco', 'Zoë Lefèvre')).toBe('Zoë Lefèvre');
    expect(phoneText('cisco', 'Łukasz Dvořák Œuvrard')).toBe('Lukasz Dvorák OEuvrard');
    expect(encodeXml('cisco', phoneText('cisco', 'Zoë')).body).toEqual(Buffer.from([0x5a, 0x6f, 0xeb]));
  });

  it('drops emoji and their joiners but keeps the letters around them', () => {
    expect(phoneText('yealink', 'Zoë 😀👩‍👩‍👧 Emoji 🇫🇷')).toBe('Zoë Emoji');
    expect(phoneText('yealink', '1️⃣ Keycap')).toBe('1 Keycap');
  });

  it('turns control characters into spaces and strips bidi overrides', () => {
    expect(phoneText('snom', 'Null\u0000Byte\tTab\nLine')).toBe('Null Byte Tab Line');
    expect(phoneText('snom', '\u202eEvil\u202c Override')).toBe('Evil Override');
  });

  it('cuts on grapheme boundaries (no accent without its letter)', () => {
    const decomposed = 'e\u0301'.repeat(40);
    expect(phoneText('yealink', decomposed)).toBe('e\u0301'.repeat(32));
    expect(phoneText('polycom', 'é'.repeat(30))).toBe('é'.repeat(20));
    expect(phoneText('polycom', '王'.repeat(20))).toBe('王'.repeat(13));
  });

  it('escapes markup for elements and attributes', () => {
    expect(xmlEscape(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;');
    expect(xmlText('cisco', ']]> &amp;')).toBe(']]&gt; &amp;amp;');
  });
});

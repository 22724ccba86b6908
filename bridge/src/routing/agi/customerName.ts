/**
 * The customer's name as the PBX may show it (CALLERID(name)): plain ASCII, so no phone display
 * or CDR column has to cope with encodings, and nothing in it can break an AGI command line.
 */

/** Letters NFKD does not decompose into ASCII, spelled as people write them without accents. */
const SPELLED: Readonly<Record<string, string>> = {
  'Æ': 'AE', 'æ': 'ae', 'Œ': 'OE', 'œ': 'oe', 'Ø': 'O', 'ø': 'o', 'ß': 'ss', 'Ł': 'L', 'ł': 'l',
  'Đ': 'D', 'đ': 'd', 'Ð': 'D', 'ð': 'd', 'Þ': 'Th', 'þ': 'th', 'ı': 'i', 'Ħ': 'H', 'ħ': 'h',
};

/** Longest name kept: what phone displays and CALLERID(name) comfortably carry. */
export const CUSTOMER_NAME_MAX = 40;

/**
 * The contract's rule: NFKD, marks stripped, only `[A-Za-z0-9 .'-]` kept, at most 40 characters.
 * Also spells the few Latin letters NFKD leaves alone (Ø -> O, ß -> ss), and collapses the runs
 * of spaces that removed characters leave, trimming both ends. '' when nothing is left.
 */
export function customerNameAscii(name: string | null | undefined): string {
  if (!name) return '';
  const spelled = name.replace(/[ÆæŒœØøßŁłĐđÐðÞþıĦħ]/g, (c) => SPELLED[c] ?? '');
  const kept = spelled
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/[^A-Za-z0-9 .'-]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return kept.slice(0, CUSTOMER_NAME_MAX).trimEnd();
}

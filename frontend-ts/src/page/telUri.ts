/** A tel: link's number and its RFC 3966 `ext` parameter, decoded. */
export interface TelTarget {
  number: string;
  extension?: string;
}

const MAX = 64;

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s).trim();
  } catch {
    return null;
  }
}

/**
 * The number in a tel: URI and its extension (`tel:+12127365000;ext=12`), other parameters left
 * out; null when unusable. Nothing is trusted here: the bridge validates what is dialled.
 */
export function telTarget(href: string): TelTarget | null {
  const [rawNumber = '', ...params] = href.replace(/^tel:/i, '').split(';');
  const number = decode(rawNumber);
  if (!number || number.length > MAX) return null;
  const ext = params.find((p) => /^ext=/i.test(p));
  if (ext === undefined) return { number };
  // RFC 3966 allows visual separators in the extension as in the number.
  const extension = decode(ext.slice(4))?.replace(/[-.()]/g, '');
  if (extension === null || extension === undefined || extension.length + number.length > MAX) return null;
  return extension === '' ? { number } : { number, extension };
}

/** What the bridge is asked to dial: the number, then its extension as a person would write it. */
export function dialString(t: TelTarget): string {
  return t.extension === undefined ? t.number : `${t.number} ext. ${t.extension}`;
}

/** The number in a tel: URI, decoded, without parameters; null when unusable. */
export function telNumber(href: string): string | null {
  const raw = href.replace(/^tel:/i, '').split(';')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const trimmed = decoded.trim();
  return trimmed.length > 0 && trimmed.length <= 64 ? trimmed : null;
}

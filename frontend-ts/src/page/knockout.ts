import type * as KnockoutNs from 'knockout';

export type Ko = typeof KnockoutNs;

type AmdRequire = ((deps: string[], ok: (...mods: unknown[]) => void, fail?: (err: unknown) => void) => void) & { defined?: (id: string) => boolean };

/**
 * Knockout as Magento provides it: through RequireJS on admin pages, or a global `ko`.
 * The bundle never ships its own copy.
 */
export function loadKnockout(): Promise<Ko | null> {
  const w = window as unknown as { require?: AmdRequire; ko?: Ko };
  if (typeof w.require === 'function') {
    return new Promise((resolve) => {
      w.require!(['knockout'], (ko) => resolve(ko as Ko), () => resolve(w.ko ?? null));
    });
  }
  return Promise.resolve(w.ko ?? null);
}

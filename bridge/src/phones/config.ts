import { z } from 'zod';
import { IpAllowList } from '../routing/config';
import { PHONE_LOCALES } from './phoneStrings.generated';

/** The desk-phone vendors whose XML the bridge writes (Grandstream reads the Cisco format). */
export const PHONE_VENDORS = ['yealink', 'cisco', 'snom', 'polycom'] as const;
export type PhoneVendor = (typeof PHONE_VENDORS)[number];

/**
 * Desk phones (issue 17): the phone book, caller details and soft keys the bridge serves to IP
 * phones on its main port under /phone/{vendor}/. Off when the block is absent.
 */
export const PhonesConfig = z
  .object({
    /** How a phone proves which extension it is: a per-device token in the URL (`t=`), or HTTP basic auth (user = extension, password = token). */
    auth: z.enum(['token', 'basic']).default('token'),
    /** Part of every device token; bump it here and in Magento to revoke every phone's URL at once. */
    tokenVersion: z.number().int().min(1).default(1),
    /** Addresses and subnets the phones call from; anyone else gets 403 before any token is looked at. */
    networks: IpAllowList.min(1, 'name at least one network').default(['127.0.0.1/32', '::1/128']),
    /** Directory entries per page (Cisco phones show at most 32, so they get min(pageSize, 32)). */
    pageSize: z.number().int().min(1).max(100).default(30),
    /** The pages' language (a locale the module ships, i18n/<locale>.csv); a phone's URL may ask for another with `lang=`. */
    language: z.enum(PHONE_LOCALES).default('en_US'),
    sync: z
      .object({
        /** The phone book is pulled from Magento in full this often (and at start). */
        everyS: z.number().int().min(10).max(86_400).default(900),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type PhonesConfig = z.infer<typeof PhonesConfig>;

export function isPhoneVendor(v: string): v is PhoneVendor {
  return (PHONE_VENDORS as readonly string[]).includes(v);
}

import type http from 'node:http';
import type { Logger } from '../logger';
import type { BridgeServer } from '../server';
import type { Call } from '../protocol/messages';
import type { PhonesConfig, PhoneVendor } from './config';
import type { PhoneBook } from './phoneBook';
import type { PhoneLocale, PhoneTranslate } from './phoneStrings';

/** What a /phone/ handler answers; the router writes it (status, body in the vendor's charset, no-store). */
export interface PhoneAnswer {
  status: number;
  /** The XML (or text) as a string; the router encodes it for the vendor (encodeXml) unless `contentType` is given. */
  body: string;
  /** Set to answer something else than the vendor's XML (e.g. 'text/plain; charset=utf-8'). */
  contentType?: string;
  headers?: Record<string, string>;
}

/** Magento's REST, as the bridge reaches it (callLog.rest or routing.magento), or null when not configured. */
export interface MagentoRest {
  url: string;
  token: string;
}

/**
 * One request from a desk phone, already allowed (network and credentials checked by the
 * router). Given to the directory, the caller page (callerPage.ts) and the soft-key actions
 * (actions.ts).
 */
export interface PhoneRequestContext {
  vendor: PhoneVendor;
  query: URLSearchParams;
  /** The page's language: the URL's `lang=` when the module ships it, else phones.language. */
  locale: PhoneLocale;
  /** The phone strings in that language (phoneStrings.ts). */
  t: PhoneTranslate;
  /** The extension that authenticated (token or basic user); in the demo, `ext` from the URL or null. */
  extension: string | null;
  /** The phone book pulled from Magento (empty until the first pull ends). */
  book: () => PhoneBook;
  /** Live calls an extension is a party to (the call model), [] without a PBX. */
  liveCalls: (extension: string) => Call[];
  /** The agents' side: sessions by extension (`bridge.sessions.byExtensions([ext])`), pushes to their pages. */
  bridge: BridgeServer;
  magento: MagentoRest | null;
  /** The region national numbers are read in (callControl.defaultRegion). */
  defaultRegion: string;
  /** An E.164 number as the PBX dialplan wants it dialled (callControl.dialFormat). */
  dial: (e164: string) => string;
  config: PhonesConfig;
  /**
   * An absolute URL back to this bridge for this phone: `/phone/{vendor}/{path}` with `params`,
   * carrying the phone's credentials (`ext` and `t` in token mode) and its `lang`, for soft keys and links.
   */
  url: (path: string, params?: Record<string, string>) => string;
  logger: Logger;
}

/** The request, for handlers that need a header (rarely). */
export type PhoneHttpRequest = http.IncomingMessage;

import type { BridgeConfig } from '../config';
import type { Logger } from '../logger';
import type { BridgeServer, HttpRoute } from '../server';
import type { Call } from '../protocol/messages';
import { formatForDial } from '../phone';
import type { MagentoRest } from './context';
import { PhoneBook } from './phoneBook';
import { PhoneBookSync, type PhoneBookStatus } from './phoneBookSync';
import { phoneRoute } from './router';

export { PhonesConfig, PHONE_VENDORS, type PhoneVendor } from './config';
export type { PhoneRequestContext, PhoneAnswer } from './context';
export { registerPhoneBookMetrics, type PhoneBookStatus } from './phoneBookSync';

export interface PhoneService {
  route: HttpRoute;
  /** Null without Magento: the phone book then stays empty (staff included). */
  sync: PhoneBookSync | null;
  /** For /healthz: the phone book's entries, last successful pull and last error. */
  status(): PhoneBookStatus;
  start(): void;
  stop(): void;
}

const NO_MAGENTO = 'no Magento REST configured (callLog.rest or routing.magento); the phone book stays empty';

/** Where the phone book comes from: routing.magento, else callLog.rest, else nowhere. */
export function phonesMagento(config: BridgeConfig): MagentoRest | null {
  return config.routing?.magento ?? config.callLog?.rest ?? null;
}

/**
 * The desk-phone service of a running bridge (issue 17): the phone book kept from Magento and
 * the /phone/ route. `open` is the demo's: no phone credentials.
 */
export function phoneService(
  config: BridgeConfig & { phones: NonNullable<BridgeConfig['phones']> },
  o: { logger: Logger; bridge: () => BridgeServer; liveCalls: (extension: string) => Call[]; open?: boolean },
): PhoneService {
  const log = o.logger.child({ part: 'phones' });
  const magento = phonesMagento(config);
  // Not routing's timeout (a call waits on that one): a page of 5,000 customers may take Magento seconds.
  const sync = magento ? new PhoneBookSync({ magento: { url: magento.url, token: magento.token }, everyS: config.phones.sync.everyS, logger: log }) : null;
  if (!magento) log.warn(`desk phones: ${NO_MAGENTO}`);
  const startedAt = new Date().toISOString();
  const empty = new PhoneBook([]);
  const { defaultRegion, dialFormat } = config.callControl;
  const route = phoneRoute({
    config: config.phones,
    secret: () => config.secret,
    book: () => sync?.book() ?? empty,
    liveCalls: o.liveCalls,
    bridge: o.bridge,
    magento: magento ? { url: magento.url, token: magento.token } : null,
    defaultRegion,
    dial: (e164) => formatForDial(e164, dialFormat, defaultRegion),
    allowedOrigins: config.allowedOrigins,
    logger: log,
    ...(o.open ? { open: true } : {}),
  });
  return {
    route,
    sync,
    status: () => sync?.status() ?? { entries: 0, lastPullAt: null, lastError: { at: startedAt, message: NO_MAGENTO } },
    start: () => sync?.start(),
    stop: () => sync?.stop(),
  };
}

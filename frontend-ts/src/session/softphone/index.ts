import type { SdpRequestMsg, SdpResultMsg, SoftphoneCommand, SoftphoneSessionConfig, SoftphoneView, ViewState } from '../../../../bridge/src/protocol/messages';
import type { MediaPage } from './engine';

/** The softphone as the session hub drives it (the sip.js engine, or a pop-out that owns SIP). */
export interface HubSoftphone {
  update(config: SoftphoneSessionConfig, formKey: string | undefined): void;
  setPages(pages: MediaPage[]): void;
  command(pageId: string, command: SoftphoneCommand): void;
  onResult(msg: SdpResultMsg): void;
  view(): SoftphoneView;
  close(): void;
}

export interface SoftphoneHubHooks {
  post(pageId: string, msg: SdpRequestMsg): void;
  changed(): void;
}

export type SoftphoneFactory = (config: SoftphoneSessionConfig, formKey: string | undefined, host: ViewState['host'], hooks: SoftphoneHubHooks) => HubSoftphone;

let factory: SoftphoneFactory | null = null;

/**
 * The worker entry provides the sip.js softphone; the session hub itself does not import sip.js
 * (so it stays testable in Node and a desk-phone build could leave sip.js out).
 */
export function provideSoftphone(f: SoftphoneFactory): void {
  factory = f;
}

export function createSoftphone(config: SoftphoneSessionConfig, formKey: string | undefined, host: ViewState['host'], hooks: SoftphoneHubHooks): HubSoftphone | null {
  return factory ? factory(config, formKey, host, hooks) : null;
}

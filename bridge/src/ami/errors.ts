import type { AmiMessage } from './message';

/** The PBX answered `Response: Error`. */
export class AmiActionError extends Error {
  constructor(
    readonly action: string,
    readonly response: AmiMessage,
  ) {
    super(`${action} failed: ${response.get('message') ?? 'error'}`);
    this.name = 'AmiActionError';
  }
}

export class AmiTimeoutError extends Error {
  constructor(
    readonly action: string,
    readonly timeoutMs: number,
  ) {
    super(`${action}: no answer from the PBX within ${timeoutMs} ms`);
    this.name = 'AmiTimeoutError';
  }
}

export class AmiNotConnectedError extends Error {
  constructor(message = 'not connected to the PBX') {
    super(message);
    this.name = 'AmiNotConnectedError';
  }
}

/**
 * The consultation leg of an attended transfer as the consulting agent's bar shows it: whom the
 * Local channels Atxfer created dial, and whether they answered (a Local channel goes Up when
 * its far end does: see ../shared/asterisk/captures/attended_transfer.ami).
 */
import type { Call } from '../protocol/messages';
import type { CallRec, ModelCore } from './core';

const LOCAL_TARGET = /^Local\/([^@/]{1,64})@/i;

export function consultField(core: ModelCore, c: CallRec): Pick<Call, 'consult'> {
  if (!c.consult) return {};
  let target: string | undefined;
  let answered = false;
  for (const uid of c.consult.locals) {
    const ch = core.channels.get(uid);
    if (!ch) continue;
    target ??= ch.ext ?? LOCAL_TARGET.exec(ch.name)?.[1];
    if (ch.state === 6) answered = true;
  }
  // eslint-disable-next-line no-control-regex
  return target && !/[\u0000-\u001f\u007f]/.test(target) ? { consult: { target, answered } } : {};
}

/** `v` carries the consultation leg consultField would give now (views compare before sending). */
export function sameConsult(v: Call, core: ModelCore, c: CallRec): boolean {
  if (!c.consult) return v.consult === undefined;
  const now = consultField(core, c).consult;
  if (!now || !v.consult) return now === v.consult;
  return now.target === v.consult.target && now.answered === v.consult.answered;
}

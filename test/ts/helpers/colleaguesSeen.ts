import { mergeColleagues } from '../../../bridge/src/protocol/colleagueList';
import type { Colleague, ServerMessage } from '../../../bridge/src/protocol/messages';

/** The transfer list as the worker holds it after these bridge messages: the whole list at connect, then each change merged. */
export function colleaguesSeen(messages: readonly ServerMessage[], ownExtension: string): Colleague[] {
  let list: Colleague[] = [];
  for (const m of messages) {
    if (m.type === 'colleagues') list = m.colleagues;
    else if (m.type === 'colleagues.changed') list = mergeColleagues(list, m, ownExtension);
  }
  return list;
}

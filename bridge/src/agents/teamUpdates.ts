import type { Server } from 'socket.io';
import { SERVER_EVENT, type Colleague, type ServerMessage } from '../protocol/messages';
import { byName, colleaguesDelta } from '../protocol/colleagueList';
import { declares } from '../protocol/clientFeatures';
import { colleaguesFor } from './colleagues';
import type { AgentSocket } from './agentCommands';

/** This instance's sockets that take team changes as `colleagues.changed` (one encoding for all). */
const TEAM_ROOM = 'team';

/**
 * What this instance's sockets are told of the team: the whole list at connect, then each change.
 * A worker that declared `colleagues.changed` (protocol/clientFeatures.ts) gets only the
 * difference, through TEAM_ROOM; one older than that message (a Magento module not yet upgraded)
 * would drop it, so it gets its whole list again at each change instead, kept apart so the common
 * path costs nothing more.
 */
export class TeamUpdates {
  /** The team as this instance's agents were last told it (by extension). */
  private view = new Map<string, Colleague>();
  /** `view` in the transfer list's order, sorted at most once per change (shared by every connect until the next). */
  private sorted: Colleague[] | null = [];
  /** Sockets of workers that did not declare `colleagues.changed`. */
  private readonly wholeLists = new Set<AgentSocket>();

  constructor(
    private readonly io: Server,
    private readonly send: (socket: AgentSocket, msg: ServerMessage) => void,
  ) {}

  /** A socket connected: the team as the others were last told it, then every change with them. */
  join(socket: AgentSocket): void {
    this.sendWhole(socket, this.inOrder());
    if (declares(socket.handshake.auth, 'colleagues.changed')) void socket.join(TEAM_ROOM);
    else this.wholeLists.add(socket);
  }

  leave(socket: AgentSocket): void {
    this.wholeLists.delete(socket);
  }

  /** Sockets of workers older than `colleagues.changed` (bandeau_bridge_older_bundle_sockets). */
  get olderWorkers(): number {
    return this.wholeLists.size;
  }

  /** The team now (by extension): what changed since agents were last told goes out, once per socket. */
  publish(view: Map<string, Colleague>): void {
    const changes = colleaguesDelta(this.view, view);
    if (changes.length === 0) return;
    this.view = view;
    this.sorted = null;
    // Each instance tells its own sockets (not through the adapter: every instance sends its own).
    for (const msg of changes) this.io.local.to(TEAM_ROOM).emit(SERVER_EVENT, msg satisfies ServerMessage);
    if (this.wholeLists.size === 0) return;
    const sorted = this.inOrder();
    for (const socket of this.wholeLists) this.sendWhole(socket, sorted);
  }

  private inOrder(): Colleague[] {
    return (this.sorted ??= [...this.view.values()].sort(byName));
  }

  /** Each agent's list leaves out their own extension. */
  private sendWhole(socket: AgentSocket, sorted: readonly Colleague[]): void {
    this.send(socket, { type: 'colleagues', colleagues: colleaguesFor(sorted, socket.data.identity.extension) });
  }
}

/**
 * The address sync (addressSync.ts) as the rest of the app sees it. The sync itself is part of the
 * full lab (fullLabParts.ts, loaded before the first render): an embedded lab, whose address is the
 * host page's, never loads it, and there these do what the sync would do when not started.
 */
import type { Stores } from '../../store/stores';

type AddressSync = typeof import('./addressSync');

let sync: AddressSync | undefined;

/** Called when the full lab's parts have loaded. */
export function installAddressSync(s: AddressSync): void {
  sync = s;
}

/** Loads something that replaces the lab (a file, a link, a lesson) as a new history entry (addressSync.ts). */
export function newEntry<T>(load: () => T): T {
  return sync ? sync.newEntry(load) : load();
}

/** Back or Forward moved to another entry (addressSync.ts). */
export function historyMoved(): void {
  sync?.historyMoved();
}

/** Starts following the lab in the address (addressSync.ts); nothing in an embed. */
export function startAddressSync(stores: Stores): void {
  sync?.startAddressSync(stores);
}

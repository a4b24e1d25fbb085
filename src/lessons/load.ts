/**
 * Each lesson is a chunk of its own in the app, loaded when it is opened (or when saved or imported
 * progress names it): a lesson link loads one lesson's text, not all of them. The list of lessons comes
 * from catalog.ts; index.ts (every lesson at once) is for the tests and the CLI.
 */
import type { Lesson } from './types';

const LOADERS: Readonly<Record<string, () => Promise<Lesson>>> = {
  'a-device-starts': () => import('./a-device-starts').then((m) => m.aDeviceStarts),
  'a-user-unplugs-a-device': () => import('./a-user-unplugs-a-device').then((m) => m.aUserUnplugsADevice),
  'asking-before-stopping': () => import('./asking-before-stopping').then((m) => m.askingBeforeStopping),
  'rebalance-and-disable': () => import('./rebalance-and-disable').then((m) => m.rebalanceAndDisable),
  'umdf1-removal': () => import('./umdf1-removal').then((m) => m.umdf1Removal),
  'kmdf-and-umdf1-side-by-side': () => import('./kmdf-and-umdf1-side-by-side').then((m) => m.kmdfAndUmdf1SideBySide),
  'pnp-notifications': () => import('./pnp-notifications').then((m) => m.pnpNotifications),
  'notification-callbacks': () => import('./notification-callbacks').then((m) => m.notificationCallbacks),
  'wia-service-and-minidriver': () => import('./wia-service-and-minidriver').then((m) => m.wiaServiceAndMinidriver),
  'canceling-a-wia-transfer': () => import('./canceling-a-wia-transfer').then((m) => m.cancelingAWiaTransfer),
  'wia-disconnect': () => import('./wia-disconnect').then((m) => m.wiaDisconnect),
};

/** Lesson `id` (loaded once); undefined for an id no lesson has. */
export function loadLesson(id: string): Promise<Lesson | undefined> {
  return Object.hasOwn(LOADERS, id) ? LOADERS[id]() : Promise.resolve(undefined);
}

/** The lessons with these ids that exist, loaded in parallel (unknown ids are left out). */
export async function loadLessons(ids: Iterable<string>): Promise<Lesson[]> {
  const found = await Promise.all([...new Set(ids)].map(loadLesson));
  return found.filter((l): l is Lesson => l !== undefined);
}

/**
 * Every lesson, in the order a learner should take them (docs/lessons.md): nothing is used before a
 * lesson has explained it (the unplug lesson explains query, cancel and D3Final before the lessons
 * that refuse removals use them; the WIA service lesson comes before the transfers).
 */
import { aDeviceStarts } from './a-device-starts';
import { aUserUnplugsADevice } from './a-user-unplugs-a-device';
import { askingBeforeStopping } from './asking-before-stopping';
import { rebalanceAndDisable } from './rebalance-and-disable';
import { umdf1Removal } from './umdf1-removal';
import { kmdfAndUmdf1SideBySide } from './kmdf-and-umdf1-side-by-side';
import { pnpNotifications } from './pnp-notifications';
import { notificationCallbacks } from './notification-callbacks';
import { wiaServiceAndMinidriver } from './wia-service-and-minidriver';
import { cancelingAWiaTransfer } from './canceling-a-wia-transfer';
import { wiaDisconnect } from './wia-disconnect';
import type { Lesson } from './types';

export const LESSONS: readonly Lesson[] = [
  aDeviceStarts,
  aUserUnplugsADevice,
  askingBeforeStopping,
  rebalanceAndDisable,
  umdf1Removal,
  kmdfAndUmdf1SideBySide,
  pnpNotifications,
  notificationCallbacks,
  wiaServiceAndMinidriver,
  cancelingAWiaTransfer,
  wiaDisconnect,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export type { Goal, Lesson, Match, Question, Settings, Task } from './types';
export { sourceUrl } from './types';

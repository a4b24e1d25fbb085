/** Every lesson, in the order a learner should take them (docs/lessons.md). */
import { aDeviceStarts } from './a-device-starts';
import { askingBeforeStopping } from './asking-before-stopping';
import { aUserUnplugsADevice } from './a-user-unplugs-a-device';
import { pnpNotifications } from './pnp-notifications';
import { cancelingAWiaTransfer } from './canceling-a-wia-transfer';
import { wiaDisconnect } from './wia-disconnect';
import type { Lesson } from './types';

export const LESSONS: readonly Lesson[] = [
  aDeviceStarts,
  askingBeforeStopping,
  aUserUnplugsADevice,
  pnpNotifications,
  cancelingAWiaTransfer,
  wiaDisconnect,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export type { Goal, Lesson, Match, Question, Settings, Task } from './types';
export { sourceUrl } from './types';

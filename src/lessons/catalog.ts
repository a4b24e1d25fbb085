/**
 * The lessons' ids and task ids only: what a link or an embed parameter is checked against without
 * loading the lessons themselves (their text loads with the lesson panel). catalog.test.ts keeps it
 * equal to LESSONS.
 */
export interface LessonIds {
  id: string;
  tasks: readonly { id: string }[];
}

const ids = (id: string, tasks: string[]): LessonIds => ({ id, tasks: tasks.map((t) => ({ id: t })) });

export const LESSON_CATALOG: readonly LessonIds[] = [
  ids('a-device-starts', ['plug-in', 'failed-start', 'second-disk']),
  ids('asking-before-stopping', ['refuse-removal-without-callback', 'rebalance-without-asking', 'refuse-rebalance', 'not-disableable']),
  ids('a-user-unplugs-a-device', ['orderly-removal', 'surprise-with-open-handle', 'umdf-veto', 'umdf-surprise']),
  ids('pnp-notifications', ['orderly-removal-protocol', 'client-veto', 'custom-event', 'profile-veto']),
  ids('canceling-a-wia-transfer', ['application-cancels', 'cancel-button', 'application-error', 'scan-again']),
  ids('wia-disconnect', ['pull-idle', 'pull-mid-scan', 'shutdown', 'careless-driver']),
];

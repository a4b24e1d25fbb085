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
  ids('a-user-unplugs-a-device', ['orderly-removal', 'query-refused', 'surprise-with-open-handle', 'last-handle-closes']),
  ids('asking-before-stopping', ['refuse-removal-without-callback', 'balanced-static-calls', 'another-driver-vetoes', 'safe-remove-list']),
  ids('rebalance-and-disable', ['rebalance-without-asking', 'refuse-rebalance', 'not-disableable', 'not-disableable-hub']),
  ids('umdf1-removal', ['umdf-orderly', 'umdf-veto', 'umdf-surprise', 'reflector-timeout']),
  ids('kmdf-and-umdf1-side-by-side', ['pull-the-cable', 'safely-remove-instead']),
  ids('pnp-notifications', ['orderly-removal-protocol', 'client-veto', 'custom-event', 'profile-veto']),
  ids('notification-callbacks', ['remove-complete-without-query', 'include-existing', 'report-without-deadlock']),
  ids('wia-service-and-minidriver', ['load-minidriver', 'connect-app', 'two-apps', 'reconnect']),
  ids('canceling-a-wia-transfer', ['application-cancels', 'cancel-button', 'application-error', 'cancel-pending-io']),
  ids('wia-disconnect', ['pull-idle', 'pull-mid-scan', 'shutdown', 'careless-driver']),
];

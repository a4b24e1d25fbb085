/**
 * The lessons' ids, titles and task ids only: what a link or an embed parameter is checked against,
 * and what the lesson list shows, without loading the lessons themselves (each lesson is a chunk of
 * its own, loaded when it is opened: lessons/load.ts). catalog.test.ts keeps it equal to LESSONS.
 */
export interface LessonIds {
  id: string;
  tasks: readonly { id: string }[];
}

export interface LessonEntry extends LessonIds {
  title: string;
}

const ids = (id: string, title: string, tasks: string[]): LessonEntry => ({ id, title, tasks: tasks.map((t) => ({ id: t })) });

export const LESSON_CATALOG: readonly LessonEntry[] = [
  ids('a-device-starts', 'A device starts: from the cable to a working driver', ['plug-in', 'failed-start', 'second-disk']),
  ids('a-user-unplugs-a-device', 'A user unplugs a device: orderly and surprise removal in KMDF', ['orderly-removal', 'query-refused', 'surprise-with-open-handle', 'last-handle-closes']),
  ids('asking-before-stopping', 'Asking before removing: query callbacks, static stop/remove and the Safely Remove list', ['refuse-removal-without-callback', 'balanced-static-calls', 'another-driver-vetoes', 'safe-remove-list']),
  ids('rebalance-and-disable', 'Stopping for a rebalance, and devices that cannot be disabled', ['rebalance-without-asking', 'refuse-rebalance', 'not-disableable', 'not-disableable-hub']),
  ids('umdf1-removal', 'A UMDF 1 driver is removed: COM callbacks and the reflector\'s timeout', ['umdf-orderly', 'umdf-veto', 'umdf-surprise', 'reflector-timeout']),
  ids('kmdf-and-umdf1-side-by-side', 'The same unplug in KMDF and UMDF 1, side by side', ['pull-the-cable', 'safely-remove-instead']),
  ids('pnp-notifications', 'PnP notifications: interfaces, target devices and hardware profiles', ['orderly-removal-protocol', 'client-veto', 'custom-event', 'profile-veto']),
  ids('notification-callbacks', 'Writing notification callbacks: surprise removal, existing interfaces, no deadlocks', ['remove-complete-without-query', 'include-existing', 'report-without-deadlock']),
  ids('wia-service-and-minidriver', 'The WIA service and its minidriver: loading, connecting, reloading', ['load-minidriver', 'connect-app', 'two-apps', 'reconnect']),
  ids('canceling-a-wia-transfer', 'Canceling a WIA data transfer', ['application-cancels', 'cancel-button', 'application-error', 'cancel-pending-io']),
  ids('wia-disconnect', 'The scanner is disconnected: WIA_EVENT_DEVICE_DISCONNECTED', ['pull-idle', 'pull-mid-scan', 'shutdown', 'careless-driver']),
];

/**
 * Every device at the cursor, for the few places that need all of them only on demand (a chip's
 * "plug into" menu): a getter, so a chip does not re-render each time another device changes.
 */
import { createContext } from 'react';
import type { DeviceView } from '../../model/deviceTimeline';

export const DevicesContext = createContext<() => readonly DeviceView[]>(() => []);

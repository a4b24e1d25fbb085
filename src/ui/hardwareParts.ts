/** The hardware picture and Device Manager, one chunk for the pages that show either (startParts.tsx). */
export { BusPanel } from './bus/BusPanel';
export { DeviceTree } from './tree/DeviceTree';

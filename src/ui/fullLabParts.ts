/** What only the full lab shows (not an embed): one chunk, loaded by startParts.tsx. */
export { default as Header } from './Header';
export { Split } from './layout/Split';
export { EventDetails } from './timeline/EventDetails';

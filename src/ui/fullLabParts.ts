/** What only the full lab shows or does (not an embed): one chunk, loaded by startParts.tsx. */
export { default as Header } from './Header';
export { Split } from './layout/Split';
export { EventDetails } from './timeline/EventDetails';
// the address follows the lab (links/address.ts forwards to it)
export * as addressSync from './links/addressSync';

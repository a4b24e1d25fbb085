/** The version of the postMessage protocol (docs/embedding.md): in the `ready` message, checked by host pages. */
export const PROTOCOL_VERSION = 1;

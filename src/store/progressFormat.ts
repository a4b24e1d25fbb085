/** The lesson progress file's name tags and size bound, shared by the lesson store and the file's checks (progressFile.ts). */
export const PROGRESS_FORMAT = 'pnp-lab-lesson-progress';
export const PROGRESS_VERSION = 1;
/** Longest progress text read (a file holds a few kilobytes). */
export const MAX_PROGRESS_CHARS = 2_000_000;

/** The flow adapter's per-run index (events and skips grouped by user action). */
import { indexActions, type ActionIndex } from './flow/actionPath';
import type { RunResult } from './runLab';

export type { ActionIndex };

export function indexRun(run: RunResult): ActionIndex {
  return indexActions(run.trace, run.skips);
}

/** An action or input the lab cannot carry out; `path` names the field at fault (e.g. `steps[2].device`). */
export class LabError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path}: ${expected}`);
    this.name = 'LabError';
  }
}

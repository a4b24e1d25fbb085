/**
 * The timeline's scroll position as the list knows it, so no update has to read the element (reading
 * scrollTop lays the page out). The list writes its own scrollTop just before a frame; the browser
 * reports that write with a scroll event at the start of the next frame. By then the cursor may have
 * moved again and a newer position be waiting to be written: that late report is the list's own
 * earlier write, not the person scrolling, and must not undo the newer position.
 */
export class ListScroll {
  /** The scrollTop as last set by the list or seen after the person scrolled. */
  known = 0;
  /** A scrollTop the list wrote whose scroll event has not come yet. */
  private written: number | undefined;

  /** The list moves to `top`; returns true when that is a change, to be written before the next frame. */
  set(top: number): boolean {
    const changed = top !== this.known;
    this.known = top;
    return changed;
  }

  /** Just before the frame: the value to write to the element, or undefined when `want` was superseded. */
  toWrite(want: number): number | undefined {
    if (want !== this.known) return undefined;
    this.written = want;
    return want;
  }

  /** A scroll event reported `seen`; returns true when the person scrolled (the rows in view must be rendered). */
  seen(seen: number): boolean {
    const own = seen === this.written;
    this.written = undefined;
    if (seen === this.known || own) return false;
    this.known = seen;
    return true;
  }
}

/** Shared Tailwind class strings for the small controls of the side panels (one look everywhere). */
export const btn = 'inline-flex items-center gap-1 rounded-md border border-line bg-panel px-2 py-0.5 text-sm font-medium hover:bg-sunken disabled:cursor-not-allowed disabled:opacity-45';
export const btnPrimary = 'inline-flex items-center gap-1 rounded-md border border-accent bg-accent px-2.5 py-0.5 text-sm font-semibold text-accent-ink hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-45';
export const field = 'rounded-md border border-line bg-panel px-1.5 py-0.5 text-sm';
export const card = 'rounded-xl border border-line bg-panel p-2.5 shadow-sm';
export const sectionTitle = 'text-xs font-semibold uppercase tracking-wide text-muted';
/** Small secondary buttons in card headers. */
export const btnSm = 'inline-flex items-center gap-1 rounded-md border border-line bg-panel px-1.5 text-xs font-medium leading-5 hover:bg-sunken disabled:cursor-not-allowed disabled:opacity-45';
export const btnSmDanger = 'inline-flex items-center gap-1 rounded-md border border-transparent px-1.5 text-xs font-medium leading-5 text-bad hover:border-bad/40 hover:bg-bad-soft';

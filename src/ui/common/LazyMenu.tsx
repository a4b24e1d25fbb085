/**
 * The drop-down menu (Menu.tsx) as a chunk of its own: no page shows a menu until someone opens one.
 * A menu's button fetches it when the pointer or the focus reaches it (`prefetchMenu`), so it opens at once.
 */
import { lazy, Suspense, type ComponentProps } from 'react';

const load = () => import('./Menu');
let fetching: ReturnType<typeof load> | undefined;

/** Fetches the menu's chunk (once). */
export function prefetchMenu(): void {
  fetching ??= load();
}

const MenuPart = lazy(() => {
  prefetchMenu();
  return fetching!.then((m) => ({ default: m.Menu }));
});

export function Menu(props: ComponentProps<typeof MenuPart>) {
  return <Suspense fallback={null}><MenuPart {...props} /></Suspense>;
}

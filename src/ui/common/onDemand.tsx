import { use, type ComponentType } from 'react';

/** A part loaded on first use: `prefetch` fetches it (once); `Loaded` renders it, suspending only while it is not there yet. */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>) {
  let part: ComponentType<P> | undefined;
  let fetching: Promise<void> | undefined;
  const fetch = () => (fetching ??= load().then((c) => void (part = c)));
  function Loaded(props: P) {
    if (!part) use(fetch());
    const Part = part!;
    return <Part {...props} />;
  }
  return { Loaded, prefetch: () => void fetch().catch(() => undefined) };
}

import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import App from './App';
import { StoresProvider } from './store/hooks';
import { createStores } from './store/stores';
import { EMBED, readEmbedParams } from './ui/links/useLabLinks';
import { prefetchWhenReachedFor } from './ui/lazyParts';
import { loadStartParts } from './ui/startParts';

const root = document.getElementById('root');
if (!root) throw new Error('PnP Lab: #root element missing from index.html');

// an embed's `scenario` link (it may name a lesson, which adds the lesson panel), then the parts this
// page shows (the header and panels an embed leaves out are never fetched), then the lab
const parts = readEmbedParams()
  .catch(() => {
    // the link codec did not load: the lab opens with its default scenario
  })
  .then(() => loadStartParts(EMBED.params));
// the page's lab (its first run happens here, while those parts download)
const stores = createStores();
void parts
  .catch(() => {
    // a part that did not load renders nothing; the rest of the lab still works
  })
  .then(() => {
    // a transition: React renders the first view in slices, yielding to the browser, instead of one long task
    startTransition(() =>
      createRoot(root).render(
        <StrictMode>
          <StoresProvider stores={stores}>
            <App />
          </StoresProvider>
        </StrictMode>,
      ),
    );
  });

// what the first edit needs is fetched when the lab is first reached for, and the fonts a big lab needs are looked
// up then while the page is idle (ui/lazyParts.tsx)
prefetchWhenReachedFor();

// Offline after the first visit: the service worker (vite-plugin-pwa, vite.config.ts) stores the app's
// files once the page has loaded. Not in embedded frames (the host page is not offline-ready anyway)
// and not in development.
if (import.meta.env.PROD && !EMBED.params.embed && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => {
      // no service worker (file://, a blocked origin, private mode): the lab works online as before
    });
  });
}

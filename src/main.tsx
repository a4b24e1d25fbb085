import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import App from './App';
import { EMBED } from './ui/links/useLabLinks';

const root = document.getElementById('root');
if (!root) throw new Error('PnP Lab: #root element missing from index.html');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

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

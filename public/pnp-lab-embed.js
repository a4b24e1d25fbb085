/* PnP Lab embed: <pnp-lab src="https://…/pnp-lab/" lesson="a-device-starts" panels="flow,timeline,lesson"></pnp-lab>
   Attributes: src lesson scenario compare panels autoplay step theme readonly controls origins height title load.
   Methods: play() pause() step(n) load(lessonId | permalink | {scenario, lesson, task, cursor}) setTheme(light | dark | auto).
   Events (detail = the lab's message): pnp-lab-ready, pnp-lab-step, pnp-lab-lesson-completed, pnp-lab-error.
   Protocol: src/embed/messages.ts; docs/embedding.md. No build step; plain ES2020. */
(() => {
  if (!window.customElements || customElements.get('pnp-lab')) return;
  // the lab reads these from its address when it starts
  const PARAMS = ['lesson', 'scenario', 'compare', 'panels', 'autoplay', 'step', 'theme', 'readonly', 'controls', 'origins'];
  const FLAGS = ['autoplay', 'readonly', 'controls'];
  // a change of one of these restarts the frame; it resumes where the learner was (the `session` parameter)
  const RESTART = ['src', 'panels', 'readonly', 'controls', 'origins'];
  const EVENTS = { 'pnp-lab:ready': 'pnp-lab-ready', 'pnp-lab:step-changed': 'pnp-lab-step', 'pnp-lab:lesson-completed': 'pnp-lab-lesson-completed', 'pnp-lab:error': 'pnp-lab-error' };
  const MIN_HEIGHT = 120;
  const MAX_HEIGHT = 20000;
  const clampHeight = (h) => Math.min(Math.max(Math.ceil(h), MIN_HEIGHT), MAX_HEIGHT);
  const shown = (text) => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);

  /** The host page's theme: a class or data attribute on <html> (then <body>), its color-scheme, else the reader's preference. */
  function hostTheme() {
    const named = (v) => (/dark|night|slate/i.test(v) ? 'dark' : /light|day/i.test(v) ? 'light' : '');
    for (const el of [document.documentElement, document.body]) {
      if (!el) continue;
      for (const c of el.classList) {
        const m = /^(?:theme-|is-)?(dark|light)(?:-mode|-theme)?$/i.exec(c);
        if (m) return m[1].toLowerCase();
      }
      for (const a of ['data-theme', 'data-bs-theme', 'data-color-scheme', 'data-color-mode', 'data-mode', 'data-md-color-scheme']) {
        const v = named(el.getAttribute(a) || '');
        if (v) return v;
      }
    }
    const scheme = getComputedStyle(document.documentElement).colorScheme || '';
    const dark = /\bdark\b/.test(scheme);
    if (dark !== /\blight\b/.test(scheme)) return dark ? 'dark' : 'light';
    return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  // one watcher for every element with theme="auto"
  const following = new Set();
  const followHost = () => { for (const el of following) el._applyTheme(); };
  let watching = false;
  function watchHost() {
    if (watching) return;
    watching = true;
    const observer = new MutationObserver(followHost);
    observer.observe(document.documentElement, { attributes: true });
    if (document.body) observer.observe(document.body, { attributes: true });
    else document.addEventListener('DOMContentLoaded', () => { observer.observe(document.body, { attributes: true }); followHost(); });
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', followHost);
  }

  const STYLE = ':host{display:block}iframe{display:block;width:100%;border:0;min-height:120px}'
    + '.poster{position:relative;display:block;width:100%;aspect-ratio:1200/630;padding:0;border:0;cursor:pointer;background:#1e293b;color:#fff;font:600 1.05rem/1.4 system-ui,sans-serif;overflow:hidden}'
    + '.poster img,.print img{display:block;width:100%;height:100%;object-fit:cover}.poster img{filter:brightness(.8) saturate(.8)}'
    + '.poster span{position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);padding:.6em 1.1em;border-radius:999px;background:rgba(15,23,42,.88);white-space:nowrap}'
    + '.poster:hover span{background:#1d4ed8}.poster:focus-visible{outline:3px solid #2563eb;outline-offset:-3px}'
    + '.error{margin:0;padding:.75rem 1rem;border:1px solid #b91c1c;border-radius:6px;color:#b91c1c;background:#fff;font:.95rem/1.4 system-ui,sans-serif}'
    + '.print{display:none}'
    + '@media print{iframe,.poster{display:none}.print{display:block;break-inside:avoid}.print img{height:auto;aspect-ratio:1200/630}.print p{margin:.4rem 0 0;font:.9rem/1.4 system-ui,sans-serif}}';

  class PnpLab extends HTMLElement {
    static get observedAttributes() { return ['src', 'height', 'title', 'load', ...PARAMS]; }

    constructor() {
      super();
      this._root = null;
      this._frame = null;
      this._origin = '';
      this._ready = false;
      this._queue = [];
      this._cursor = 0;
      this._theme = '';
      // the lab keeps the learner's state under this name while its frame restarts
      this._session = Math.random().toString(36).slice(2, 12);
      this._onMessage = (e) => this._receive(e);
    }

    connectedCallback() {
      window.addEventListener('message', this._onMessage);
      if (this.getAttribute('theme') === 'auto') this._follow(true);
      if (!this._root) this._render();
    }

    disconnectedCallback() {
      window.removeEventListener('message', this._onMessage);
      this._follow(false);
    }

    attributeChangedCallback(name, before, after) {
      if (!this._root || before === after) return;
      if (name === 'height') {
        if (this._frame) this._frame.style.height = this._fixedHeight() || this._frame.style.height;
      } else if (name === 'title') {
        if (this._frame) this._frame.title = after || 'PnP Lab';
      } else if (name === 'theme') {
        this._follow(after === 'auto');
        this._applyTheme();
      } else if (!this._frame || RESTART.includes(name)) {
        this._render();
      } else if (name === 'lesson') {
        if (after) this.load({ lesson: after });
      } else if (name === 'scenario') {
        if (after) this.load({ scenario: after });
      } else if (name === 'step') {
        const n = Number(after);
        if (after !== null && Number.isInteger(n) && n >= 0) this.step(n - this._cursor);
      } else if (name === 'autoplay') {
        if (after !== null && !/^(0|false|no|off)$/i.test(after)) this.play();
        else this.pause();
      }
    }

    play() { this._send({ type: 'pnp-lab:play' }); }
    pause() { this._send({ type: 'pnp-lab:pause' }); }
    step(n = 1) { this._send({ type: 'pnp-lab:step', delta: Math.trunc(Number(n)) || 0 }); }
    load(what) {
      // a kebab-case word is a lesson id; any other string a permalink; an object a load message or a scenario
      if (typeof what === 'string') what = /^[a-z0-9]+(-[a-z0-9]+)*$/.test(what) ? { lesson: what } : { scenario: what };
      else if (what && (what.devices || what.steps)) what = { scenario: what };
      this._send(Object.assign({}, what, { type: 'pnp-lab:load' }));
    }
    setTheme(theme) { this._send({ type: 'pnp-lab:set-theme', theme }); }

    /** The lab's address from `src`: http(s) only (anything else could run script in this page), else null. */
    _labUrl() {
      const src = this.getAttribute('src') || './';
      let url;
      try {
        url = new URL(src, document.baseURI);
      } catch {
        url = null;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
        this._error = `PnP Lab: src must be an http: or https: address; got ${shown(src)}`;
        return null;
      }
      url.hash = '';
      return url;
    }

    _url(lab, embed) {
      const url = new URL(lab.href);
      if (embed) url.searchParams.set('embed', '1');
      for (const p of PARAMS) {
        let v = this.getAttribute(p);
        if (v === null || (!embed && !['lesson', 'scenario', 'compare', 'step'].includes(p))) continue;
        if (p === 'theme' && v === 'auto') v = hostTheme();
        url.searchParams.set(p, FLAGS.includes(p) ? (/^(0|false|no|off)$/i.test(v) ? '0' : '1') : v);
      }
      if (embed) url.searchParams.set('session', this._session);
      return url;
    }

    _fixedHeight() {
      const h = parseFloat(this.getAttribute('height') || '');
      return h > 0 ? `${clampHeight(h)}px` : '';
    }

    _poster(lab) {
      const lesson = this.getAttribute('lesson');
      return new URL(`preview/${lesson && /^[a-z0-9-]+$/.test(lesson) ? lesson : 'lab'}.png`, lab).href;
    }

    _render() {
      if (!this._root) {
        this._root = this.attachShadow ? this.attachShadow({ mode: 'open' }) : this;
        const style = document.createElement('style');
        style.textContent = STYLE;
        this._root.append(style);
      }
      for (const el of [...this._root.children]) if (el !== this._frame && el.localName !== 'style') el.remove();
      this._ready = false;
      const lab = this._labUrl();
      if (!lab) {
        if (this._frame) this._frame.remove();
        this._frame = null;
        const p = document.createElement('p');
        p.className = 'error';
        p.textContent = this._error;
        this._root.append(p);
        this.dispatchEvent(new CustomEvent('pnp-lab-error', { detail: { type: 'pnp-lab:error', message: this._error }, bubbles: true, composed: true }));
        return;
      }
      this._origin = lab.origin;
      const title = this.getAttribute('title') || 'PnP Lab';
      const picture = () => {
        const img = document.createElement('img');
        img.alt = '';
        img.loading = 'lazy';
        img.src = this._poster(lab);
        img.onerror = () => img.remove();
        return img;
      };

      // printed: the picture and the link, never an empty frame
      const print = document.createElement('div');
      print.className = 'print';
      const line = document.createElement('p');
      const link = document.createElement('a');
      link.href = link.textContent = this._url(lab, false).href;
      line.append(`${title}: `, link);
      print.append(picture(), line);
      this._root.append(print);

      if (this.getAttribute('load') === 'click' && !this._clicked) {
        const poster = document.createElement('button');
        poster.type = 'button';
        poster.className = 'poster';
        const label = document.createElement('span');
        label.textContent = `▶ Load ${title}`;
        poster.append(picture(), label);
        poster.addEventListener('click', () => {
          this._clicked = true;
          this._render();
          if (this._frame) this._frame.focus();
        });
        this._root.append(poster);
        return;
      }

      if (!this._frame) {
        this._frame = document.createElement('iframe');
        this._frame.loading = 'lazy';
        // the lab accepts commands from this page's origin, which it learns from the referrer
        this._frame.referrerPolicy = 'origin';
        this._frame.allow = 'clipboard-write';
        this._frame.style.height = this._fixedHeight() || '640px';
        this._root.append(this._frame);
      }
      this._frame.title = title;
      // a new address restarts the lab in the same frame; it resumes from its session
      this._frame.src = this._url(lab, true).href;
      this._theme = this.getAttribute('theme') === 'auto' ? hostTheme() : '';
    }

    _follow(on) {
      if (on) {
        following.add(this);
        watchHost();
      } else {
        following.delete(this);
      }
    }

    /** Tells the lab the theme the attribute asks for (with `auto`, the host page's); only changes are sent. */
    _applyTheme() {
      const attr = this.getAttribute('theme');
      const theme = attr === 'auto' ? hostTheme() : attr === 'light' || attr === 'dark' ? attr : 'auto';
      if (theme === this._theme) return;
      this._theme = theme;
      this._queue = this._queue.filter((m) => m.type !== 'pnp-lab:set-theme');
      this.setTheme(theme);
    }

    _send(message) {
      if (this._ready && this._frame && this._frame.contentWindow) this._frame.contentWindow.postMessage(message, this._origin);
      else this._queue.push(message);
    }

    _receive(e) {
      // only this element's own frame, from the lab's origin, speaking the lab's protocol
      if (!this._frame || e.source !== this._frame.contentWindow || e.origin !== this._origin) return;
      const d = e.data;
      if (!d || typeof d !== 'object' || typeof d.type !== 'string') return;
      if (d.type === 'pnp-lab:resize') {
        if (!this._fixedHeight() && typeof d.height === 'number' && d.height > 0) this._frame.style.height = `${clampHeight(d.height)}px`;
        return;
      }
      if (d.type === 'pnp-lab:step-changed' && typeof d.cursor === 'number') this._cursor = d.cursor;
      if (d.type === 'pnp-lab:ready') {
        this._ready = true;
        const queued = this._queue.splice(0);
        for (const m of queued) this._send(m);
      }
      const name = EVENTS[d.type];
      if (name) this.dispatchEvent(new CustomEvent(name, { detail: d, bubbles: true, composed: true }));
    }
  }

  customElements.define('pnp-lab', PnpLab);
})();

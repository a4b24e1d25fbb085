/* PnP Lab embed: <pnp-lab src="https://…/pnp-lab/" lesson="a-device-starts" panels="flow,timeline,lesson"></pnp-lab>
   Attributes: src lesson scenario panels autoplay step theme readonly controls origins height title.
   Methods: play() pause() step(n) load(lessonId | permalink | {scenario, lesson, task, cursor}).
   Events (detail = the lab's message): pnp-lab-ready, pnp-lab-step, pnp-lab-lesson-completed, pnp-lab-error.
   Protocol: src/embed/messages.ts. No build step; plain ES2020. */
(() => {
  if (!window.customElements || customElements.get('pnp-lab')) return;
  const PARAMS = ['lesson', 'scenario', 'panels', 'autoplay', 'step', 'theme', 'readonly', 'controls', 'origins'];
  const FLAGS = ['autoplay', 'readonly', 'controls'];
  const EVENTS = { 'pnp-lab:ready': 'pnp-lab-ready', 'pnp-lab:step-changed': 'pnp-lab-step', 'pnp-lab:lesson-completed': 'pnp-lab-lesson-completed', 'pnp-lab:error': 'pnp-lab-error' };

  class PnpLab extends HTMLElement {
    static get observedAttributes() { return ['src', 'height', 'title', ...PARAMS]; }

    constructor() {
      super();
      this._frame = null;
      this._origin = '';
      this._ready = false;
      this._queue = [];
      this._onMessage = (e) => this._receive(e);
    }

    connectedCallback() {
      window.addEventListener('message', this._onMessage);
      if (!this._frame) this._render();
    }

    disconnectedCallback() {
      window.removeEventListener('message', this._onMessage);
    }

    attributeChangedCallback(name, before, after) {
      if (!this._frame || before === after) return;
      if (name === 'height') this._frame.style.height = this._fixedHeight() || this._frame.style.height;
      else if (name === 'title') this._frame.title = after || 'PnP Lab';
      else this._render();
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

    _url() {
      const url = new URL(this.getAttribute('src') || './', document.baseURI);
      url.hash = '';
      url.searchParams.set('embed', '1');
      for (const p of PARAMS) {
        const v = this.getAttribute(p);
        if (v === null) continue;
        url.searchParams.set(p, FLAGS.includes(p) ? (/^(0|false|no|off)$/i.test(v) ? '0' : '1') : v);
      }
      return url;
    }

    _fixedHeight() {
      const h = parseFloat(this.getAttribute('height') || '');
      return h > 0 ? `${h}px` : '';
    }

    _render() {
      const url = this._url();
      this._origin = url.origin;
      this._ready = false;
      if (!this._frame) {
        const root = this.attachShadow ? this.attachShadow({ mode: 'open' }) : this;
        const style = document.createElement('style');
        style.textContent = ':host{display:block}iframe{display:block;width:100%;border:0;min-height:120px}';
        this._frame = document.createElement('iframe');
        this._frame.loading = 'lazy';
        // the lab accepts commands from this page's origin, which it learns from the referrer
        this._frame.referrerPolicy = 'origin';
        this._frame.allow = 'clipboard-write';
        this._frame.style.height = this._fixedHeight() || '640px';
        root.append(style, this._frame);
      }
      this._frame.title = this.getAttribute('title') || 'PnP Lab';
      this._frame.src = url.href;
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
        if (!this._fixedHeight() && typeof d.height === 'number' && d.height > 0) this._frame.style.height = `${Math.min(Math.ceil(d.height), 20000)}px`;
        return;
      }
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

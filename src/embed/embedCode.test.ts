import { describe, expect, it } from 'vitest';
import { checkLesson } from '../share/lessonLink';
import { decodePermalink } from '../share/permalink';
import { embedCode, embedUrl } from './embedCode';
import { parseEmbedParams } from './params';

const scenario = { seed: 1, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug' as const, device: 'disk' }] };

describe('embed code', () => {
  it('a lesson: script tag, element, a fallback link', () => {
    expect(embedCode({ labUrl: 'https://example.org/pnp-lab/?x=1#y', lesson: 'a-device-starts', panels: ['flow', 'timeline', 'lesson'] })).toBe(
      '<script src="https://example.org/pnp-lab/pnp-lab-embed.js" defer></script>\n'
      + '<pnp-lab src="https://example.org/pnp-lab/?x=1" lesson="a-device-starts" panels="flow,timeline,lesson"><a href="https://example.org/pnp-lab/?x=1&amp;lesson=a-device-starts&amp;panels=flow%2Ctimeline%2Clesson">Open PnP Lab</a></pnp-lab>\n',
    );
  });

  it('a scenario: its permalink token in the scenario attribute; every option', () => {
    const code = embedCode({ labUrl: 'https://example.org/', scenario: { scenario, cursor: 9 }, autoplay: true, step: 3, theme: 'dark', readonly: true, controls: false, height: 500, title: 'Lab "A" <1>' });
    const token = /scenario="([^"]+)"/.exec(code)![1];
    expect(decodePermalink(token)).toMatchObject({ ok: true, state: { scenario, cursor: 9 } });
    expect(code).toContain(' autoplay="1" step="3" theme="dark" readonly="1" controls="0" height="500" title="Lab &quot;A&quot; &lt;1&gt;">');
    expect(code).toContain('>Open Lab "A" &lt;1&gt;</a>');
  });

  it('the embed URL reads back as the same parameters', () => {
    const url = embedUrl({ labUrl: 'https://example.org/lab/', scenario: { scenario, lesson: 'a-device-starts' }, panels: ['tree'], autoplay: true, controls: false });
    const { params, problems } = parseEmbedParams(url, { decodePermalink, checkLesson });
    expect(problems).toEqual([]);
    expect(params).toMatchObject({ embed: true, lesson: 'a-device-starts', panels: ['tree'], autoplay: true, controls: false, scenario: { scenario } });
  });

  it('an iframe for sites without scripts', () => {
    expect(embedCode({ labUrl: 'https://example.org/', lesson: 'wia-disconnect', iframe: true })).toBe(
      '<iframe src="https://example.org/?embed=1&amp;lesson=wia-disconnect" title="PnP Lab" loading="lazy" referrerpolicy="origin" style="width:100%;height:640px;border:0"></iframe>\n',
    );
  });
});

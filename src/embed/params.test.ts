import { describe, expect, it } from 'vitest';
import { decodePermalink, encodePermalink, legacyScenarioHash } from '../share/permalink';
import { checkLesson } from '../share/lessonLink';
import { parseComparisonText } from '../scenario/comparison';
import { describeProblems, neededReaders, normalizeOrigin, parseEmbedParams as parseWith } from './params';

/** The parameters as the app reads them before its first render (a `scenario` link decoded, a `lesson` checked, `compare` read). */
const parseEmbedParams = (input: string | URLSearchParams) => parseWith(input, { decodePermalink, checkLesson, parseComparisonText });

const scenario = { seed: 1, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug' as const, device: 'disk' }] };

describe('embed parameters', () => {
  it('defaults: not embedded, all panels but the lesson, controls on, nothing else', () => {
    const { params, problems } = parseEmbedParams('');
    expect(problems).toEqual([]);
    expect(params).toEqual({ embed: false, panels: ['hardware', 'tree', 'flow', 'timeline'], autoplay: false, readonly: false, controls: true, origins: [] });
  });

  it('reads every parameter', () => {
    const token = encodePermalink({ scenario, cursor: 12 });
    const { params, problems } = parseEmbedParams(`?embed=1&lesson=a-device-starts&scenario=${token}&panels=flow, timeline,lesson&autoplay=true&step=40&theme=Dark&readonly=yes&controls=0&origins=https://School.example:443,http://localhost:8080`);
    expect(problems).toEqual([]);
    expect(params).toEqual({
      embed: true, lesson: 'a-device-starts', scenario: { scenario, cursor: 12 }, panels: ['flow', 'timeline', 'lesson'], autoplay: true,
      step: 40, theme: 'dark', readonly: true, controls: false, origins: ['https://school.example', 'http://localhost:8080'],
    });
  });

  it('takes a whole URL, URLSearchParams, a bare flag, and the link\'s cursor, lesson and task', () => {
    const token = encodePermalink({ scenario, cursor: 7, lesson: 'a-device-starts', task: 'second-disk' });
    const { params } = parseEmbedParams(`https://lab.example/?embed&scenario=${encodeURIComponent(`#lab=${token}`)}#x`);
    expect(params).toMatchObject({ embed: true, step: 7, lesson: 'a-device-starts', task: 'second-disk', panels: ['hardware', 'tree', 'flow', 'timeline', 'lesson'] });
    expect(parseEmbedParams(new URLSearchParams({ autoplay: '1' })).params.autoplay).toBe(true);
  });

  it('a lesson parameter naming another lesson than the link drops the link\'s task', () => {
    const token = encodePermalink({ scenario, lesson: 'a-device-starts', task: 'second-disk' });
    const { params } = parseEmbedParams(`?scenario=${token}&lesson=wia-disconnect`);
    expect(params.lesson).toBe('wia-disconnect');
    expect(params.task).toBeUndefined();
  });

  it('theme auto and a session name (set by the <pnp-lab> element); a bad session name is named and ignored', () => {
    expect(parseEmbedParams('?embed=1&theme=AUTO&session=k3x9a0b1').params).toMatchObject({ theme: 'auto', session: 'k3x9a0b1' });
    const bad = parseEmbedParams('?embed=1&session=../x');
    expect(bad.params.session).toBeUndefined();
    expect(bad.problems.map((p) => p.text)).toEqual(['session: got "../x"; expected up to 32 letters and digits (the lab does not resume a restarted frame)']);
  });

  it('accepts old #scenario= links as the scenario', () => {
    const old = legacyScenarioHash(scenario);
    expect(parseEmbedParams(`?scenario=${encodeURIComponent(old)}`).params.scenario).toEqual({ scenario });
  });

  it('bad values: a clear problem naming the parameter, and the default', () => {
    const { params, problems } = parseEmbedParams('?embed=maybe&lesson=nope&scenario=1.garbage&panels=flow,graph,xyz&autoplay=2&step=-3&theme=blue&readonly=x&controls=&origins=ftp://x,https://a.example/path,*');
    expect(params).toEqual({ embed: false, panels: ['flow'], autoplay: false, readonly: false, controls: true, origins: ['*'] });
    const byParam = Object.fromEntries(problems.map((p) => [p.param, p.text]));
    expect(byParam.embed).toBe('embed: got "maybe"; expected 1 or 0 (using 0)');
    expect(byParam.lesson).toMatch(/^lesson: unknown lesson "nope"; expected one of: a-device-starts, .* \(no lesson is opened\)$/);
    expect(byParam.scenario).toMatch(/^scenario: \(link\): .* \(the lab opens with its default scenario\)$/);
    expect(byParam.panels).toBe('panels: unknown panels "graph", "xyz"; expected a comma list of hardware, tree, flow, timeline, lesson, source, compare');
    expect(byParam.step).toBe('step: got "-3"; expected a whole number >= 0 (events applied)');
    expect(byParam.theme).toMatch(/^theme: got "blue"; expected light, dark or auto/);
    expect(problems.filter((p) => p.param === 'origins').map((p) => p.message)).toEqual([
      '"ftp://x" is not an origin; expected e.g. https://example.org (scheme, host and port only) or *',
      '"https://a.example/path" is not an origin; expected e.g. https://example.org (scheme, host and port only) or *',
    ]);
    expect(describeProblems(problems)).toMatch(/^Some embed settings were not understood and their defaults are used: embed: got "maybe"/);
    expect(describeProblems([])).toBeUndefined();
  });

  it('a scenario link with a broken scenario names the field', () => {
    const bad = encodePermalink({ scenario: { seed: 1, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug', device: 'disc' }] } });
    const { problems } = parseEmbedParams(`?scenario=${bad}`);
    expect(problems[0].text).toBe('scenario: scenario.steps[0].device: unknown device "disc"; expected one of: disk (the lab opens with its default scenario)');
  });

  it('panels: only unknown or empty names fall back to the defaults; duplicates are dropped', () => {
    expect(parseEmbedParams('?panels=graph').params.panels).toEqual(['hardware', 'tree', 'flow', 'timeline']);
    expect(parseEmbedParams('?panels=,').problems[0].text).toMatch(/^panels: empty/);
    expect(parseEmbedParams('?panels=flow,flow,tree').params.panels).toEqual(['flow', 'tree']);
  });

  it('embedded: unknown and repeated parameters are reported', () => {
    const { problems } = parseEmbedParams('?embed=1&pannels=flow&step=1&step=2');
    expect(problems.map((p) => p.text)).toEqual(['step: given 2 times; the first value is used', 'pannels: unknown embed parameter; expected one of: embed, lesson, scenario, panels, autoplay, step, theme, readonly, controls, origins, session, compare']);
    expect(parseEmbedParams('?utm_source=x').problems).toEqual([]);
  });

  it('origins are normalized', () => {
    expect(normalizeOrigin('https://Example.org:443/')).toBe('https://example.org');
    expect(normalizeOrigin('http://127.0.0.1:4173')).toBe('http://127.0.0.1:4173');
    expect(normalizeOrigin('null')).toBeUndefined();
    expect(normalizeOrigin('https://a.example/?q')).toBeUndefined();
    expect(normalizeOrigin('javascript:alert(1)')).toBeUndefined();
  });

  it('without the readers a scenario link, a lesson and a comparison are left for later, and nothing else changes', () => {
    const token = encodePermalink({ scenario, lesson: 'a-device-starts' });
    const query = `?embed=1&scenario=${token}&theme=dark`;
    expect(neededReaders(query)).toEqual({ decodePermalink: true, checkLesson: true, parseComparisonText: false });
    expect(neededReaders('?embed=1&lesson=a-device-starts')).toEqual({ decodePermalink: false, checkLesson: true, parseComparisonText: false });
    expect(neededReaders('?embed=1&panels=flow')).toEqual({ decodePermalink: false, checkLesson: false, parseComparisonText: false });
    expect(neededReaders('?embed=1&compare=framework/disk')).toEqual({ decodePermalink: false, checkLesson: false, parseComparisonText: true });
    expect(parseWith('?embed=1&lesson=nope').params.lesson).toBeUndefined();
    expect(parseWith('?embed=1&lesson=nope').problems).toEqual([]);
    expect(parseWith('?embed=1&compare=frame/disk&compare=x').params.compare).toBeUndefined();
    expect(parseWith('?embed=1&compare=frame/disk&compare=x').problems).toEqual([]);
    const first = parseWith(query);
    expect(first.problems).toEqual([]);
    expect(first.params).toMatchObject({ embed: true, theme: 'dark', panels: ['hardware', 'tree', 'flow', 'timeline'] });
    expect(first.params.scenario).toBeUndefined();
    // decoded, the link's lesson opens and adds the lesson panel
    expect(parseEmbedParams(query).params).toMatchObject({ embed: true, theme: 'dark', lesson: 'a-device-starts', scenario: { scenario }, panels: ['hardware', 'tree', 'flow', 'timeline', 'lesson'] });
  });
});

describe('compare=', () => {
  it('keeps a comparison it can read, names one it cannot, and shows Compare in Device Manager\'s place', () => {
    const ok = parseEmbedParams('?embed=1&compare=framework/disk');
    expect(ok.params.compare).toBe('framework/disk');
    expect(ok.params.panels).toEqual(['hardware', 'compare', 'flow', 'timeline']);
    expect(ok.problems).toEqual([]);
    const bad = parseEmbedParams('?embed=1&compare=frame/disk');
    expect(bad.params.compare).toBeUndefined();
    expect(bad.params.panels).toEqual(['hardware', 'tree', 'flow', 'timeline']);
    expect(bad.problems.map((p) => p.text)).toEqual(['compare: got "frame/disk"; expected framework/DEVICE, callback/DEVICE[/LAYER]/CALLBACK/BEHAVIOUR, client/CLIENT/onQueryRemove|onProfileQuery/VALUE, openHandles/DEVICE/N or removal/STEP (docs/embedding.md) (no comparison is shown)']);
    expect(parseEmbedParams('?embed=1&compare=framework/disk&panels=flow,source').params.panels).toEqual(['flow', 'source']);
  });
});

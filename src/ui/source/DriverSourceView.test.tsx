import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { highlight } from '../../sources/highlight';
import { DRIVER_SOURCES, functionNamed } from '../../sources/index';
import { DriverSourceView } from './DriverSourceView';

const kmdf = DRIVER_SOURCES['kmdf-function'];

describe('DriverSourceView (rendered to markup, no DOM)', () => {
  it('shows the file, the running function and its return line, highlighted, as text (no markup from the source)', () => {
    const html = renderToStaticMarkup(
      <DriverSourceView source={kmdf} highlighter={highlight} active="EvtDeviceQueryRemove" caller="IRP_MN_QUERY_REMOVE_DEVICE" behaviours={{ EvtDeviceQueryRemove: 'fail' }} />,
    );
    const fn = functionNamed(kmdf, 'EvtDeviceQueryRemove')!;
    expect(html).toContain('aria-label="Driver source"');
    expect(html).toContain('SimDevice.c');
    expect(html).toMatch(/IRP_MN_QUERY_REMOVE_DEVICE → <\/span><span[^>]*>SimEvtDeviceQueryRemove<\/span><span[^>]*>, returns on line 511</);
    expect(fn.behaviourLine).toBe(511);
    expect((html.match(/data-active="true"/g) ?? []).length).toBe(fn.last - fn.first + 1);
    expect(html).toContain('data-line="511" data-active="true" data-setting="fails"');
    expect(html).toContain('<span class="text-syn-keyword font-semibold">return</span> <span class="text-syn-constant">STATUS_UNSUCCESSFUL</span>;');
    expect(html).toContain('◀ returns here: set to fail');
    // source text is escaped, never markup: the includes' angle brackets come out as entities
    expect(html).toContain('&lt;wdf.h&gt;');
    expect(html).not.toContain('<wdf.h>');
  });

  it('shows plain text until the tokenizer has loaded', () => {
    const html = renderToStaticMarkup(<DriverSourceView source={DRIVER_SOURCES['wia-minidriver']} active="drvAcquireItemData" />);
    expect(html).toContain('CWiaDriver::drvAcquireItemData');
    expect(html).not.toContain('text-syn-');
  });

  it('says when the running function never returns, and why for UMDF 1', () => {
    const html = renderToStaticMarkup(
      <DriverSourceView source={DRIVER_SOURCES['umdf1-driver']} highlighter={highlight} active="IPnpCallback::OnD0Exit" behaviours={{ 'IPnpCallback::OnD0Exit': 'hang' }} />,
    );
    expect(html).toContain(', never returns (set to hang; the reflector ends the host after 60 s)');
    expect(html).toContain('◀ stops here: set to hang');
    expect(html).not.toContain('returns here');
  });
});

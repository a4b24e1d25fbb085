/**
 * The sources against the engine's tables: every callback the tables can call has a function, declared VOID exactly
 * when the engine says its event carries no result; every failure the settings allow has a line the panel can draw.
 * The names come from the registry and the tables, never from a list kept here.
 */
import { describe, expect, it } from 'vitest';
import { PDO_CALLBACKS } from '../engine/bus/catalog';
import type { Behavior } from '../engine/framework/layerState';
import { FRAMEWORKS } from '../engine/frameworks';
import { FAILABLE_CALLBACKS, FRAMEWORK_CALLBACKS, TRANSITION_FAILABLE_CALLBACKS } from '../engine/tables/registry';
import { DRIVER_SOURCES, functionNamed, lineForResult, RESULTS, showBehaviour, type DriverSource } from './index';
import { minidriverMethods, WIA_ACTIONS, wiaRows } from './sourceCorpus';

const FRAMEWORK_SOURCES = {
  kmdf: [DRIVER_SOURCES['kmdf-function'], DRIVER_SOURCES['kmdf-filter'], DRIVER_SOURCES['kmdf-bus']],
  umdf1: [DRIVER_SOURCES['umdf1-driver']],
} as const;
const WIA = DRIVER_SOURCES['wia-minidriver'];

const allFunctions = (sources: readonly DriverSource[]) => new Set(sources.flatMap((s) => s.functions.map((f) => f.name)));

describe('every callback the tables can call has a function', () => {
  it.each(['kmdf', 'umdf1'] as const)('%s: in one of its sources, and the sources name no other callback', (fw) => {
    const inSources = allFunctions(FRAMEWORK_SOURCES[fw]);
    const missing = [...FRAMEWORK_CALLBACKS[fw]].filter((n) => !inSources.has(n));
    expect(missing, `callbacks in the ${fw} tables without a //@fn function in ${FRAMEWORK_SOURCES[fw].map((s) => s.file).join(', ')}`).toEqual([]);
    const unknown = [...inSources].filter((n) => !FRAMEWORK_CALLBACKS[fw].has(n));
    expect(unknown, `//@fn names that no ${fw} table calls`).toEqual([]);
  });

  it('the bus driver source has exactly the callbacks the lab\'s PDO registers (PDO_CALLBACKS)', () => {
    expect(DRIVER_SOURCES['kmdf-bus'].functions.map((f) => f.name).sort()).toEqual([...PDO_CALLBACKS].sort());
  });

  it('every WIA action is classified (a new one must say whether it runs minidriver code)', () => {
    expect([...new Set(wiaRows().map((r) => r.do))].filter((d) => WIA_ACTIONS[d] === undefined)).toEqual([]);
  });

  it('every minidriver method the WIA tables call has a function; every call it makes into the service has a call line', () => {
    const methods = minidriverMethods();
    expect(methods.size).toBeGreaterThan(10);
    expect([...methods].filter((n) => !functionNamed(WIA, n)), 'minidriver methods without a //@fn function in SimScannerWia.cpp').toEqual([]);
    expect(WIA.functions.map((f) => f.name).filter((n) => !methods.has(n)), '//@fn names the WIA tables never call').toEqual([]);
    const calls = new Set(WIA.calls.map((c) => c.name));
    const serviceCalls = wiaRows().filter((r) => WIA_ACTIONS[r.do] === 'callsService').map((r) => r.name!);
    expect(serviceCalls.filter((n) => !calls.has(n)), 'calls into the service without a //@call line').toEqual([]);
  });

  it('every minidriver method that touches the hardware after a disconnect is possible has a //@careful line', () => {
    // rows with hardware access, other than the CreateFile of IStiUSD::Initialize (a loaded driver is a new instance:
    // its disconnected flag is clear), and the band loop
    const touching = wiaRows().filter((r) => (r.args?.Hardware !== undefined && r.args.Hardware !== 'CreateFile') || r.do === 'acquire').map((r) => r.name!);
    expect(touching.length).toBeGreaterThan(2);
    for (const name of touching) expect(functionNamed(WIA, name)!.carefulLines.length, name).toBeGreaterThan(0);
  });
});

describe('return markers', () => {
  it('every function has one //@return line: a return statement, or the closing brace of a VOID one', () => {
    for (const s of Object.values(DRIVER_SOURCES)) {
      for (const f of s.functions) {
        const line = s.lines[f.behaviourLine - 1];
        expect(f.behaviourLine >= f.signatureLine && f.behaviourLine <= f.last, `${s.id} ${f.name}`).toBe(true);
        if (f.isVoid) expect(line, `${s.id} ${f.name}`).toMatch(/^(}|\s*return;)/);
        else expect(line, `${s.id} ${f.name}`).toMatch(/^\s*return\b.+;/);
      }
    }
  });

  it.each(['kmdf', 'umdf1'] as const)('%s: a function is declared VOID exactly when the engine records its event without a result', (fw) => {
    for (const s of FRAMEWORK_SOURCES[fw]) {
      for (const f of s.functions) expect(f.isVoid, `${s.file} ${f.name} returns ${f.returnType}`).toBe(FRAMEWORKS[fw].voidCallbacks.has(f.name));
      for (const f of s.functions.filter((g) => !g.isVoid)) expect(f.returnType, `${s.file} ${f.name}`).toBe(fw === 'kmdf' ? 'NTSTATUS' : 'HRESULT');
    }
  });

  it('the success and failure the panel writes are the ones the engine records', () => {
    for (const fw of ['kmdf', 'umdf1'] as const) expect(RESULTS[fw]).toEqual({ success: FRAMEWORKS[fw].success, failure: FRAMEWORKS[fw].failure });
  });
});

describe('the settings as return statements', () => {
  const failing = (name: string): Behavior[] => [
    ...(FAILABLE_CALLBACKS.has(name) ? (['fail'] as const) : []),
    ...(TRANSITION_FAILABLE_CALLBACKS.has(name) ? (['failOnFirstStart', 'failOnRestart', 'failOnWake'] as const) : []),
  ];

  it.each(['kmdf', 'umdf1'] as const)('%s: every failure the settings allow becomes "return <failure>;" on the function\'s return line', (fw) => {
    let shown = 0;
    for (const s of FRAMEWORK_SOURCES[fw]) {
      for (const f of s.functions) {
        for (const behaviour of failing(f.name)) {
          const view = showBehaviour(s, f, behaviour);
          expect(view.kind, `${s.file} ${f.name} ${behaviour}`).toBe('replace');
          if (view.kind !== 'replace') continue;
          expect(view.line).toBe(f.behaviourLine);
          expect(view.text.trim().startsWith(`return ${FRAMEWORKS[fw].failure};`), view.text).toBe(true);
          expect(view.text.match(/^\s*/)![0], 'the indentation is kept').toBe(s.lines[f.behaviourLine - 1].match(/^\s*/)![0]);
          if (behaviour !== 'fail') expect(view.text).toMatch(/only \*\/$/);
          shown++;
        }
      }
    }
    const failable = [...FAILABLE_CALLBACKS].filter((n) => FRAMEWORK_CALLBACKS[fw].has(n));
    expect(shown).toBeGreaterThanOrEqual(failable.length);
  });

  it('hang inserts a line before the return line; absent greys the function out; succeed shows it as written', () => {
    for (const fw of ['kmdf', 'umdf1'] as const) {
      for (const s of FRAMEWORK_SOURCES[fw]) {
        for (const f of s.functions) {
          const hang = showBehaviour(s, f, 'hang');
          expect(hang).toMatchObject({ kind: 'insertBefore', line: f.behaviourLine });
          expect(hang.kind === 'insertBefore' && hang.text).toMatch(fw === 'umdf1' ? /hangs: never returns/ : /hangs: waits with no timeout/);
          expect(showBehaviour(s, f, 'absent')).toEqual({ kind: 'absent', line: f.behaviourLine });
          expect(showBehaviour(s, f, 'succeed')).toEqual({ kind: 'asWritten', line: f.behaviourLine });
        }
      }
    }
  });

  it('refuses a failure of a VOID callback and any setting of a WIA method (the settings have neither)', () => {
    const fn = functionNamed(DRIVER_SOURCES['kmdf-function'], 'EvtDeviceSurpriseRemoval')!;
    expect(() => showBehaviour(DRIVER_SOURCES['kmdf-function'], fn, 'fail')).toThrow('EvtDeviceSurpriseRemoval is declared VOID');
    expect(() => showBehaviour(WIA, functionNamed(WIA, 'drvAcquireItemData')!, 'hang')).toThrow('no behaviours for WIA');
  });

  it('a result that a written return statement gives is found on its line', () => {
    const bus = DRIVER_SOURCES['kmdf-bus'];
    const prepare = functionNamed(bus, 'EvtDevicePrepareHardware')!;
    expect(bus.lines[lineForResult(prepare, 'STATUS_NO_SUCH_DEVICE') - 1].trim()).toBe('return STATUS_NO_SUCH_DEVICE;');
    expect(lineForResult(prepare, 'STATUS_SUCCESS')).toBe(prepare.behaviourLine);
    expect(lineForResult(prepare, 'STATUS_UNSUCCESSFUL')).toBe(prepare.behaviourLine);
    const acquire = functionNamed(WIA, 'drvAcquireItemData')!;
    expect(lineForResult(acquire, 'WIA_ERROR_OFFLINE'), '"return hr;" carries what the band loop ended with').toBe(acquire.behaviourLine);
    expect(lineForResult(acquire, 'S_FALSE')).toBe(acquire.behaviourLine);
    const initialize = functionNamed(WIA, 'IStiUSD::Initialize')!;
    expect(WIA.lines[lineForResult(initialize, 'WIA_ERROR_OFFLINE') - 1].trim()).toBe('if (m_hDevice == INVALID_HANDLE_VALUE) return WIA_ERROR_OFFLINE;');
    const write = functionNamed(WIA, 'drvWriteItemProperties')!;
    expect(lineForResult(write, 'S_OK'), 'the return line, not the early return of the disconnected check').toBe(write.behaviourLine);
  });
});

import { describe, expect, it } from 'vitest';
import { runLab, type RunResult } from './runLab';
import type { EditableScenario } from './scenarioEdit';
import { behaviourOf, clientAt, describeClient, dockedAt, systemClients } from './clientState';

function run(s: EditableScenario): RunResult {
  const out = runLab(s);
  if (!out.ok) throw out.error;
  return out.run;
}

const disk: EditableScenario = {
  seed: 1,
  devices: [{ id: 'disk', model: 'usb-disk' }, { id: 'scanner', model: 'usb-scanner' }],
  clients: [
    { id: 'backup', mode: 'kernel', category: 'TargetDeviceChange', target: 'disk' },
    { id: 'late', mode: 'user', category: 'TargetDeviceChange', registered: false },
    { id: 'dock', mode: 'user', category: 'HardwareProfileChange', onProfileQuery: 'veto' },
  ],
  steps: [
    { action: 'plug', device: 'disk' },
    { action: 'openHandle', client: 'late', device: 'disk' },
    { action: 'register', client: 'late' },
    { action: 'safeRemove', device: 'disk' },
  ],
};

describe('notification clients at the cursor', () => {
  it('follows registration and the handle through the trace, and lists what each client received up to the cursor', () => {
    const r = run(disk);
    const query = r.trace.findIndex((e) => e.kind === 'notify' && e.client === 'backup' && e.name === 'GUID_TARGET_DEVICE_QUERY_REMOVE');
    const irp = r.trace.findIndex((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE');
    expect(query).toBeGreaterThan(0);
    expect(query).toBeLessThan(irp);

    const before = clientAt(r, 'backup', query);
    expect(before).toMatchObject({ registered: true, handle: 'disk' });
    expect(before.received).toEqual([]);
    const at = clientAt(r, 'backup', query + 1);
    expect(at.received).toEqual([query]);
    expect(clientAt(r, 'backup', query + 2).handle).toBeUndefined(); // ZwClose right after the notification

    const end = clientAt(r, 'backup', r.trace.length);
    expect(end.registered).toBe(false);
    expect(end.received.map((i) => r.trace[i].name)).toEqual(['GUID_TARGET_DEVICE_QUERY_REMOVE', 'GUID_TARGET_DEVICE_REMOVE_COMPLETE']);

    const openAt = r.stepEvents[1];
    expect(clientAt(r, 'late', openAt).handle).toBeUndefined();
    expect(clientAt(r, 'late', openAt + 2).handle).toBe('disk');
    expect(clientAt(r, 'late', r.stepEvents[2] + 2).registered).toBe(true);
  });

  it('a user-mode hardware-profile client is registered by its top-level window (CreateWindowEx) and unregistered by DestroyWindow', () => {
    const r = run({ seed: 1, devices: [], clients: [{ id: 'w', mode: 'user', category: 'HardwareProfileChange' }], steps: [{ action: 'unregister', client: 'w' }] });
    expect(clientAt(r, 'w', 1).registered).toBe(true);
    expect(clientAt(r, 'w', r.trace.length).registered).toBe(false);
  });

  it('lists the WIA service\'s own clients when there is a scanner', () => {
    const r = run(disk);
    expect(systemClients(r).map((c) => [c.id, c.category, c.system])).toEqual([
      ['stisvc', 'DeviceInterfaceChange', true],
      ['stisvc:scanner', 'TargetDeviceChange', true],
    ]);
    expect(systemClients(run({ seed: 1, devices: [], steps: [] }))).toEqual([]);
  });

  it('says how a client behaves', () => {
    expect(behaviourOf(describeClient({ id: 'a', mode: 'kernel', category: 'TargetDeviceChange', target: 'disk', onQueryRemove: 'veto' }))).toEqual(['vetoes query-remove']);
    expect(behaviourOf(describeClient({ id: 'b', mode: 'kernel', category: 'DeviceInterfaceChange', interfaceClass: 'GUID_DEVINTERFACE_VOLUME', includeExisting: true, registered: false }))).toEqual(['INCLUDE_EXISTING_INTERFACES', 'registers on request']);
  });

  it('docks once the change completes, and not when a client vetoes it', () => {
    const allowed = run({ seed: 1, devices: [], clients: [{ id: 'w', mode: 'user', category: 'HardwareProfileChange' }], steps: [{ action: 'dock' }] });
    const complete = allowed.trace.findIndex((e) => e.name === 'DBT_CONFIGCHANGED');
    expect(dockedAt(allowed, complete)).toBe(false);
    expect(dockedAt(allowed, complete + 1)).toBe(true);
    const vetoed = run({ seed: 1, devices: [], clients: [{ id: 'w', mode: 'user', category: 'HardwareProfileChange', onProfileQuery: 'veto' }], steps: [{ action: 'dock' }] });
    expect(dockedAt(vetoed, vetoed.trace.length)).toBe(false);
    const silent = run({ seed: 1, devices: [], steps: [{ action: 'dock' }, { action: 'undock' }] });
    expect(dockedAt(silent, silent.stepEvents[0] + 1)).toBe(true);
    expect(dockedAt(silent, silent.trace.length)).toBe(false);
  });
});

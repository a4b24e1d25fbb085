/**
 * What a bus driver does while it handles IRP_MN_QUERY_DEVICE_RELATIONS(BusRelations), before the IRP goes on
 * down its own stack: it creates a PDO for each child that is new and reports the ones that are gone.
 * kernel/adding-a-pnp-device-to-a-running-system.md: "The hub driver creates a PDO for the joystick device and
 * includes a referenced pointer to the joystick PDO in its list of child devices returned with the IRP."
 * KMDF (fxpkgpnp.cpp HandleQueryBusRelations): EvtDeviceRelationsQuery, then each child list's ProcessBusRelations
 * (EvtChildListCreateDevice for a new child), then InvokeReportedMissingCallback (fxchildlist.cpp:
 * EvtDeviceReportedMissing on the PDO of a child reported missing). A WDM bus driver (pci.sys) calls IoCreateDevice.
 */
import type { Device } from '../device';
import { LayerHost } from '../framework/layerHost';
import type { EngineContext } from '../context';
import { inTurn, okAfter, type RowStep } from '../steps';
import { getTable } from '../tables/registry';
import { startTable } from '../tables/table';
import { IRP_COST_MS } from './irps';

/** The bus driver whose child list is `parentId` (a hub's id, or a built-in bus's) reports its children. */
export function reportBusRelations(ctx: EngineContext, parentId: string, cause: number | undefined, at: string): RowStep {
  let children: Device[] | undefined;
  for (const c of ctx.devnodes.deviceList) if (c.parent === parentId && (isNew(ctx, c) || isNewlyMissing(c))) (children ??= []).push(c);
  if (children === undefined) return 'ok';
  if (children.length > 1) children.sort((a, b) => portNumber(a) - portNumber(b));
  return inTurn(children, (c) => (isNew(ctx, c) ? createPdo(ctx, c, cause, at) : reportMissing(ctx, c, cause)), false);
}

/** The child's port number on its parent (0 once unplugged): children are reported in port order, as they are enumerated. */
function portNumber(c: Device): number {
  return c.port === undefined ? 0 : Number(c.port.slice(c.port.lastIndexOf(':') + 1));
}

/** Plugged in and present, with no PDO yet. */
function isNew(ctx: EngineContext, c: Device): boolean {
  return c.port !== undefined && ctx.devnodes.isPresent(c) && c.layers.length > 0 && !c.layers[0].deviceObject;
}

/** Unplugged, its PDO still there, and not reported missing before (fxchildlist.cpp: m_ReportedMissingCallbackState). */
function isNewlyMissing(c: Device): boolean {
  return c.port === undefined && c.layers.length > 0 && c.layers[0].deviceObject && !c.reportedMissing;
}

/** The bus driver creates the child's PDO: EvtChildListCreateDevice (KMDF) or IoCreateDevice (WDM, pci.sys). */
export function createPdo(ctx: EngineContext, d: Device, cause: number | undefined, at: string): RowStep {
  const bus = d.layers[0];
  if (bus.framework === 'kmdf') {
    const r = startTable(getTable('kmdf.createPdo'), new LayerHost(ctx, d, bus, cause, true), { Identification: d.model.hardwareId });
    return typeof r === 'string' ? 'ok' : okAfter(r);
  }
  ctx.runtime.emit({ kind: 'call', name: 'IoCreateDevice', device: d.id, layer: 'bus', driver: bus.driver, args: { DeviceType: 'PDO' }, result: 'STATUS_SUCCESS', at }, cause);
  bus.deviceObject = true;
  return ctx.runtime.cost(IRP_COST_MS);
}

/** A KMDF bus driver tells the missing child's PDO (EvtDeviceReportedMissing); a WDM one has no callback to show. */
function reportMissing(ctx: EngineContext, d: Device, cause: number | undefined): RowStep {
  d.reportedMissing = true;
  const bus = d.layers[0];
  if (bus.framework !== 'kmdf') return 'ok';
  const r = startTable(getTable('kmdf.reportedMissing'), new LayerHost(ctx, d, bus, cause, false), {});
  return typeof r === 'string' ? 'ok' : okAfter(r);
}

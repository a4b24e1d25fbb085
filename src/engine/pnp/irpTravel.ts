/**
 * An IRP recorded as it travels (LabConfig.irpTravel): it enters the stack at the top, passes down driver by
 * driver to the bus driver, which completes it, and its completion comes back up driver by driver. Every driver
 * gets an `irp` event with `pass` `down` when the IRP reaches it, and every driver above the one that completed it
 * gets one with `pass` `up` when the completion reaches it. Each driver's work sits where it really happens:
 *
 * - IRPs handled on the way down (IRP_DIRECTION `down`: QUERY_REMOVE, REMOVE, SURPRISE_REMOVAL, QUERY_STOP, STOP,
 *   SET_POWER to Dx, the query IRPs): each driver acts when the IRP reaches it, then passes it down
 *   (kernel/passing-pnp-irps-down-the-device-stack.md); a driver that fails it completes it there, and the drivers
 *   below never see it. On the way up the drivers do nothing, except KMDF's FDO and filter DOs on
 *   IRP_MN_REMOVE_DEVICE, which delete their device object once the IRP is back from below (EvtDestroyCallback:
 *   fxpkgfdo.cpp ProcessRemoveDeviceOverload).
 * - IRPs handled on the way up (`up`: START, CANCEL_REMOVE, CANCEL_STOP, SET_POWER to D0): each driver passes it
 *   down first and acts when the lower drivers have completed it, the bus driver first
 *   (kernel/starting-a-device.md: function and filter drivers "pass the IRP_MN_START_DEVICE request down the
 *   device stack, and postpone their start operations until all lower drivers have finished with the IRP";
 *   kernel/irp-mn-cancel-remove-device.md; kernel/irp-mn-cancel-stop-device.md; KMDF itself handles a cancel as it
 *   arrives, with no callback either way: docs/fidelity.md, "IRPs that travel", choice 2). KMDF's framework removes the
 *   resources a filter added as IRP_MN_START_DEVICE passes down (EvtDeviceRemoveAddedResources), and calls
 *   EvtDevicePrepareHardware … in its completion routine (fxpkgfdo.cpp PnpSendStartDeviceDownTheStackOverload,
 *   _PnpStartDeviceCompletionRoutine; fdopower.cpp RaiseDevicePowerCompletion for D0).
 * - `both` (FILTER_RESOURCE_REQUIREMENTS): the drivers act on the way down and again on the way up.
 *
 * The order of every callback and the virtual time of every event are those of a run without irpTravel: an event
 * where a driver acts costs IRP_COST_MS as before, an event where the IRP only passes through costs nothing. A UMDF 1
 * stack's reflector stands for its two device objects: the IRP reaches it first on the way down, and the bus
 * driver's completion reaches it first on the way back up (descentOf, ascentOf).
 */
import type { Device } from '../device';
import type { LayerState } from '../framework/layerState';
import type { EngineContext } from '../context';
import type { Yield } from '../scheduler';
import type { TraceEvent } from '../trace';
import { handle, handleFailedBelow, isDone, routeOf, SUCCESS, type IrpOptions, type IrpResult } from './irpHandler';
import { IRP_COST_MS } from './irps';

export function* travelIrp(ctx: EngineContext, device: Device, irp: string, opts: IrpOptions): Generator<Yield, IrpResult, void> {
  const route = routeOf(irp, opts.args);
  // the stack as it is when the IRP is sent (as without irpTravel): a step that lands meanwhile may rebuild it
  const descent = descentOf(device);
  const layersNow = device.layers;
  const bottom = descent.length - 1;
  const both = route.direction === 'both';
  const downArgs = both ? Object.assign({}, opts.args, { Pass: 'down' }) : opts.args;
  const upArgs = both ? Object.assign({}, opts.args, { Pass: 'up' }) : opts.args;
  const failedBelowKey = `${route.tableKey}:failedBelow`;
  const emit = (layer: LayerState, pass: 'down' | 'up', args: Record<string, string> | undefined): TraceEvent =>
    ctx.runtime.emitIrp(irp, device.id, layer.layer, layer.driver, pass, args, opts.at, opts.cause);

  let failure: IrpResult | undefined;
  /** Where the IRP turns back up: the bottom of the stack, or the driver that completed it on the way down. */
  let turn = bottom;

  // On the way down. (Each step runs at once when it can: `handle` gives a result, or a step to wait for; the
  // IRP_COST_MS a driver's handling costs lets tasks due meanwhile run first, or yields when it must.)
  for (let i = 0; i <= bottom; i++) {
    const layer = descent[i];
    const event = emit(layer, 'down', downArgs);
    if (route.direction === 'up') {
      if (route.preKey !== '') {
        const p = handle(ctx, device, irp, layer, opts, route.preKey, event.seq);
        const pre = isDone(p) ? p : yield* p;
        if (!pre.ok) {
          // the driver completes the IRP with the failure, after its framework's failed path
          failure = pre;
          turn = i;
          yield* ctx.runtime.spend(IRP_COST_MS);
          const f = handleFailedBelow(ctx, device, irp, layer, opts, failedBelowKey, pre, event.seq);
          if (!isDone(f)) yield* f;
          ctx.runtime.trace.complete(event, pre.status);
          break;
        }
      }
      if (i < bottom) {
        ctx.runtime.trace.complete(event, undefined); // passed down, untouched: this driver acts on the way back up
        continue;
      }
      yield* ctx.runtime.spend(IRP_COST_MS);
      const h = handle(ctx, device, irp, layer, opts, route.tableKey, event.seq);
      const r = isDone(h) ? h : yield* h;
      ctx.runtime.trace.complete(event, r.status);
      if (!r.ok) failure = r;
      continue;
    }
    yield* ctx.runtime.spend(IRP_COST_MS);
    const h = handle(ctx, device, irp, layer, opts, route.tableKey, event.seq);
    const r = isDone(h) ? h : yield* h;
    ctx.runtime.trace.complete(event, r.status);
    if (!r.ok) {
      failure = r;
      turn = i;
      break;
    }
    // IRP_MN_WAIT_WAKE stays pending at the bus driver: its way back up is recorded when it completes (waitWake.ts)
    if (i === bottom && r.status === 'STATUS_PENDING') return r;
  }
  if (!failure && route.postKey !== '' && turn === bottom) {
    const h = handle(ctx, device, irp, descent[bottom], opts, route.postKey, undefined);
    if (!isDone(h)) yield* h;
  }

  // On the way back up, from the driver above the one that completed it.
  for (const layer of ascentOf(layersNow, descent, turn, both)) {
    const event = emit(layer, 'up', upArgs);
    if (route.direction === 'up') {
      yield* ctx.runtime.spend(IRP_COST_MS);
      const h = failure ? handleFailedBelow(ctx, device, irp, layer, opts, failedBelowKey, failure, event.seq) : handle(ctx, device, irp, layer, opts, route.tableKey, event.seq);
      const r = isDone(h) ? h : yield* h;
      ctx.runtime.trace.complete(event, r.status);
      if (!r.ok) failure ??= r;
    } else if (both && !failure) {
      yield* ctx.runtime.spend(IRP_COST_MS);
      const h = handle(ctx, device, irp, layer, opts, route.upTableKey, event.seq);
      const r = isDone(h) ? h : yield* h;
      ctx.runtime.trace.complete(event, r.status);
      if (!r.ok) failure = r;
    } else {
      if (!failure && route.postKey !== '') {
        const h = handle(ctx, device, irp, layer, opts, route.postKey, event.seq);
        if (!isDone(h)) yield* h;
      }
      ctx.runtime.trace.complete(event, (failure ?? SUCCESS).status); // the completion passes up through this driver
    }
  }
  return failure ?? SUCCESS;
}

/**
 * The drivers with a device object, in the order an IRP reaches them on its way down: top to bottom; in a UMDF 1
 * stack the reflector first (its up device object, at the top of the kernel stack, sends the IRP to the driver host,
 * whose drivers pass it back to the reflector for the kernel drivers below: wdf/detailed-view-of-the-umdf-architecture.md).
 * The same order as a `down` IRP's events without irpTravel (irp.ts).
 */
export function descentOf(device: Device): LayerState[] {
  const out: LayerState[] = [];
  const layers = device.layers;
  for (let i = layers.length - 1; i >= 0; i--) if (layers[i].deviceObject) out.push(layers[i]);
  const n = out.length;
  if (n > 2 && out[n - 2].layer === 'reflector') out.copyWithin(1, 0, n - 2)[0] = layers[1];
  return out;
}

/**
 * The drivers the completion reaches on the way back up, from the driver above `descent[turn]`, the one that
 * completed the IRP. From the bottom, the order of an `up` IRP's events without irpTravel: the bus driver's
 * completion reaches a UMDF 1 stack's reflector first (its down device object, which sent the IRP to the kernel
 * drivers), then the host's drivers from the bottom up. From a driver above the bottom (it failed the IRP), the
 * drivers above it in the reverse order of the way down (in a UMDF 1 stack the reflector last).
 */
function ascentOf(layers: readonly LayerState[], descent: readonly LayerState[], turn: number, both: boolean): LayerState[] {
  if (turn < descent.length - 1) return descent.slice(0, turn).reverse();
  const bottom = descent[turn];
  const out: LayerState[] = [];
  // `both`: every driver but a PDO acts again on the way up (in a stack whose PDO is gone, the lowest driver too)
  for (const l of layers) if (descent.includes(l) && (both ? !l.isPdo : l !== bottom)) out.push(l);
  return out;
}

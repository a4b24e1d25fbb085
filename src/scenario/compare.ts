/**
 * A scenario's `compare` (docs/scenario-format.md#compare): the one difference of a second run, which the lab shows
 * beside the first (Compare). The engine never reads it: the scenario runs as written (run A), and the lab runs it
 * again with this one change (run B, src/compare/). Here: its shape (zod), checked with the rest of the scenario
 * (parseObject.ts). Its meaning against the scenario and its short text form are in comparison.ts (no zod: the
 * lab's start path uses them), its words in compareWords.ts (the Compare view).
 */
import * as z from 'zod/mini';
import { BEHAVIOURS, LAYERS, MAX_COMPARED_CALLBACK, MAX_COMPARED_HANDLES, MAX_COMPARED_ID, ON_PROFILE_QUERY, ON_QUERY_REMOVE } from './comparison';

const id = z.string().check(z.maxLength(MAX_COMPARED_ID));

export const compareSchema = z.discriminatedUnion('change', [
  z.strictObject({ change: z.literal('framework'), device: id }),
  z.strictObject({ change: z.literal('callback'), device: id, layer: z.optional(z.enum(LAYERS)), callback: z.string().check(z.maxLength(MAX_COMPARED_CALLBACK)), behaviour: z.enum(BEHAVIOURS) }),
  z.strictObject({ change: z.literal('client'), client: id, onQueryRemove: z.optional(z.enum(ON_QUERY_REMOVE)), onProfileQuery: z.optional(z.enum(ON_PROFILE_QUERY)) }),
  z.strictObject({ change: z.literal('openHandles'), device: id, openHandles: z.int().check(z.minimum(0), z.maximum(MAX_COMPARED_HANDLES)) }),
  z.strictObject({ change: z.literal('removal'), step: z.int().check(z.minimum(1)) }),
]);

export type Comparison = z.output<typeof compareSchema>;
export type ComparisonKind = Comparison['change'];
export const COMPARISON_KINDS: readonly ComparisonKind[] = ['framework', 'callback', 'client', 'openHandles', 'removal'];
export type CallbackLayer = (typeof LAYERS)[number];


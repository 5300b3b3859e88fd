/**
 * The ad's step graph, typed: each step id and the JSON its step outputs. Stages read their
 * inputs with `ctx.output('storyboard')` and get the type below, no cast; the engine refuses an
 * output that is not JSON (engine/json.ts), so what a stage reads is the same fresh or replayed.
 */
import type { ApprovalOutput, KeyframeEditsOutput } from './approval';
import type { StepContext } from '../engine/executor';
import type { TimelineOutput, ExportOutput } from './assemble';
import type { TrackOutput, VoiceoverOutput } from './audio';
import type { BibleOutput, ReferencesOutput, SafetyOutput, StoryboardOutput } from './creative';
import type { SceneOutput } from './scenes';
import type { KeyframeOutput } from './keyframes';
import type { ScenePrompts } from './schemas';

export interface StepOutputs {
  bible: BibleOutput;
  storyboard: StoryboardOutput;
  safety: SafetyOutput;
  references: ReferencesOutput;
  prompts: ScenePrompts;
  voiceover: VoiceoverOutput;
  music: TrackOutput;
  sfx: TrackOutput;
  timeline: TimelineOutput;
  approval: ApprovalOutput;
  'keyframe-edits': KeyframeEditsOutput;
  [keyframe: `keyframe:${number}`]: KeyframeOutput;
  [scene: `scene:${number}`]: SceneOutput;
  [exported: `export:${string}`]: ExportOutput;
}

/** What every stage gets from the engine. */
export type StageContext = StepContext<StepOutputs>;

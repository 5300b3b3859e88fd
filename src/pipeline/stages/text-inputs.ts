/** The structured `input` of each text task (template families read these; models get prose too). */
import type { ResolvedBrief } from '../brief';
import type { ScenePlan } from './plan';
import type { CreativeBible, Storyboard, StoryScene } from './schemas';

export interface BibleInput {
  brief: ResolvedBrief;
  palette: string[];
}
export interface StoryboardInput {
  brief: ResolvedBrief;
  bible: CreativeBible;
  plan: ScenePlan;
  lengthSeconds: number;
}
export interface SafetyInput {
  brief: ResolvedBrief;
  storyboard: Storyboard;
}
export interface PromptsInput {
  brief: ResolvedBrief;
  bible: CreativeBible;
  storyboard: Storyboard;
  negativePrompt: string;
}
export interface ContinuityInput {
  sceneIndex: number;
  prompt: string;
  bible: CreativeBible;
  observed: { colors: string[]; brightness: number };
  previous: StoryScene;
  scene: StoryScene;
}
export interface VoiceoverInput {
  brief: ResolvedBrief;
  /** Lines to shorten: each must be said in `maxSeconds`, in at most `maxWords` words. */
  lines: Array<{ index: number; text: string; maxWords: number; maxSeconds: number }>;
}

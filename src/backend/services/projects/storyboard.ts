/**
 * The storyboard under review: conversions between the pipeline's scene documents and what the
 * card editor shows, the limits a length allows, and the inline safety check of every scene with
 * a safe alternative the user can accept in one click.
 */
import { blockingViolations, defaultRuleSet, screenText } from '../../../shared/safety';
import type { SceneSafety, StoryboardSceneInput, StoryboardView } from '../../../shared/domain/ads';
import { sceneCount, MIN_SCENE_SECONDS } from '../../../pipeline/stages/plan';
import { safeRewrite } from '../../../pipeline/stages/creative';
import type { StoryScene } from '../../../pipeline/stages/schemas';

/** Scene counts the pipeline accepts for a length (its plan must match the storyboard). */
export function sceneLimits(lengthSeconds: number): { min: number; max: number } {
  return { min: 2, max: sceneCount(lengthSeconds, 8) };
}

export function toInput(s: StoryScene): StoryboardSceneInput {
  return {
    title: s.title,
    description: s.description,
    voiceover: s.voiceover,
    durationSeconds: s.durationSeconds,
    role: s.role,
    productOverlay: !!s.overlay,
    camera: s.camera,
    emotion: s.emotion,
    keyEvents: s.keyEvents,
    ...(s.idea ? { idea: s.idea } : {}),
  };
}

/** Overlay timing that fits inside the scene (2 s, ending half a second before the cut). */
function overlayFor(prev: StoryScene['overlay'], duration: number): NonNullable<StoryScene['overlay']> {
  const d = Math.min(prev?.durationSeconds ?? 2, Math.max(0.5, duration - 0.5));
  const at = Math.min(prev?.atSeconds ?? Math.max(0, duration - d - 0.5), Math.max(0, duration - d));
  return { imageIndex: prev?.imageIndex ?? 0, atSeconds: at, durationSeconds: d };
}

/** Edited cards → pipeline scenes (indexes renumbered in the new order). */
export function fromInputs(inputs: StoryboardSceneInput[], previous: StoryScene[], tone: string): StoryScene[] {
  return inputs.map((s, i) => {
    const before = previous.find((p) => p.title === s.title) ?? previous[i];
    return {
      index: i + 1,
      title: s.title,
      description: s.description,
      durationSeconds: s.durationSeconds,
      role: s.role,
      camera: s.camera?.trim() || before?.camera || 'steady medium shot, slow push-in',
      emotion: s.emotion?.trim() || before?.emotion || tone || 'warm',
      keyEvents: s.keyEvents?.length ? s.keyEvents : [s.title],
      voiceover: s.voiceover,
      overlay: s.productOverlay ? overlayFor(before?.overlay ?? null, s.durationSeconds) : null,
      ...(s.idea ? { idea: s.idea } : {}),
    };
  });
}

export function screenScene(s: Pick<StoryScene, 'title' | 'description' | 'voiceover'>, productName: string): SceneSafety {
  const fields = { title: s.title, description: s.description, voiceover: s.voiceover };
  const all = Object.values(fields).join('\n');
  const blocking = blockingViolations(screenText(all, defaultRuleSet.rules));
  if (!blocking.length) return { blocked: false, categories: [], alternative: null };
  const clean = (text: string) => {
    const own = blockingViolations(screenText(text, defaultRuleSet.rules));
    return own.length ? safeRewrite(text, own) : text;
  };
  const description = clean(fields.description) || `A calm, bright close-up of ${productName}, shown at its best.`;
  const title = clean(fields.title) || productName;
  return {
    blocked: true,
    categories: [...new Set(blocking.map((v) => v.category))],
    alternative: { title: title.slice(0, 120), description: description.slice(0, 1200), voiceover: clean(fields.voiceover).slice(0, 400) },
  };
}

export function storyboardView(
  scenes: StoryScene[],
  lengthSeconds: number,
  productName: string,
  meta: { version: number; approvedAt: string | null },
): StoryboardView {
  const { min, max } = sceneLimits(lengthSeconds);
  return {
    version: meta.version,
    lengthSeconds,
    scenes: scenes.map((s, i) => ({ ...toInput(s), index: i + 1, safety: screenScene(s, productName) })),
    totalSeconds: scenes.reduce((sum, s) => sum + s.durationSeconds, 0),
    minScenes: min,
    maxScenes: max,
    approvedAt: meta.approvedAt,
  };
}

/** Why a storyboard cannot be approved yet, or null when it can. */
export function approvalProblem(view: StoryboardView): string | null {
  if (view.scenes.length < view.minScenes || view.scenes.length > view.maxScenes) {
    return `A ${view.lengthSeconds} s ad needs ${view.minScenes}–${view.maxScenes} scenes (it has ${view.scenes.length}). Add or delete scenes.`;
  }
  if (view.totalSeconds !== view.lengthSeconds) {
    return `The scenes last ${view.totalSeconds} s but the ad is ${view.lengthSeconds} s. Adjust the durations so they add up (or use "Fit to length").`;
  }
  if (view.scenes.some((s) => s.durationSeconds < MIN_SCENE_SECONDS - 1)) return 'Every scene needs at least 2 seconds.';
  const blocked = view.scenes.filter((s) => s.safety.blocked);
  if (blocked.length) return `Scene ${blocked.map((s) => s.index).join(', ')} breaks the content rules. Accept the safe alternative or rewrite it.`;
  return null;
}

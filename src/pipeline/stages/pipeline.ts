/**
 * The step graph of one ad. Scenes form a chain; voiceover starts once safety has approved (no
 * paid call before that) and comes before the first scene, because the lines are measured and
 * the scene lengths fitted to them; music and SFX start once the prompts exist, beside the scenes.
 *
 *   bible → storyboard → safety ─┬→ references ─┬→ keyframe:1 → … → keyframe:N+1 ─┐
 *                                ├→ prompts ────┘                                   │
 *                                ├→ voiceover ──────────────────────────────────────┴→ scene:1 → … → scene:N ─┐
 *                                └→ (prompts) → music, sfx ───────────────────────────────────────────────────┴→ timeline → export:<aspect>
 *
 * Keyframes (keyframes.ts) picture every scene boundary before any video is paid for; each is
 * made from the one before it. A run with a picture review (approval.ts) has an `approval` step
 * after the last keyframe that the scenes, voiceover, music and SFX wait for.
 */
import type { StepDef } from '../engine/executor';
import type { StageContext, StepOutputs } from './outputs';
import { exportStage, timelineStage } from './assemble';
import { musicStage, sfxStage, voiceoverStage } from './audio';
import { bibleStage, promptsStage, referencesStage, safetyStage, storyboardStage } from './creative';
import type { StageEnv } from './env';
import { sceneExpectedSeconds, sceneStage } from './scenes';
import { keyframeIds, keyframeStage } from './keyframes';
import { sceneAnchoring, sceneConcurrency, slots } from './anchors';
import { APPROVAL_STEP, KEYFRAME_EDITS_STEP, approvalStage, keyframeEditsStage } from './approval';

export function exportStepId(aspect: string): `export:${string}` {
  return `export:${aspect.replace(':', 'x')}`;
}

export function buildSteps(env: StageEnv): StepDef<StepOutputs>[] {
  const e = env.family.expectations;
  const n = env.plan.count;
  const refCount = env.family.name === 'offline' ? 1 : 4;
  const step = (id: string, deps: string[], expectedSeconds: number, run: (env: StageEnv, ctx: StageContext) => Promise<unknown>): StepDef<StepOutputs> => ({
    id,
    deps,
    expectedSeconds,
    run: (ctx) => run(env, ctx),
  });
  const keys = keyframeIds(n);
  // With a picture review, the user may have one picture made again (keyframe-edits, approval.ts).
  const edits = env.reviewPictures ? [KEYFRAME_EDITS_STEP] : [];
  const keyframes = keys.map((id, i) => step(id, i === 0 ? ['references', 'prompts', ...edits] : [keys[i - 1]!], e.image, keyframeStage(i + 1)));
  // Anchored (anchors.ts): every scene between its two keyframes, at once; else the chain.
  const { anchored } = sceneAnchoring(env);
  const mode = { anchored, slot: slots(anchored ? sceneConcurrency(env) : 1) };
  // Paid scenes wait for the keyframes (no video money before the pictures); the offline animatic
  // does not use them and costs nothing, so it does not wait.
  // With a picture review, nothing paid beyond the keyframes starts before the approval (approval.ts).
  const approval = env.reviewPictures ? [APPROVAL_STEP] : [];
  const first = ['prompts', 'references', 'voiceover', ...(env.family.name === 'offline' ? [] : [keys.at(-1)!]), ...approval];
  const scenes = Array.from({ length: n }, (_, i) => i + 1).map((i) =>
    step(`scene:${i}`, anchored || i === 1 ? first : [`scene:${i - 1}`], sceneExpectedSeconds(env, i) + (i > 1 && !anchored ? e.text : 0), sceneStage(i, mode)),
  );
  const sceneIds = scenes.map((s) => s.id);
  return [
    step('bible', [], e.text + 0.2, bibleStage),
    step('storyboard', ['bible'], e.text, storyboardStage),
    step('safety', ['storyboard'], e.text, safetyStage),
    step('references', ['safety'], e.image * (refCount > 1 ? 1.1 : 1), referencesStage),
    step('prompts', ['safety'], e.text, promptsStage),
    ...(env.reviewPictures ? [step(KEYFRAME_EDITS_STEP, ['safety'], 0, keyframeEditsStage)] : []),
    ...keyframes,
    ...(env.reviewPictures ? [step(APPROVAL_STEP, [keys.at(-1)!], 0, approvalStage)] : []),
    ...scenes,
    step('voiceover', ['safety', ...approval], e.speech * (env.family.name === 'offline' ? n : 1.2), voiceoverStage),
    step('music', ['prompts', ...approval], e.music, musicStage),
    step('sfx', ['prompts', ...approval], e.sfx, sfxStage),
    step('timeline', [...sceneIds, 'voiceover', 'music', 'sfx'], 0.3, timelineStage),
    step(exportStepId(env.brief.aspect), ['timeline'], e.exportPerSecond * env.brief.lengthSeconds, exportStage),
  ];
}

/**
 * The shapes every model answer must have (validated with zod, repaired once — engine/model-json).
 * Field names follow seed document 004's agents; camelCase because they are our documents now.
 */
import { z } from 'zod';
import { HexColor } from '../../shared/domain/brand';

export const CreativeBible = z.object({
  brandStyle: z.string().min(1).max(200),
  vibe: z.string().min(1).max(200),
  colors: z.array(HexColor).min(4).max(6),
  lighting: z.string().min(1).max(300),
  camera: z.string().min(1).max(300),
  motion: z.string().min(1).max(300),
  energyLevel: z.number().int().min(1).max(10),
});
export type CreativeBible = z.infer<typeof CreativeBible>;

export const SceneRole = z.enum(['setup', 'exploration', 'climax', 'resolution', 'cta']);

export const StoryScene = z.object({
  index: z.number().int().min(1),
  title: z.string().min(1).max(120),
  description: z.string().min(1).max(1200),
  durationSeconds: z.number().int().min(2).max(20),
  role: SceneRole,
  camera: z.string().min(1).max(300),
  emotion: z.string().min(1).max(200),
  keyEvents: z.array(z.string().min(1).max(300)).min(1).max(6),
  voiceover: z.string().max(400),
  /** Show product image `imageIndex` over this scene from `atSeconds` (scene-relative) for `durationSeconds`. */
  /** Which of the creator's scene ideas this scene is (1-based, brief.scenes); absent: a scene the writer added. */
  idea: z.number().int().min(1).max(10).optional(),
  overlay: z.object({ imageIndex: z.number().int().min(0), atSeconds: z.number().min(0), durationSeconds: z.number().min(0.5).max(10) }).nullable().optional(),
});
export type StoryScene = z.infer<typeof StoryScene>;

/** Exactly `count` scenes, indexed 1..count, durations summing to `lengthSeconds`. */
export function storyboardSchema(lengthSeconds: number, count: number) {
  return z
    .object({ scenes: z.array(StoryScene).length(count) })
    .superRefine((sb, ctx) => {
      const sum = sb.scenes.reduce((s, x) => s + x.durationSeconds, 0);
      if (sum !== lengthSeconds) ctx.addIssue({ code: 'custom', path: ['scenes'], message: `durationSeconds must sum to exactly ${lengthSeconds} (they sum to ${sum})` });
      sb.scenes.forEach((s, i) => {
        if (s.index !== i + 1) ctx.addIssue({ code: 'custom', path: ['scenes', i, 'index'], message: `scene ${i + 1} must have index ${i + 1}` });
      });
    });
}
export type Storyboard = { scenes: StoryScene[] };

export const SafetyVerdict = z.object({
  status: z.enum(['approved', 'blocked']),
  violations: z
    .array(
      z.object({
        category: z.string().min(1).max(60),
        severity: z.enum(['low', 'medium', 'high', 'critical']),
        scene: z.number().int().nullable().optional(),
        description: z.string().max(500),
        line: z.string().max(500).nullable().optional(),
      }),
    )
    .default([]),
  negativePrompt: z.string().max(1000).default(''),
  safeAlternative: z.string().max(2000).nullable().optional(),
});
export type SafetyVerdict = z.infer<typeof SafetyVerdict>;

export const ScenePrompts = z.object({
  scenes: z.array(z.object({ index: z.number().int().min(1), prompt: z.string().min(1).max(2000), negativePrompt: z.string().max(1000) })).min(1),
  music: z.object({ prompt: z.string().min(1).max(600) }),
  sfx: z.object({ prompt: z.string().min(1).max(600) }),
});
export type ScenePrompts = z.infer<typeof ScenePrompts>;

export const ContinuityEdit = z.object({
  updatedPrompt: z.string().min(1).max(2500),
  continuityNotes: z.string().max(600),
  driftDetected: z.boolean(),
  styleStrength: z.number().min(0).max(1),
  /** Colours the model saw in the previous scene's last frame. */
  observedColors: z.array(HexColor).max(8).default([]),
});
export type ContinuityEdit = z.infer<typeof ContinuityEdit>;

/** The writer's shorter voice lines (a line did not fit its scene even after lengthening it). */
export const VoiceoverEdit = z.object({
  lines: z.array(z.object({ index: z.number().int().min(1), text: z.string().min(1).max(400) })).min(1),
});
export type VoiceoverEdit = z.infer<typeof VoiceoverEdit>;

/**
 * The output aspects an ad is made in — one declaration for the brief, the chat, the editor's
 * export, the model catalog, publishing and the proxy's reservation (issue 15: it was declared
 * five times under four names).
 */
import { z } from 'zod';

export const ASPECTS = ['16:9', '9:16', '1:1'] as const;
export const Aspect = z.enum(ASPECTS);
export type Aspect = z.infer<typeof Aspect>;

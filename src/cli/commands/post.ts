import { AppError } from '../../shared/errors';
import type { PostView } from '../../shared/domain/publish';
import { call, followPost, parseNetwork, postAndWait, withBackend } from './publish-cli';

export const summary = 'post a finished ad: zapcut post <ad-id> --to x|linkedin --caption "…" [--hashtags a,b] [--link URL] [--aspect 16:9|1:1|9:16] [--again]; zapcut post --resume <post-id>';

const USAGE = 'zapcut post <ad-id> --to x|linkedin --caption "…" [--hashtags a,b] [--link URL] [--aspect 16:9|1:1|9:16] [--again]\n       zapcut post --resume <post-id>';

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
    console.log(`Usage: ${USAGE}\n  ${summary}`);
    return argv.length ? 0 : 2;
  }
  const opt: Record<string, string> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--again') flags.add('again');
    else if (['--to', '--caption', '--hashtags', '--link', '--aspect', '--resume'].includes(a)) opt[a.slice(2)] = argv[++i] ?? '';
    else if (a.startsWith('-')) throw new AppError('VALIDATION', `Unknown option ${a}.\nUsage: ${USAGE}`);
    else positional.push(a);
  }
  return withBackend(async (backend) => {
    if (opt.resume) {
      const post = (await call<PostView[]>(backend, 'publish/history', {})).find((p) => p.id === opt.resume);
      if (!post) throw new AppError('NOT_FOUND', `No post ${opt.resume}; \`zapcut posts\` lists them.`);
      return followPost(backend, post.network, () => call<PostView>(backend, 'publish/resume', { postId: post.id }));
    }
    if (!positional[0] || !opt.to || !opt.caption) throw new AppError('VALIDATION', `Give the ad id, --to and --caption.\nUsage: ${USAGE}`);
    return postAndWait(backend, { projectId: positional[0], network: parseNetwork(opt.to), aspect: opt.aspect, text: opt.caption, hashtags: (opt.hashtags ?? '').split(',').filter(Boolean), link: opt.link, again: flags.has('again') });
  });
}

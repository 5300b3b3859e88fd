import type { PostView } from '../../shared/domain/publish';
import { call, withBackend } from './publish-cli';

export const summary = 'the post history (all ads, or one): network, account, status, link; failed posts say how to resume';

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`Usage: zapcut posts [ad-id]\n  ${summary}`);
    return 0;
  }
  return withBackend(async (backend) => {
    const list = await call<PostView[]>(backend, 'publish/history', argv[0] ? { projectId: argv[0] } : {});
    if (!list.length) console.log('No posts yet. Post an ad with `zapcut post <ad-id> --to x --caption "…"`.');
    for (const p of list) {
      const when = (p.postedAt ?? p.createdAt).slice(0, 16).replace('T', ' ');
      const tail = p.status === 'posted' ? p.url : p.error ? `${p.error.message}${p.resumable ? ` (zapcut post --resume ${p.id})` : ''}` : '';
      console.log(`${when}  ${p.network.padEnd(8)} ${p.account.name.padEnd(18)} ${p.status.padEnd(10)} ${tail ?? ''}`);
    }
    return 0;
  });
}

import { call, parseNetwork, withBackend } from './publish-cli';

export const summary = 'disconnect X or LinkedIn: revokes Zapcut\'s access at the network and forgets the tokens';

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || !argv[0]) {
    console.log(`Usage: zapcut disconnect x|linkedin\n  ${summary}`);
    return argv[0] ? 0 : 2;
  }
  const network = parseNetwork(argv[0]);
  return withBackend(async (backend) => {
    const r = await call<{ revoked: boolean }>(backend, 'publish/disconnect', { network });
    console.log(r.revoked ? 'Disconnected; the network revoked Zapcut\'s access.' : 'Disconnected here. The network could not be reached to revoke access: remove Zapcut in the network\'s connected-apps settings too.');
    return 0;
  });
}

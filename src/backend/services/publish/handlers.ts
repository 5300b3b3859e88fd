/** The publish channels of the contract (issue 24). */
import type { Handlers } from '../handlers';
import { cancelConnect, disconnect, listConnections, startConnect } from './connections';
import { cancelPost, checkPost, postHistory, resumePost, startPost } from './posts';

type PublishChannel = 'publish/connections' | 'publish/connect' | 'publish/connectCancel' | 'publish/disconnect' | 'publish/check' | 'publish/start' | 'publish/cancel' | 'publish/resume' | 'publish/history';

export const publishHandlers: Pick<Handlers, PublishChannel> = {
  'publish/connections': (ctx) => listConnections(ctx),
  'publish/connect': (ctx, { network }) => startConnect(ctx, network),
  'publish/connectCancel': (ctx, { flowId }) => cancelConnect(ctx, flowId),
  'publish/disconnect': (ctx, { network }) => disconnect(ctx, network),
  'publish/check': (ctx, input) => checkPost(ctx, input),
  'publish/start': (ctx, input) => startPost(ctx, input),
  'publish/cancel': (ctx, { postId }) => cancelPost(ctx, postId),
  'publish/resume': (ctx, { postId }) => resumePost(ctx, postId),
  'publish/history': (ctx, { projectId }) => postHistory(ctx, projectId),
};

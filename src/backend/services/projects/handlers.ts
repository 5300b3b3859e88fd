/** The contract handlers for ad projects, spread into the backend's handler table. */
import type { Handlers } from '../handlers';
import {
  approveStoryboard,
  approvePictures,
  redoProjectPicture,
  picturesPrice,
  changeProjectPictureOf,
  cancelRun,
  createProject,
  deleteProject,
  exportAd,
  getProjectView,
  listProjectSummaries,
  makeVariant,
  regenerateScene,
  generateScenesWithAi,
  retryRun,
  sendChat,
  cancelChat,
  updateBible,
  updateStoryboard,
  refreshProviderChoice,
} from './service';
import { createProjectFromPage } from './from-page';
import { adCopy, reviseAd } from './revise-ad';
import { undoChatRevision } from './undo-revision';

type ProjectChannels =
  | 'project/list'
  | 'project/get'
  | 'project/create'
  | 'project/createFromPage'
  | 'project/delete'
  | 'project/variant'
  | 'project/export'
  | 'chat/send'
  | 'chat/cancel'
  | 'bible/update'
  | 'storyboard/update'
  | 'storyboard/approve'
  | 'run/cancel'
  | 'pictures/approve'
  | 'pictures/redo'
  | 'pictures/price'
  | 'pictures/change'
  | 'run/retry'
  | 'run/regenerateScene'
  | 'run/generateScenes'
  | 'project/copy'
  | 'project/revise'
  | 'chat/undoRevision';

export const projectHandlers: Pick<Handlers, ProjectChannels> = {
  'project/list': (ctx) => listProjectSummaries(ctx),
  'project/get': (ctx, { id }) => getProjectView(ctx, id),
  // The account's tier limits what the chat offers: ask it before a new ad and before chat turns.
  'project/create': async (ctx, { brandId }) => {
    await refreshProviderChoice(ctx, true);
    return createProject(ctx, brandId);
  },
  'project/createFromPage': (ctx, { brandId, url }) => createProjectFromPage(ctx, brandId, url),
  'project/delete': (ctx, { id }) => deleteProject(ctx, id),
  'project/variant': (ctx, { projectId, aspect }) => makeVariant(ctx, projectId, aspect),
  'project/export': (ctx, input) => exportAd(ctx, input),
  'chat/send': async (ctx, { projectId, text }) => {
    await refreshProviderChoice(ctx);
    return sendChat(ctx, projectId, text);
  },
  'chat/cancel': (ctx, { projectId }) => cancelChat(ctx, projectId),
  'bible/update': (ctx, { projectId, bible }) => updateBible(ctx, projectId, bible),
  'storyboard/update': (ctx, { projectId, scenes }) => updateStoryboard(ctx, projectId, scenes),
  'storyboard/approve': (ctx, { projectId, offline, reviewPictures }) => approveStoryboard(ctx, projectId, { offline, reviewPictures }),
  'pictures/approve': (ctx, { projectId }) => approvePictures(ctx, projectId),
  'pictures/redo': (ctx, { projectId, index, prompt }) => redoProjectPicture(ctx, projectId, index, prompt),
  'pictures/price': (ctx, { projectId }) => picturesPrice(ctx, projectId),
  'pictures/change': (ctx, input) => changeProjectPictureOf(ctx, input),
  'run/cancel': (ctx, { projectId }) => cancelRun(ctx, projectId),
  'run/retry': (ctx, { projectId }) => retryRun(ctx, projectId),
  'run/regenerateScene': (ctx, { projectId, index }) => regenerateScene(ctx, projectId, index),
  'run/generateScenes': (ctx, { projectId }) => generateScenesWithAi(ctx, projectId),
  'project/copy': (ctx, { projectId }) => adCopy(ctx, projectId),
  'project/revise': (ctx, input) => reviseAd(ctx, input),
  'chat/undoRevision': (ctx, input) => undoChatRevision(ctx, input),
};

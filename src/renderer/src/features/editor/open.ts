import { useNavigation } from '../../stores/navigation';
import { useEditor } from './store';

/** Opens a project (e.g. a generated ad) in the editor, or a new blank project without an id. */
export function openInEditor(projectId?: string): Promise<void> {
  useNavigation.getState().go('editor');
  return useEditor.getState().open(projectId);
}

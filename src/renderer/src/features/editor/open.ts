import { useNavigation } from '../../stores/navigation';

/** Opens a project (e.g. a generated ad) in the editor: the Editor screen loads it on arrival. */
export function openInEditor(projectId: string): void {
  useNavigation.getState().openEditor(projectId);
}

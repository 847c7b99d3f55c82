import type { ActionContext, ActionPanelProps, ItemAction } from '../../item-types/web-item-type.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { useItemGraph } from '../items/item-graph.ts';
import { ReadbackPanel } from './readback-panel.tsx';
import { readbackOf } from './readback-state.ts';

/** On an acknowledgment whose read-back the reader's party has yet to confirm, the party having written what it reads back. */
function awaitsReadersConfirmation({ target, reader, graph, members }: ActionContext): boolean {
  const ack = graph.byId.get(target.id);
  const readback = ack && readbackOf(ack, graph, members);
  return readback !== undefined && readback.author === reader.party && readback.confirmation === undefined;
}

/** The read-back beside the original, with its two answers. */
function ReadbackActionPanel({ target, onDone }: ActionPanelProps) {
  const graph = useItemGraph();
  const { snapshot } = useRecordSync();
  const ack = graph.byId.get(target.id);
  const readback = ack && readbackOf(ack, graph, snapshot.members);
  return readback ? <ReadbackPanel readback={readback} onDone={onDone} /> : null;
}

/** The author's party confirms a read-back, or asks for clarification, from the acknowledgment in the thread. */
export const confirmReadbackAction: ItemAction = { id: 'confirmReadback', offered: awaitsReadersConfirmation, Panel: ReadbackActionPanel };

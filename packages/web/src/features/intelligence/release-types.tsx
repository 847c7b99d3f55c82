import { defineWebItemType } from '../../item-types/web-item-type.ts';
import { ReleaseContent, ReleaseNoteContent } from './release-content.tsx';
import { releaseAction } from './release-panel.tsx';

/** A release, read in its compartment; its action releases an extract of another item. */
export const intelReleaseView = defineWebItemType({
  type: 'intel.release',
  nameKey: 'intelRelease',
  render: (payload) => <ReleaseContent payload={payload} />,
  actions: [releaseAction],
});

/** The cell's note under an original: released as …, checked here. */
export const intelReleaseNoteView = defineWebItemType({
  type: 'intel.release.note',
  nameKey: 'intelReleaseNote',
  render: (payload, envelope) => <ReleaseNoteContent payload={payload} envelope={envelope} />,
});

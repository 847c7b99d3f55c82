import { interestAction, moveAction } from '../features/commercial/answer-forms.tsx';
import { InterestContent, MoveContent, OpportunityContent } from '../features/commercial/opportunity-content.tsx';
import { OpportunityForm } from '../features/commercial/opportunity-form.tsx';
import { interestReleased } from '../features/commercial/pipeline-state.ts';
import { defineWebItemType } from './web-item-type.ts';

export const opportunityView = defineWebItemType({
  type: 'opportunity',
  nameKey: 'opportunity',
  render: (payload, envelope) => <OpportunityContent payload={payload} envelope={envelope} />,
  form: {
    Form: OpportunityForm,
    name: 'opportunity',
    heading: (t, compartment) => (compartment === undefined ? t('commercial.form.heading') : t('commercial.form.headingIn', { compartment })),
    track: 'folded',
  },
});

export const opportunityMoveView = defineWebItemType({
  type: 'opportunity.move',
  nameKey: 'opportunityMove',
  render: (payload) => <MoveContent payload={payload} />,
  // The proposer's party's move, on its own opportunity.
  actions: [moveAction],
});

export const interestView = defineWebItemType({
  type: 'interest',
  nameKey: 'interest',
  render: (payload) => <InterestContent payload={payload} />,
  actions: [interestAction],
  // Closed or withdrawn, the opportunity's party owes its interests nothing more.
  released: interestReleased,
});

export { meetingCancelModule, meetingConfirmModule, meetingModule } from './meeting.ts';
export { minutesModule } from './minutes.ts';
export { jointTextBracketModule, jointTextDecisionModule, jointTextModule, jointTextSuggestionModule } from './joint-text.ts';
export { commitmentModule, commitmentReportModule, commitmentVerifyModule } from './commitment.ts';

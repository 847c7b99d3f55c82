export { intelReportModule } from './report.ts';
export { intelRfiCloseModule, intelRfiModule, intelRfiReplyModule } from './rfi.ts';
export { intelOpinionModule } from './opinion.ts';

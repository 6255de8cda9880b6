export { protocoleContract, protocoleJobs } from './contract';
export { protocoleHandlers, protocoleJobSteps } from './handlers';
export { buildProtocole } from './model';
export { buildNote } from './note';
export { renderPdf } from './pdf';
export { renderDocx } from './docx';
export { frenchTypography } from './typography';
export { makeDocument } from './work';

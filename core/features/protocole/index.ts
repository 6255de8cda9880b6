export { protocoleContract, protocoleJobs } from './contract';
export { protocoleHandlers } from './handlers';
export { protocoleJobDeclarations } from './jobs';
export { buildProtocole } from './model';
export { buildNote } from './note';
export { renderPdf } from './pdf';
export { renderDocx } from './docx';
export { frenchTypography } from './typography';
export { makeDocument } from './work';

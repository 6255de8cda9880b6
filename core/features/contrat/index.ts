export { contratContract, contratFields, qpvInput, type ContratFields } from './contract';
export { contratHandlers } from './handlers';
export { readContrat, writeContrat } from './queries';

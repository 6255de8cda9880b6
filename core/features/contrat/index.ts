export { contratContract, contratFields, qpvInput, type ContratFields } from './contract';
export { contratHandlers } from './handlers';
export { contratChangeScope, readContrat, writeContrat } from './queries';

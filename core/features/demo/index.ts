export { demoContract } from './contract';
export { demoHandlers } from './handlers';
export { demoDocument } from './demo-contrat';

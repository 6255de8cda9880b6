export { formatContract, formatJobs } from './contract';
export { formatHandlers, formatJobSteps } from './handlers';
export { createFromDocument } from './import';
export { exportDocument } from './export';

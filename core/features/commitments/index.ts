// The commitments feature's public face: partners, signatories, commitments; their reading for other features.
export { commitmentsContract, type CommitmentsView, type PartnerInfo, type SignatoryInfo } from './contract';
export { commitmentsHandlers } from './handlers';
export { readCommitments, readPartners, readView } from './queries';
export { commitmentsCsv, commitmentsTable, filterCommitments } from './csv';

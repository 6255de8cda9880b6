// The commitments feature's public face: its two screens, the two pieces the tree shows, and the late list the COPIL dashboard shows.
import './commitments.css';
export { CommitmentsScreen } from './CommitmentsScreen';
export { PartnersScreen } from './PartnersScreen';
export { CommitmentCount, NodeCommitments } from './NodeCommitments';
export { LateCommitmentsSummary } from './LateSummary';

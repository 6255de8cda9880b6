// The commitments feature's public face: its two screens, and the two pieces the tree shows.
import './commitments.css';
export { CommitmentsScreen } from './CommitmentsScreen';
export { PartnersScreen } from './PartnersScreen';
export { CommitmentCount, NodeCommitments } from './NodeCommitments';

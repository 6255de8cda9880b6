// The merge feature's public face: the action « Fusionner une autre copie… ».
export { useMergeAction } from './useMergeAction';

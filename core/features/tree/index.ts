export { treeContract, type IndicatorInfo, type TreeNode, type TreeSnapshot } from './contract';
export { treeHandlers } from './handlers';
export { loadTree, removeNode, treeChangeScope } from './queries';

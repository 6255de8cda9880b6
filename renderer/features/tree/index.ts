// The tree feature's public face: its screen.
export { TreeScreen } from './TreeScreen';

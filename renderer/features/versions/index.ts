// The versions feature's public face: its screen.
export { VersionsScreen } from './VersionsScreen';

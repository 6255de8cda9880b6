export { ContratScreen } from './ContratScreen';

import './contrat.css';
export { ContratScreen } from './ContratScreen';

import './recent.css';
// The start feature's public face: the start screen, the new-contrat form, the first-run name dialog.
export { StartScreen } from './StartScreen';
export { NewContratForm } from './NewContratForm';
export { NameDialog } from './NameDialog';

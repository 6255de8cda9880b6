import './workshop.css';
export { WorkshopScreen, openAudience } from './WorkshopScreen';
export { AudienceView } from './AudienceView';
/** For any screen that shows a contrat: follow the changes made elsewhere (another page, window or tab). */
export { useDocChanges, useRemoteRevision } from './events';

export { workshopContract, type Minutes, type WorkshopLive, type WorkshopState, type AudienceItem } from './contract';
export { workshopHandlers } from './handlers';
/** The minutes as plain data and as text (the documents feature builds its PDF and DOCX from `Minutes`). */
export { buildMinutes, minutesText, type MinutesSource } from './minutes';
export { readMinutes } from './queries';

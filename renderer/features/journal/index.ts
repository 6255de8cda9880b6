// The journal feature's public face: its screen.
export { JournalScreen } from './JournalScreen';

// The protocole feature's public face: its screen.
export { ProtocoleScreen } from './ProtocoleScreen';

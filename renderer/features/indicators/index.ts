export { CopilScreen } from './CopilScreen';
export { IndicatorCard } from './IndicatorCard';

// Loaded when a command runs; see on-demand/persistence.ts for why through this file.
export { parseModelRef } from '@copilot/llm';

import { cpus, totalmem } from 'node:os';

export interface MachineInfo {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  platform: string;
}

/** What the figures were measured on: ratios travel between machines, absolute numbers do not. */
export function describeMachine(): MachineInfo {
  const list = cpus();
  return {
    cores: list.length,
    cpu: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

export * from './jwt-minter';
export * from './jwt-verifier';

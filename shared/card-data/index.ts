export * from './errors';
export * from './iso7811';
export * from './msr-iso-block';
export * from './em4100';
export * from './h10301';

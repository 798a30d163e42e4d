/** The CLI with extra environment variables (S3 credentials and endpoints): see synthgen() in cli.ts. */
export { synthgen as synthgenWithEnv } from './cli.js';

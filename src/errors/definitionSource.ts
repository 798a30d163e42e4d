/**
 * How a message names the definition of a user's table: the flag that loads it and its path, `--schema bank.yaml`
 * for a schema file (YAML or JSON, the only names --schema takes) and `--tables tables.mjs` for a module (which
 * --tables refuses with those extensions), so the line says what to pass.
 */
export function definitionSource(module: string): string {
  return `${/\.(ya?ml|json)$/i.test(module) ? '--schema' : '--tables'} ${module}`;
}

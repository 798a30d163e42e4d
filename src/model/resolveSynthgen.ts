/**
 * A module resolution hook (node:module register()) for the user's table modules: `import ... from 'synthgen'`
 * resolves to the synthgen that is running, wherever the module lies. Without it a module next to a globally
 * installed synthgen finds no package, and one inside a project with another copy would define tables against a
 * different version than the engine that runs them.
 */
interface ResolveContext {
  readonly parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;

let indexUrl: string | undefined;

export function initialize(data: { readonly index: string }): void {
  indexUrl = data.index;
}

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<{ url: string; shortCircuit?: boolean }> {
  if (specifier === 'synthgen' && indexUrl) return { url: indexUrl, shortCircuit: true };
  return nextResolve(specifier, context);
}

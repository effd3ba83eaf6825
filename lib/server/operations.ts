import "server-only";
import { Registry } from "prom-client";

/**
 * What the server's operations preload (lib/server/operations-preload.cjs) shares with the app:
 * the metrics registry, whether the server is shutting down, the hooks shutdown runs, the route
 * labels of its request metrics and which peers' request ids it believes. In a process without the preload (dev, tests, the command
 * line) a stand-in: a registry of its own, never draining, hooks that never run.
 */
export type ServerOperations = {
  registry: Registry;
  isDraining: () => boolean;
  onShutdown: (hook: () => Promise<void> | void) => void;
  afterShutdown: (hook: () => Promise<void> | void) => void;
  setRouteLabel: (label: (pathname: string) => string) => void;
  setTrustedPeer: (trustedPeer: (address: string | undefined) => boolean) => void;
};

const KEY = Symbol.for("corroborate.operations");
const globalForOperations = globalThis as unknown as Record<symbol, ServerOperations | undefined>;

export function serverOperations(): ServerOperations {
  globalForOperations[KEY] ??= {
    registry: new Registry(),
    isDraining: () => false,
    onShutdown: () => {},
    afterShutdown: () => {},
    setRouteLabel: () => {},
    setTrustedPeer: () => {},
  };
  return globalForOperations[KEY];
}

const BOOTED = Symbol.for("corroborate.booted");

/** Start-up is done: the database opened and migrated, the demo seeded if asked, the loops started (lib/server/boot.ts). */
export function markBooted(): void {
  (globalThis as unknown as Record<symbol, boolean>)[BOOTED] = true;
}

/** Whether start-up is done (readiness says `starting` until it is). */
export function hasBooted(): boolean {
  return (globalThis as unknown as Record<symbol, boolean | undefined>)[BOOTED] === true;
}

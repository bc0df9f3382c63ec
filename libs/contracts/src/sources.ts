/** CloudEvents `source` of every service and client on the mesh. */
export const SOURCES = {
  transit: 'usvc://cabs/transit',
  drivers: 'usvc://cabs/drivers',
  fees: 'usvc://cabs/fees',
  invoicing: 'usvc://cabs/invoicing',
  notifications: 'usvc://cabs/notifications',
  console: 'usvc://cabs/console',
  cli: 'usvc://cabs/cli',
  legacy: 'usvc://cabs/legacy',
} as const;

export type SourceName = keyof typeof SOURCES;

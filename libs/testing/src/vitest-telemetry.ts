import { startTelemetry } from '@cabs/platform';

// Trace context must flow in in-process tests as it does in the real processes (started with --import).
await startTelemetry('test');

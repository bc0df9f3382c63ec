import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { waitFor } from '@cabs/testing';
import {
  checkInvariants,
  registerSoakDrivers,
  Rider,
  RiderLedger,
  runRideLoad,
  settlementProgress,
  type Databases,
} from '@cabs/soak';
import { meshConfigWith, startTestSystem, type TestSystem } from './support/test-system.js';

const RIDES = 90;
const RESTART_ORDER = ['transit', 'drivers', 'fees', 'invoicing', 'notifications', 'broker'];

/**
 * A rolling restart under load: while rides are completed at a steady rate, each service and then the broker is
 * stopped with SIGTERM and started again, one after the other. Graceful shutdown must lose nothing — every ride
 * settles exactly once — and riders (who talk to transit's REST API and the broker's ingress) see only 2xx answers.
 * A request sent while the process is down gets no answer at all, which a rider's app sends again.
 */
describe('rolling restart of every process under load', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({
      meshConfig: meshConfigWith({ retry: 10, backoffPolicy: 'exponential', backoffDelay: 'PT0.05S' }),
    });
  });
  afterAll(() => system?.stop());

  it('loses nothing and answers riders only with 2xx while each process is restarted in turn', async () => {
    onTestFailed(() => console.log(system.logs.slice(-200).join('\n')));
    const local = (port: number) => `http://127.0.0.1:${port}`;
    const drivers = await registerSoakDrivers(local(system.ports.drivers), 10);
    const ledger = new RiderLedger();
    const rider = new Rider(
      { transit: local(system.ports.transit), ingress: `${local(system.ports.broker)}/cabs/default` },
      ledger,
      { retry5xx: false, patienceMs: 60_000 },
    );

    let accepted = 0;
    const load = runRideLoad(rider, { rides: RIDES, rate: 2, maxInFlight: 16, drivers }, (done) => (accepted = done));
    const stops: { name: string; exitCode?: number | null; signal?: string | null; seconds: number }[] = [];
    for (const [i, name] of RESTART_ORDER.entries()) {
      // Spread the restarts over the load: each once a few more rides have gone through.
      await waitFor(`ride ${8 + 12 * i} to be accepted before restarting ${name}`, () => accepted >= 8 + 12 * i, {
        timeoutMs: 90_000,
        intervalMs: 100,
      });
      const began = Date.now();
      await system.supervisor.stop(name);
      const status = system.supervisor.status().find((s) => s.name === name);
      stops.push({ name, exitCode: status?.exitCode, signal: status?.signal, seconds: (Date.now() - began) / 1000 });
      await system.supervisor.start(name);
    }
    const outcomes = await load;
    console.log(
      `rolling restart: stops ${JSON.stringify(stops)}; ${ledger.noAnswer} requests unanswered while a process was down, sent again; answers ${JSON.stringify([...ledger.answers])}`,
    );

    // Each process left on SIGTERM by itself, well within the 10 s grace — not SIGKILLed when it ran out. (The broker
    // exits 0; a Nest service raises SIGTERM again on itself once its shutdown hooks are done.)
    expect(stops.filter((s) => !(s.exitCode === 0 || s.signal === 'SIGTERM') || s.seconds > 8)).toEqual([]);
    // Riders: every ride accepted, and every answer they got a 2xx.
    expect(outcomes.filter((o) => o.error).map((o) => o.error)).toEqual([]);
    expect(ledger.failures()).toEqual([]);

    const databases = Object.fromEntries(
      ['broker', 'transit', 'drivers', 'fees', 'invoicing', 'notifications'].map((n) => [
        n,
        system.supervisor.spec(n).env.DATABASE_URL,
      ]),
    ) as Databases;
    const rides = outcomes.map((o) => o.id as string);
    await waitFor(
      'every ride to settle and the mesh to drain',
      async () => {
        const p = await settlementProgress(databases, rides);
        return p.settled === RIDES && p.notified === RIDES && p.freed === RIDES && p.unsent === 0 && p.backlog === 0;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const broken = (await checkInvariants(databases, rides, RIDES)).filter((i) => !i.ok);
    expect(broken).toEqual([]);
  }, 300_000);
});

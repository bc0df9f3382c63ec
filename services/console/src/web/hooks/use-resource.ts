import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Resource<T> {
  data: T | undefined;
  /** Why the last load failed; cleared by the next success. */
  error: string | undefined;
  /** Loads again soon; calls close together become one load. */
  refresh: () => void;
}

/**
 * Data from the console's server, loaded at once, whenever `refresh` is called (e.g. on mesh activity), and
 * every `pollMs` as a safety net.
 */
export function useResource<T>(load: () => Promise<T>, pollMs: number, settleMs = 250): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const loading = useRef(false);
  const again = useRef(false);

  const run = useCallback(async () => {
    pending.current = undefined;
    // One load at a time; a request made meanwhile is served by one more load right after.
    if (loading.current) {
      again.current = true;
      return;
    }
    loading.current = true;
    try {
      setData(await load());
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      loading.current = false;
      if (again.current) {
        again.current = false;
        void run();
      }
    }
  }, [load]);

  const refresh = useCallback(() => {
    pending.current ??= setTimeout(() => void run(), settleMs);
  }, [run, settleMs]);

  useEffect(() => {
    void run();
    const timer = setInterval(() => void run(), pollMs);
    return () => {
      clearInterval(timer);
      clearTimeout(pending.current);
    };
  }, [run, pollMs]);

  return { data, error, refresh };
}

import { useEffect, useReducer, useRef } from 'preact/hooks';
import type {
  ConsoleSettings,
  MeshActivity,
  MeshLink,
  ServiceHealth,
  StreamMessages,
} from '../../shared/console-api.js';
import { applyActivity, applyTrace, emptyFlow, flowFrom, type FlowState } from '../flow/flow-model.js';

export interface ConsoleView {
  /** The page's own stream to the console server. */
  online: boolean;
  settings: ConsoleSettings;
  health: ServiceHealth[];
  /** The console server's link to the broker's activity stream. */
  mesh: MeshLink | undefined;
  flow: FlowState;
}

type Action =
  { [K in keyof StreamMessages]: { event: K; data: StreamMessages[K] } }[keyof StreamMessages] | { event: 'offline' };

const initial: ConsoleView = {
  online: false,
  settings: { tracingUiUrl: null, triggerServices: {}, eventKinds: {} },
  health: [],
  mesh: undefined,
  flow: emptyFlow(),
};

function reduce(view: ConsoleView, action: Action): ConsoleView {
  switch (action.event) {
    case 'hello': {
      const { settings, health, mesh, recent, traces } = action.data;
      return { online: true, settings, health, mesh, flow: flowFrom(recent, traces) };
    }
    case 'activity':
      return { ...view, flow: applyActivity(view.flow, action.data) };
    case 'trace':
      return { ...view, flow: applyTrace(view.flow, action.data) };
    case 'health':
      return { ...view, health: action.data };
    case 'mesh':
      return { ...view, mesh: action.data };
    case 'settings':
      return { ...view, settings: action.data };
    case 'offline':
      return { ...view, online: false };
  }
}

const EVENTS: (keyof StreamMessages)[] = ['hello', 'activity', 'trace', 'health', 'mesh', 'settings'];

/**
 * Follows the console server's stream (`api/stream`): the mesh's activity, service health and the link to the
 * broker. The browser reconnects by itself; each reconnection starts from a fresh `hello`.
 */
export function useConsoleStream(onActivity: (activity: MeshActivity) => void): ConsoleView {
  const [view, dispatch] = useReducer(reduce, initial);
  const listener = useRef(onActivity);
  listener.current = onActivity;

  useEffect(() => {
    const source = new EventSource('api/stream');
    for (const event of EVENTS) {
      source.addEventListener(event, (message: MessageEvent<string>) => {
        const data = JSON.parse(message.data) as never;
        dispatch({ event, data });
        if (event === 'activity') listener.current(data);
      });
    }
    source.onerror = () => dispatch({ event: 'offline' });
    return () => source.close();
  }, []);

  return view;
}

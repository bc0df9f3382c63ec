export { binaryModeHeaders } from './binary-mode.js';
export { isJson } from './content-type.js';
export { decodeHttpEvent, decodeParsedHttpEvent } from './decode-http-event.js';
export type { HttpHeaders } from './http-headers.js';
export type { Decoded, MeshEvent } from './mesh-event.js';

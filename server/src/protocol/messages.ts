// Custom messages between the client, the server and (later) the preview webview, declared once.
// A descriptor is a method name that carries its parameter and result types, so both sides agree
// at compile time. No runtime dependency: the webview bundle can import this module too.

export interface NotificationDescriptor<P> {
  readonly method: `kqlDetect/${string}`;
  /** Type only: never set. */
  readonly params?: P;
}

export interface RequestDescriptor<P, R> {
  readonly method: `kqlDetect/${string}`;
  /** Type only: never set. */
  readonly params?: P;
  /** Type only: never set. */
  readonly result?: R;
}

export function notification<P>(method: `kqlDetect/${string}`): NotificationDescriptor<P> {
  return { method };
}

export function request<P, R>(method: `kqlDetect/${string}`): RequestDescriptor<P, R> {
  return { method };
}

/** The settings section the server pulls per document with `workspace/configuration`. */
export const SETTINGS_SECTION = 'kqlDetect';

export interface ServerStatusParams {
  state: 'ready';
  /** How long loading and warming Kusto.Language took when the server started, in milliseconds. */
  warmupMs: number;
}

/** Server → client, once initialized: the parser is loaded and the server answers at full speed. */
export const serverStatus = notification<ServerStatusParams>('kqlDetect/serverStatus');

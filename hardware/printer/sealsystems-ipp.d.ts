// The package ships no types; this declares the small part Frontdesk uses.
declare module '@sealsystems/ipp' {
  export type IppAttributes = Record<string, unknown>;
  export interface IppResponse {
    readonly version: string;
    readonly statusCode: string;
    readonly id: number;
    readonly 'operation-attributes-tag'?: IppAttributes;
    readonly 'printer-attributes-tag'?: IppAttributes;
    readonly 'job-attributes-tag'?: IppAttributes;
    readonly 'unsupported-attributes-tag'?: IppAttributes;
  }
  export interface IppMessage {
    readonly 'operation-attributes-tag': IppAttributes;
    readonly 'job-attributes-tag'?: IppAttributes;
    readonly data?: Buffer;
  }
  export interface PrinterOptions {
    readonly version?: string;
    readonly uri?: string;
    readonly charset?: string;
    readonly language?: string;
    /** Socket timeout in ms (the library's default is 60 s). */
    readonly timeout?: number;
  }
  export interface IppPrinter {
    execute(operation: string, message: IppMessage | null, cb: (err: Error | null, res: IppResponse) => void): void;
  }
  export function Printer(url: string, options?: PrinterOptions): IppPrinter;
  const ipp: { Printer: typeof Printer };
  export default ipp;
}

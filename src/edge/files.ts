import { z } from 'zod';

/** A file answer (meta `response: 'file'`): downloads and QR codes, streamed by the REST edge. */
export interface FileOutput {
  body: ReadableStream<Uint8Array> | Uint8Array | string;
  contentType: string;
  /** Bytes, when known. */
  size?: number;
  /** RFC 6266 Content-Disposition value. */
  disposition?: string;
  cacheControl?: string;
}

/** The output schema of a file operation; documented as binary content (src/edge/openapi.ts). */
export const fileOutput = z.custom<FileOutput>().meta({ override: { type: 'string', format: 'binary' } });

/** A multipart file part in an operation's input; documented as binary. */
export const filePart = z.instanceof(File, { message: 'file required' }).meta({ override: { type: 'string', format: 'binary' } });

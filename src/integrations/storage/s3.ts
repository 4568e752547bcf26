import { Readable, Transform } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { assertKey, type FileStorage, type StorageBody, type StoredObject } from './types.ts';

export interface S3ClientOptions {
  /** `http(s)://host[:port]` of an S3-compatible service; unset: AWS itself for `region`. */
  endpoint?: string | undefined;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (MinIO, most fakes). */
  forcePathStyle: boolean;
}

/** One S3 client (connection pool) for every area of the bucket. */
export function createS3Client(opts: S3ClientOptions): S3Client {
  return new S3Client({
    region: opts.region,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    forcePathStyle: opts.forcePathStyle,
    credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey },
    // checksums only where S3 requires them: OSS, COS and older MinIO refuse the trailing ones
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Multipart part size (bytes): S3's minimum, so an upload holds at most PART_SIZE × QUEUE_SIZE in memory. */
const PART_SIZE = 5 * 1024 * 1024;
const QUEUE_SIZE = 2;

/**
 * An area of an S3-compatible bucket (AWS S3, Alibaba Cloud OSS, Tencent COS, MinIO) through
 * `@aws-sdk/client-s3`, requests signed with AWS Signature V4. Uploads stream through
 * `@aws-sdk/lib-storage` (one PutObject for small bodies, a multipart upload of 5 MiB parts
 * otherwise, aborted on failure so no partial object remains); downloads stream GetObject's body.
 */
export class S3FileStorage implements FileStorage {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;

  /**
   * @param client from `createS3Client`.
   * @param bucket an existing bucket. @param prefix this area's key prefix, e.g. `attachments/`.
   */
  constructor(client: S3Client, bucket: string, prefix: string) {
    this.#client = client;
    this.#bucket = bucket;
    this.#prefix = prefix;
  }

  /** @throws the body stream's error or an S3ServiceException; a failed multipart upload is aborted. */
  async put(key: string, body: StorageBody, opts: { contentType?: string } = {}): Promise<{ size: number }> {
    const Key = this.#key(key);
    let size = 0;
    const source = body instanceof Uint8Array ? Readable.from([body]) : Readable.fromWeb(body as import('node:stream/web').ReadableStream);
    const counted = source.pipe(
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.byteLength;
          done(null, chunk);
        },
      }),
    );
    // pipe() does not forward errors: an aborted source must fail the upload
    source.once('error', (err) => counted.destroy(err));
    const upload = new Upload({
      client: this.#client,
      params: { Bucket: this.#bucket, Key, Body: counted, ...(opts.contentType ? { ContentType: opts.contentType } : {}) },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    await upload.done();
    return { size };
  }

  /** @throws S3ServiceException other than NoSuchKey (access denied, no bucket…). */
  async get(key: string): Promise<StoredObject | undefined> {
    try {
      const out = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }));
      if (!out.Body) return undefined;
      return { stream: out.Body.transformToWebStream() as ReadableStream<Uint8Array>, size: out.ContentLength ?? 0 };
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  /** @throws S3ServiceException; deleting a missing key succeeds, as in S3. */
  async delete(key: string): Promise<void> {
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }));
  }

  /** @throws S3ServiceException other than 404. */
  async exists(key: string): Promise<boolean> {
    try {
      await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  #key(key: string): string {
    assertKey(key);
    return `${this.#prefix}${key}`;
  }
}

function isMissing(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404);
}

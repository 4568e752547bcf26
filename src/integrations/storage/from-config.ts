import type { Config } from '../../config.ts';
import { LocalFileStorage } from './local.ts';
import { createS3Client, S3FileStorage } from './s3.ts';
import type { StorageAreas } from './types.ts';

/**
 * The storage areas of STORAGE_DRIVER: `local` keeps UPLOAD_DIR and ATTACHMENTS_DIR (one
 * machine); `s3` puts both in S3_BUCKET under the `uploads/` and `attachments/` prefixes, so every
 * instance behind a load balancer sees every file. config.ts has already refused missing settings.
 */
export function createStorage(config: Config): StorageAreas {
  if (config.STORAGE_DRIVER === 'local') {
    return { uploads: new LocalFileStorage(config.UPLOAD_DIR), attachments: new LocalFileStorage(config.ATTACHMENTS_DIR) };
  }
  const client = createS3Client({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  });
  return {
    uploads: new S3FileStorage(client, config.S3_BUCKET, 'uploads/'),
    attachments: new S3FileStorage(client, config.S3_BUCKET, 'attachments/'),
  };
}

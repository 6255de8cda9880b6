// The CSV preview job as it runs in the worker thread: reads the file, decodes and checks every line against the
// contrat's indicators (a list given by the main thread). Writes nothing.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { TrameError } from '../../api/result';
import { fsError } from '../../files';
import type { WorkContext } from '../../jobs/types';
import { CSV_MAX_BYTES, CsvRefused, readMeasurementsCsv, type CsvIndicator, type CsvReading } from './model/csv';

export interface CsvPayload { file: string; bytes?: Uint8Array; indicators: CsvIndicator[] }

/** Reads a CSV file of measurements; a file that is not one is refused in French. */
export function readCsvFile(file: string, indicators: CsvIndicator[], onProgress?: (done: number, total: number) => void): CsvReading {
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new TrameError('entree-invalide', `« ${path.basename(file)} » n'est pas un fichier.`);
    if (st.size > CSV_MAX_BYTES) {
      throw new TrameError('entree-invalide', `« ${path.basename(file)} » est trop gros (${Math.round(st.size / 1048576)} Mo, au plus ${CSV_MAX_BYTES / 1048576} Mo) : ce n'est pas un relevé de mesures.`);
    }
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof TrameError) throw err;
    throw fsError(err, file, 'lire');
  }
  try {
    return readMeasurementsCsv(bytes, indicators, onProgress);
  } catch (err) {
    if (err instanceof CsvRefused) throw new TrameError('entree-invalide', `« ${path.basename(file)} » : ${err.message}`, [err.message]);
    throw err;
  }
}

export function csvPreview({ file, bytes, indicators }: CsvPayload, ctx: WorkContext): CsvReading {
  ctx.progress(0, null, 'Lecture du fichier CSV');
  const onProgress = (done: number, total: number) => {
    ctx.checkCancelled();
    ctx.progress(done, total, 'Vérification des lignes');
  };
  if (!bytes) return readCsvFile(file, indicators, onProgress);
  try {
    return readMeasurementsCsv(bytes, indicators, onProgress);
  } catch (err) {
    if (err instanceof CsvRefused) throw new TrameError('entree-invalide', `« ${file} » : ${err.message}`, [err.message]);
    throw err;
  }
}


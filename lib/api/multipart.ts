import "server-only";
import { Readable } from "node:stream";
import Busboy from "busboy";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";

/**
 * Stream the one `file` field of a multipart body to `consume`, never buffering it. Text fields
 * sent before the file are handed over with it; a body with no `file` part, or a malformed one, is
 * a 400. `whole` settles once the rest of the body has been read: it fails when a second file
 * follows (which of the two was meant?) or the body turns out malformed, so the caller awaits it
 * before committing anything.
 */
export function streamMultipartFile<T>(
  request: Request,
  consume: (file: Readable, filename: string | null, fields: Record<string, string>, whole: () => Promise<void>) => Promise<T>,
): Promise<T> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!request.body) throw new AppError("BAD_REQUEST", tr("errors.api.noBody"));
  const malformed = () => new AppError("BAD_REQUEST", tr("errors.api.malformedMultipart"));
  let parser: Busboy.Busboy;
  try {
    // Filenames are UTF-8 as browsers send them, and kept whole: they are metadata, never a path.
    parser = Busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      preservePath: true,
      limits: { files: 1, fields: 20, fieldSize: 64 * 1024 },
    });
  } catch {
    throw malformed();
  }
  let settleWhole!: { resolve: () => void; reject: (error: AppError) => void };
  const whole = new Promise<void>((resolve, reject) => (settleWhole = { resolve, reject }));
  whole.catch(() => {}); // observed by the caller, or by nobody when the file was refused first
  return new Promise<T>((resolve, reject) => {
    let handled = false;
    const fields: Record<string, string> = {};
    parser.on("field", (name, value) => {
      if (!handled) fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || handled) {
        stream.resume();
        return;
      }
      handled = true;
      consume(stream, info.filename ?? null, fields, () => whole).then(resolve, (error) => {
        stream.resume();
        reject(error);
      });
    });
    parser.on("filesLimit", () =>
      settleWhole.reject(new AppError("BAD_REQUEST", tr("errors.api.oneFile"), { fieldErrors: { file: [tr("errors.api.oneFileField")] } })),
    );
    parser.on("error", () => {
      settleWhole.reject(malformed());
      reject(malformed());
    });
    parser.on("close", () => {
      settleWhole.resolve();
      if (!handled) reject(new AppError("BAD_REQUEST", tr("errors.api.fileField"), { fieldErrors: { file: [tr("validation.required")] } }));
    });
    Readable.fromWeb(request.body as never, { highWaterMark: 64 })
      .on("error", (error) => {
        settleWhole.reject(malformed());
        reject(error);
      })
      .pipe(parser);
  });
}

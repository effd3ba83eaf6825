import "server-only";
import { Readable } from "node:stream";
import Busboy from "busboy";
import { AppError } from "@/lib/errors/app-error";

/**
 * Stream the one `file` field of a multipart body to `consume`, never buffering it. Text fields
 * sent before the file are handed over with it; a body with no `file` part, or a malformed one, is
 * a 400.
 */
export function streamMultipartFile<T>(
  request: Request,
  consume: (file: Readable, filename: string | null, fields: Record<string, string>) => Promise<T>,
): Promise<T> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!request.body) throw new AppError("BAD_REQUEST", "The request has no body.");
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
    throw new AppError("BAD_REQUEST", "The multipart body is malformed.");
  }
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
      consume(stream, info.filename ?? null, fields).then(resolve, (error) => {
        stream.resume();
        reject(error);
      });
    });
    parser.on("error", () => reject(new AppError("BAD_REQUEST", "The multipart body is malformed.")));
    parser.on("close", () => {
      if (!handled) reject(new AppError("BAD_REQUEST", "Send the file in a multipart field named file.", { fieldErrors: { file: ["Required."] } }));
    });
    Readable.fromWeb(request.body as never, { highWaterMark: 64 }).on("error", reject).pipe(parser);
  });
}

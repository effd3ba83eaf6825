import "server-only";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { PermanentJobFailure } from "@/lib/jobs/permanent-failure";
import { categoryOf } from "../derivations";
import { DERIVATION_LIMITS } from "./limits";
import { MediaRefused } from "./refused";

const run = promisify(execFile);
const available = new Map<string, Promise<boolean>>();

/** Whether ffmpeg / ffprobe are installed; items are still stored without them, derivations skipped. */
export function hasTool(tool: "ffmpeg" | "ffprobe"): Promise<boolean> {
  if (!available.has(tool)) {
    available.set(
      tool,
      run(tool, ["-version"], { timeout: 10_000 }).then(
        () => true,
        () => false,
      ),
    );
  }
  return available.get(tool)!;
}

/**
 * The demuxer each sniffed type is read with, and the `format_name` a probe must then report.
 * Forcing the demuxer is what keeps ffmpeg on the uploaded bytes: left to guess, it takes a file
 * that sniffs as MPEG-TS or MP3 for the DASH manifest or HLS playlist it also is, and follows its
 * `file:///…` references to other files on the server. Playlists (hls, dash, concat) are never named here.
 */
const DEMUXERS: Record<string, { demuxer: string; formatName: string }> = {};
function demux(types: string[], demuxer: string, formatName = demuxer) {
  for (const type of types) DEMUXERS[type] = { demuxer, formatName };
}
demux(["video/mp4", "video/quicktime", "video/x-m4v", "video/3gpp", "video/3gpp2", "audio/mp4", "audio/x-m4a"], "mov", "mov,mp4,m4a,3gp,3g2,mj2");
demux(["video/matroska", "video/webm"], "matroska", "matroska,webm");
demux(["video/mp2t"], "mpegts");
demux(["video/mpeg", "video/MP1S", "video/MP2P"], "mpeg");
demux(["video/vnd.avi"], "avi");
demux(["video/x-flv"], "flv");
demux(["video/x-ms-asf", "audio/x-ms-asf"], "asf");
demux(["video/ogg", "audio/ogg", "audio/ogg; codecs=opus"], "ogg");
demux(["audio/mpeg"], "mp3");
demux(["audio/aac"], "aac");
demux(["audio/flac"], "flac");
demux(["audio/wav"], "wav");
demux(["audio/aiff"], "aiff");
demux(["audio/amr"], "amr");

/** ffmpeg's options that read exactly one local file with the demuxer its sniffed type names. */
export function inputArgs(file: string, mediaType: string | null): string[] {
  const entry = mediaType ? DEMUXERS[mediaType] : undefined;
  if (!entry) throw new MediaRefused(`No safe demuxer for ${mediaType ?? "an unknown type"}`);
  return ["-protocol_whitelist", "file", "-f", entry.demuxer, "-i", `file:${file}`];
}

function describeFailure(tool: string, error: unknown, timeoutMs: number): string {
  const e = error as { killed?: boolean; signal?: string | null; code?: unknown; stderr?: string };
  if (e.killed && e.signal === "SIGKILL") return `${tool} ran past its ${timeoutMs / 1000} s limit`;
  const lastLine = (e.stderr ?? "").trim().split("\n").pop()?.slice(0, 300);
  return `${tool} failed${e.signal ? ` (${e.signal})` : ""}${lastLine ? `: ${lastLine}` : ""}`;
}

/**
 * `command args` as run by a shell that first limits the address space to `bytes` (`ulimit -v`)
 * and then execs it at a lower priority (`nice`: requests are answered before media is worked),
 * the arguments passed as "$@" (never spliced into the script): what a child that reads hostile
 * bytes is started with.
 */
export function withinAddressSpace(bytes: number, command: string, args: string[]): [string, string[]] {
  const limitKib = String(Math.floor(bytes / 1024));
  return ["sh", ["-c", 'ulimit -v "$1" || exit 125; shift; exec nice -n 10 "$@"', "sh", limitKib, command, ...args]];
}

/** A tool's whole argument list as `runTool` starts it: one thread, never reading the terminal. */
export function toolArgs(tool: "ffmpeg" | "ffprobe", args: string[]): string[] {
  const oneThread = tool === "ffmpeg" ? ["-nostdin", "-filter_threads", "1", "-threads", "1"] : ["-threads", "1"];
  return [...oneThread, ...args];
}

/**
 * Run a media tool on one thread, in an address space of `childMemoryBytes` and within a time
 * limit; its output is bounded so a hostile file cannot flood memory. A tool that
 * fails or times out on the bytes would do so again: that is a permanent failure, not retried.
 */
export async function runTool(tool: "ffmpeg" | "ffprobe", args: string[], timeoutMs: number) {
  try {
    return await run(...withinAddressSpace(DERIVATION_LIMITS.childMemoryBytes, tool, toolArgs(tool, args)), {
      timeout: timeoutMs,
      killSignal: "SIGKILL",
      maxBuffer: 32 * 1024 * 1024,
      encoding: "utf8",
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // A failure to start (EAGAIN, ENOMEM in fork) says nothing about the bytes: worth a retry.
    if (typeof code === "string") throw error;
    throw new PermanentJobFailure(describeFailure(tool, error, timeoutMs));
  }
}

export type MediaProbe = {
  format?: { duration?: string; format_name?: string; bit_rate?: string; tags?: Record<string, string> };
  streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number; tags?: Record<string, string> }[];
};

/**
 * What a probe prints: everything (the metadata job keeps the tags), or only what a frame grab
 * needs. A file's tags can be megabytes (a 10 MB location tag): the frame jobs do not print them.
 */
const SHOW = {
  all: ["-show_format", "-show_streams"],
  frames: ["-show_entries", "format=duration,format_name:stream=codec_type,codec_name,width,height"],
};
export type ProbeShows = keyof typeof SHOW;

async function ffprobe(file: string, mediaType: string | null, options: string[], show: ProbeShows): Promise<MediaProbe> {
  const { stdout } = await runTool(
    "ffprobe",
    ["-v", "error", ...options, "-print_format", "json", ...SHOW[show], ...inputArgs(file, mediaType)],
    DERIVATION_LIMITS.probeTimeoutMs,
  );
  const probe = JSON.parse(stdout) as MediaProbe;
  const expected = DEMUXERS[mediaType!].formatName;
  if (probe.format?.format_name !== expected) {
    throw new MediaRefused(`The file reads as ${probe.format?.format_name ?? "nothing"}, not ${expected}`);
  }
  return probe;
}

/**
 * ffprobe's JSON for the uploaded bytes alone, read with the demuxer of their sniffed type. The
 * container's headers are read first, decoding nothing: a video whose header declares a frame past
 * the bounds is answered from them (probing decodes a frame: 650 MB and 3 s for one of 16,000²).
 * Otherwise the streams are probed, the decoder refusing any frame past the bound on the way.
 */
export async function probeMedia(file: string, mediaType: string | null, show: ProbeShows = "all"): Promise<MediaProbe> {
  // Audio has no frame to declare: one probe of its streams.
  if (categoryOf(mediaType) === "video") {
    const headers = await ffprobe(file, mediaType, ["-nofind_stream_info"], show);
    const video = headers.streams?.find((s) => s.codec_type === "video");
    if (video?.width && video.height) {
      if (isPastVideoBounds(video.width, video.height)) return headers;
      // A frame job needs the size and the duration only, and its grabs carry the pixel bound
      // themselves: when the headers give both, a second probe would only cost another process.
      if (show === "frames" && Number(headers.format?.duration) > 0) return headers;
    }
  }
  return ffprobe(file, mediaType, ["-max_pixels", String(DERIVATION_LIMITS.videoPixels)], show);
}

function isPastVideoBounds(width: number, height: number) {
  const { videoPixels, videoSide } = DERIVATION_LIMITS;
  return width > videoSide || height > videoSide || width * height > videoPixels;
}

/** The first video stream's size, refused past the video bounds before anything decodes a frame. */
export function assertVideoWithinBounds(probe: MediaProbe): { width: number; height: number } {
  const video = probe.streams?.find((s) => s.codec_type === "video");
  const width = video?.width ?? 0;
  const height = video?.height ?? 0;
  if (width <= 0 || height <= 0) throw new MediaRefused("The file has no video stream of known size");
  if (isPastVideoBounds(width, height)) {
    const { videoPixels, videoSide } = DERIVATION_LIMITS;
    throw new MediaRefused(`A video of ${width}×${height} is past the bound of ${videoPixels / 1e6} MP (${videoSide} a side)`);
  }
  return { width, height };
}

// The bytes of an import file on their way to the parser: counted, hashed (SHA-256, the batch's checksum),
// checked to be UTF-8 (every line holding a byte sequence that is not is reported, with the byte), and the
// optional first line naming the kind of record (`# kind: incidents`) taken out, leaving an empty line so the
// parser's line numbers stay the file's.
import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import type { ProblemList } from "./problems";

/** The first line may name the kind: `# kind: incidents` (spaces optional, `=` allowed for `:`). */
const KIND_LINE = /^#\s*kind\s*[:=]\s*([A-Za-z_-]+)\s*$/;

/** Bytes the first line may have when it starts with `#` (a kind line is short). */
const MAX_KIND_LINE_BYTES = 200;

const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;

export class FileInspector extends Transform {
  private readonly hash = createHash("sha256");
  /** Bytes seen. */
  bytes = 0;
  /** The kind named by the first line, if it names one. */
  kind: string | null = null;
  /** The line the next byte belongs to. */
  private line = 1;
  /** Continuation bytes the current UTF-8 sequence still needs, and the range the next one must fall in. */
  private need = 0;
  private low = 0x80;
  private high = 0xbf;
  /** The last line reported for bad encoding (one problem per line). */
  private reportedLine = 0;
  /** While the first line starts with `#`: its bytes so far; null once the first line is settled. */
  private firstLine: Buffer[] | null = [];
  private firstLineBytes = 0;

  constructor(private readonly problems: ProblemList) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    this.checkUtf8(chunk);
    if (this.firstLine === null) return done(null, chunk);
    // Still on the first line, which starts with "#" (or is not yet known to).
    if (this.firstLineBytes === 0 && chunk.length > 0 && chunk[0] !== 0x23) {
      this.firstLine = null;
      return done(null, chunk);
    }
    const newline = chunk.indexOf(0x0a);
    const head = newline === -1 ? chunk : chunk.subarray(0, newline);
    this.firstLine.push(head);
    this.firstLineBytes += head.length;
    if (newline === -1 && this.firstLineBytes <= MAX_KIND_LINE_BYTES) return done();
    this.settleFirstLine();
    done(null, newline === -1 ? Buffer.alloc(0) : chunk.subarray(newline));
  }

  override _flush(done: TransformCallback): void {
    if (this.firstLine !== null && this.firstLineBytes > 0) this.settleFirstLine();
    if (this.need > 0) this.badByte(null);
    done();
  }

  /** The file's SHA-256, hex; call once the stream has ended. */
  checksum(): string {
    return this.hash.digest("hex");
  }

  private settleFirstLine(): void {
    const text = Buffer.concat(this.firstLine ?? [])
      .toString("utf8")
      .replace(/\r$/, "");
    this.firstLine = null;
    const match = KIND_LINE.exec(text);
    if (match) this.kind = match[1]!.toLowerCase();
    else
      this.problems.add({
        line: 1,
        column: null,
        code: "BAD_KIND_LINE",
        reason: "a first line starting with # must name the kind of record, written `# kind: <kind>` (for example `# kind: incidents`)",
      });
  }

  private checkUtf8(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (this.need > 0) {
        if (byte >= this.low && byte <= this.high) {
          this.need--;
          this.low = 0x80;
          this.high = 0xbf;
          continue;
        }
        // The sequence was cut short; the byte starts afresh.
        this.badByte(byte);
        this.need = 0;
      }
      if (byte < 0x80) {
        if (byte === 0x0a) this.line++;
      } else if (byte >= 0xc2 && byte <= 0xdf) this.expect(1, 0x80, 0xbf);
      else if (byte === 0xe0) this.expect(2, 0xa0, 0xbf);
      else if ((byte >= 0xe1 && byte <= 0xec) || byte === 0xee || byte === 0xef) this.expect(2, 0x80, 0xbf);
      else if (byte === 0xed) this.expect(2, 0x80, 0x9f);
      else if (byte === 0xf0) this.expect(3, 0x90, 0xbf);
      else if (byte >= 0xf1 && byte <= 0xf3) this.expect(3, 0x80, 0xbf);
      else if (byte === 0xf4) this.expect(3, 0x80, 0x8f);
      else this.badByte(byte);
    }
  }

  private expect(need: number, low: number, high: number): void {
    this.need = need;
    this.low = low;
    this.high = high;
  }

  private badByte(byte: number | null): void {
    if (this.reportedLine === this.line) return;
    this.reportedLine = this.line;
    this.problems.add({
      line: this.line,
      column: null,
      code: "INVALID_UTF8",
      reason:
        byte === null
          ? "the file ends in the middle of a UTF-8 character; save the file as UTF-8"
          : `byte ${hex(byte)} is not valid UTF-8 here; save the file as UTF-8 (not Latin-1 or Windows-1252)`,
    });
  }
}

//! Hashing a master agreement: the SHA-256 that a contract anchors.
//!
//! The agreement safeguard stores the SHA-256 of the natural-language master
//! agreement that every party signs with an EDS (Law No. 370-II of
//! 7 January 2003 "On Electronic Document and Electronic Digital Signature",
//! Art. 7(1); see `docs/legal-basis.md`). This module computes that hash in
//! two modes:
//!
//! - **exact** ([`hash_reader`]): the SHA-256 of the file's bytes, as they
//!   are. Use it for the signed container or a PDF.
//! - **canonical** ([`hash_canonical_reader`], [`canonicalize`]): the
//!   SHA-256 of the *canonical form* of a UTF-8 text, so the same agreement
//!   hashes the same whether it was saved on Windows (CRLF, BOM) or Linux,
//!   by an editor that strips trailing spaces or not, with composed or
//!   decomposed letters.
//!
//! Both stream the input through a fixed buffer ([`BUFFER_SIZE`]): memory
//! does not grow with the file.
//!
//! ## Canonical form, version 1
//!
//! The input is decoded, transformed and re-encoded as UTF-8:
//!
//! 1. **UTF-8.** The input must be valid UTF-8; otherwise the error gives
//!    the byte offset of the first byte of the offending sequence
//!    ([`AgreementError::InvalidUtf8`]). Overlong forms, surrogates and
//!    sequences cut off by the end of the file are invalid.
//! 2. **BOM.** One U+FEFF at the very start is removed. Any other U+FEFF is
//!    text and is kept.
//! 3. **Line ends.** CR LF and a lone CR each become one LF.
//! 4. **Trailing whitespace.** Spaces (U+0020) and tabs (U+0009) at the end
//!    of every line are removed. Other white space (U+00A0, U+3000, ...) is
//!    text and is kept; so are spaces and tabs inside a line.
//! 5. **NFC.** The text is put in Unicode Normalization Form C (UAX #15;
//!    Unicode 15.0 tables of `unicode-normalization` 0.1.22): `"e\u{301}"`
//!    becomes `"é"`, Kazakh `"и\u{306}"` becomes `"й"`.
//! 6. **End of file.** Blank lines at the end (empty, or blank after step 4)
//!    are removed, and every remaining line, the last one included, ends in
//!    exactly one LF. So a text with or without a final newline, or with
//!    extra blank lines at the end, hashes the same. A text with no
//!    characters left (empty, or only white space and line ends) has an
//!    empty canonical form, whose hash is the SHA-256 of zero bytes.
//!    Blank lines at the start and between paragraphs are kept.
//!
//! The canonical form of a canonical form is itself: the transformation is
//! idempotent, so a party may publish the canonical text and everyone can
//! check its hash with [`hash_reader`] too.
//!
//! ## Memory limits
//!
//! Two things must be held back while streaming, and both are bounded:
//!
//! - spaces and tabs after the last character of a line, until we know
//!   whether the line ends there. They are kept as runs (a line of a million
//!   spaces is one run); a stretch that alternates between spaces and tabs
//!   more than [`MAX_WHITESPACE_RUNS`] times is refused
//!   ([`AgreementError::WhitespaceTooFragmented`]).
//! - combining marks after a base letter, which NFC reorders and composes.
//!   A run of more than [`MAX_COMBINING_RUN`] consecutive combining marks
//!   (non-starters, after canonical decomposition) is refused
//!   ([`AgreementError::CombiningRunTooLong`]); real text has one to three.
//!
//! Refusing rather than altering keeps the canonical form plain NFC, so any
//! other NFC implementation reproduces the hash of every accepted text.
//!
//! ## Security considerations
//!
//! - The canonical hash identifies the *text*, not the file: two files that
//!   differ only in line ends, trailing white space, BOM or normalization
//!   share it. That is the point, but the parties must agree which mode
//!   the contract anchors; the signed EDS container itself is hashed
//!   exactly.
//! - NFC is not NFKC: look-alike characters (Latin `a` and Cyrillic `а`,
//!   full-width digits) stay different, so the hash does not hide them.
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

use std::{
    fmt,
    io::{self, ErrorKind, Read, Write},
};

use sha2::{Digest, Sha256};
use unicode_normalization::{char::canonical_combining_class, UnicodeNormalization};

/// Read buffer size: 64 KiB.
pub const BUFFER_SIZE: usize = 64 * 1024;

/// Longest run of consecutive combining marks (non-starters) the canonical
/// mode accepts. NFC has to hold such a run in memory to reorder it.
pub const MAX_COMBINING_RUN: usize = 4096;

/// Most alternations between spaces and tabs that the canonical mode holds
/// back at the end of a line (each run of equal characters is one entry).
pub const MAX_WHITESPACE_RUNS: usize = 65_536;

/// The byte order mark that [`canonicalize`] strips from the start.
const BOM: char = '\u{feff}';

/// A computed hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hashed {
    /// Bytes read from the input (the file's size), in either mode.
    pub bytes: u64,
    /// The SHA-256: of the bytes (exact mode) or of the canonical form.
    pub sha256: [u8; 32],
}

impl Hashed {
    /// The hash as 64 lowercase hex digits.
    pub fn hex(&self) -> String {
        hex::encode(self.sha256)
    }
}

/// What [`canonicalize`] read and wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Canonicalized {
    /// Bytes read from the input.
    pub bytes_read: u64,
    /// Bytes of canonical form written.
    pub bytes_written: u64,
}

/// Why hashing or canonicalizing failed.
#[derive(Debug)]
pub enum AgreementError {
    /// Reading the input failed at `offset` (bytes read before the failure).
    Read {
        /// Bytes read successfully before the failure.
        offset: u64,
        /// The underlying error.
        source: io::Error,
    },
    /// Writing the canonical form failed.
    Write {
        /// The underlying error.
        source: io::Error,
    },
    /// The input is not UTF-8: the sequence starting at byte `offset` is
    /// invalid, or (`truncated`) cut off by the end of the input.
    InvalidUtf8 {
        /// Byte offset of the first byte of the offending sequence.
        offset: u64,
        /// The sequence is incomplete at the end of the input.
        truncated: bool,
    },
    /// More than [`MAX_COMBINING_RUN`] combining marks in a row.
    CombiningRunTooLong {
        /// Byte offset of the character that exceeded the limit.
        offset: u64,
    },
    /// Spaces and tabs at the end of a line alternate more than
    /// [`MAX_WHITESPACE_RUNS`] times.
    WhitespaceTooFragmented {
        /// Line number (1-based, after line-end normalization).
        line: u64,
    },
}

impl fmt::Display for AgreementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read { offset, source } => {
                write!(f, "reading failed after {offset} bytes: {source}")
            }
            Self::Write { source } => write!(f, "writing the canonical form failed: {source}"),
            Self::InvalidUtf8 {
                offset,
                truncated: false,
            } => write!(
                f,
                "not valid UTF-8: invalid byte sequence at byte offset {offset} \
                 (hash the file without --canonical, or convert it to UTF-8)"
            ),
            Self::InvalidUtf8 {
                offset,
                truncated: true,
            } => write!(
                f,
                "not valid UTF-8: the sequence at byte offset {offset} is cut off by the end of the file"
            ),
            Self::CombiningRunTooLong { offset } => write!(
                f,
                "more than {MAX_COMBINING_RUN} combining marks in a row at byte offset {offset}: \
                 not a text the canonical mode accepts (hash it without --canonical)"
            ),
            Self::WhitespaceTooFragmented { line } => write!(
                f,
                "line {line}: spaces and tabs alternate more than {MAX_WHITESPACE_RUNS} times: \
                 not a text the canonical mode accepts (hash it without --canonical)"
            ),
        }
    }
}

impl std::error::Error for AgreementError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Read { source, .. } | Self::Write { source } => Some(source),
            _ => None,
        }
    }
}

/// SHA-256 of every byte of `reader`, read in [`BUFFER_SIZE`] chunks.
///
/// # Errors
///
/// [`AgreementError::Read`] if reading fails.
pub fn hash_reader<R: Read>(reader: R) -> Result<Hashed, AgreementError> {
    hash_reader_with(reader, BUFFER_SIZE, &mut |_| {})
}

/// [`hash_reader`] with a chosen buffer size (at least 1) and a progress
/// callback, called with the total bytes read after every read.
///
/// # Errors
///
/// [`AgreementError::Read`] if reading fails.
pub fn hash_reader_with<R: Read>(
    mut reader: R,
    buffer_size: usize,
    progress: &mut dyn FnMut(u64),
) -> Result<Hashed, AgreementError> {
    let mut buf = vec![0u8; buffer_size.max(1)];
    let mut hasher = Sha256::new();
    let mut total: u64 = 0;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(source) => {
                return Err(AgreementError::Read {
                    offset: total,
                    source,
                })
            }
        };
        hasher.update(buf.get(..n).unwrap_or_default());
        // A reader cannot yield more than u64::MAX bytes in practice; saturate
        // rather than wrap if one ever did.
        total = total.saturating_add(u64::try_from(n).unwrap_or(u64::MAX));
        progress(total);
    }
    Ok(Hashed {
        bytes: total,
        sha256: hasher.finalize().into(),
    })
}

/// Writes the canonical form (see the module docs) of the UTF-8 text in
/// `reader` to `writer`, streaming.
///
/// # Errors
///
/// [`AgreementError::InvalidUtf8`] if the input is not UTF-8,
/// [`AgreementError::CombiningRunTooLong`] and
/// [`AgreementError::WhitespaceTooFragmented`] past the memory limits,
/// [`AgreementError::Read`] / [`AgreementError::Write`] on I/O errors.
/// On error, part of the canonical form may already have been written.
pub fn canonicalize<R: Read, W: Write>(
    reader: R,
    writer: W,
) -> Result<Canonicalized, AgreementError> {
    canonicalize_with(reader, writer, BUFFER_SIZE, &mut |_| {})
}

/// [`canonicalize`] with a chosen read buffer size (at least 1) and a
/// progress callback, called with the total bytes read after every read.
///
/// # Errors
///
/// As [`canonicalize`].
pub fn canonicalize_with<R: Read, W: Write>(
    reader: R,
    writer: W,
    buffer_size: usize,
    progress: &mut dyn FnMut(u64),
) -> Result<Canonicalized, AgreementError> {
    let mut decoder = Decoder::new(reader, buffer_size, progress);
    let mut sink = Sink::new(writer);
    for c in decoder.by_ref().nfc() {
        sink.push(c)?;
    }
    if let Some(e) = decoder.error.take() {
        return Err(e);
    }
    let bytes_written = sink.finish()?;
    Ok(Canonicalized {
        bytes_read: decoder.read_total,
        bytes_written,
    })
}

/// SHA-256 of the canonical form of the UTF-8 text in `reader`.
///
/// # Errors
///
/// As [`canonicalize`].
pub fn hash_canonical_reader<R: Read>(reader: R) -> Result<Hashed, AgreementError> {
    hash_canonical_reader_with(reader, BUFFER_SIZE, &mut |_| {})
}

/// [`hash_canonical_reader`] with a chosen read buffer size and a progress
/// callback.
///
/// # Errors
///
/// As [`canonicalize`].
pub fn hash_canonical_reader_with<R: Read>(
    reader: R,
    buffer_size: usize,
    progress: &mut dyn FnMut(u64),
) -> Result<Hashed, AgreementError> {
    let mut hasher = Sha256::new();
    let done = canonicalize_with(reader, &mut hasher, buffer_size, progress)?;
    Ok(Hashed {
        bytes: done.bytes_read,
        sha256: hasher.finalize().into(),
    })
}

/// The canonical form of `input`, in memory. For small texts and tests.
///
/// # Errors
///
/// As [`canonicalize`].
pub fn canonical_bytes(input: &[u8]) -> Result<Vec<u8>, AgreementError> {
    let mut out = Vec::new();
    canonicalize(input, &mut out)?;
    Ok(out)
}

/// Number of bytes of a UTF-8 sequence, from its first byte; 0 if the byte
/// cannot start one (a continuation byte, or a lead byte that would only
/// encode overlong or out-of-range code points).
fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => 0,
    }
}

/// Incremental UTF-8 decoder over a reader, with the steps that come before
/// NFC: BOM removal and line-end normalization. It also counts combining
/// runs so NFC's buffering stays bounded. It yields chars; the first error
/// ends the iteration and is kept in `error`.
struct Decoder<'p, R> {
    reader: R,
    /// Read buffer: `buffer_size` bytes plus room for an incomplete sequence
    /// carried over from the previous read.
    buf: Vec<u8>,
    /// Next byte to decode.
    start: usize,
    /// End of the bytes read into `buf`.
    end: usize,
    /// Input offset of `buf[start]`.
    offset: u64,
    /// Bytes read from the reader.
    read_total: u64,
    eof: bool,
    /// No character has been decoded yet (a BOM here is removed).
    at_start: bool,
    /// The previous character was a CR (now yielded as LF).
    after_cr: bool,
    /// Consecutive non-starters, after canonical decomposition.
    combining_run: usize,
    error: Option<AgreementError>,
    progress: &'p mut dyn FnMut(u64),
}

impl<'p, R: Read> Decoder<'p, R> {
    fn new(reader: R, buffer_size: usize, progress: &'p mut dyn FnMut(u64)) -> Self {
        // The longest UTF-8 sequence is 4 bytes, so at most 3 are carried over.
        let len = buffer_size.max(1).saturating_add(3);
        Self {
            reader,
            buf: vec![0u8; len],
            start: 0,
            end: 0,
            offset: 0,
            read_total: 0,
            eof: false,
            at_start: true,
            after_cr: false,
            combining_run: 0,
            error: None,
            progress,
        }
    }

    /// Moves the undecoded tail to the front and reads more bytes.
    fn refill(&mut self) -> Result<(), AgreementError> {
        self.buf.copy_within(self.start..self.end, 0);
        // `start <= end` always holds: `start` only advances over decoded bytes.
        self.end = self.end.saturating_sub(self.start);
        self.start = 0;
        loop {
            let space = self.buf.get_mut(self.end..).unwrap_or_default();
            match self.reader.read(space) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    // `n <= space.len()`, so `end` stays within `buf`.
                    self.end = self.end.saturating_add(n);
                    self.read_total = self
                        .read_total
                        .saturating_add(u64::try_from(n).unwrap_or(u64::MAX));
                    (self.progress)(self.read_total);
                    return Ok(());
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(source) => {
                    return Err(AgreementError::Read {
                        offset: self.read_total,
                        source,
                    })
                }
            }
        }
    }

    /// The next scalar value of the input, or `None` at the end.
    fn next_scalar(&mut self) -> Result<Option<char>, AgreementError> {
        loop {
            if self.start < self.end {
                let lead = self.buf.get(self.start).copied().unwrap_or(0xff);
                let width = utf8_width(lead);
                if width == 0 {
                    return Err(AgreementError::InvalidUtf8 {
                        offset: self.offset,
                        truncated: false,
                    });
                }
                let available = self.end.saturating_sub(self.start);
                if available >= width {
                    let next = self.start.saturating_add(width);
                    let bytes = self.buf.get(self.start..next).unwrap_or_default();
                    let c = std::str::from_utf8(bytes)
                        .ok()
                        .and_then(|s| s.chars().next())
                        .ok_or(AgreementError::InvalidUtf8 {
                            offset: self.offset,
                            truncated: false,
                        })?;
                    self.start = next;
                    // `width` is at most 4.
                    self.offset = self
                        .offset
                        .saturating_add(u64::try_from(width).unwrap_or(4));
                    return Ok(Some(c));
                }
                if self.eof {
                    return Err(AgreementError::InvalidUtf8 {
                        offset: self.offset,
                        truncated: true,
                    });
                }
            } else if self.eof {
                return Ok(None);
            }
            self.refill()?;
        }
    }

    /// Counts `c` into the run of combining marks NFC will have to hold.
    fn track_combining(&mut self, c: char, offset: u64) -> Result<(), AgreementError> {
        if c.is_ascii() {
            self.combining_run = 0;
            return Ok(());
        }
        let mut run = self.combining_run;
        unicode_normalization::char::decompose_canonical(c, |d| {
            if canonical_combining_class(d) == 0 {
                run = 0;
            } else {
                run = run.saturating_add(1);
            }
        });
        self.combining_run = run;
        if run > MAX_COMBINING_RUN {
            return Err(AgreementError::CombiningRunTooLong { offset });
        }
        Ok(())
    }

    fn step(&mut self) -> Result<Option<char>, AgreementError> {
        loop {
            let offset = self.offset;
            let Some(c) = self.next_scalar()? else {
                return Ok(None);
            };
            let first = std::mem::replace(&mut self.at_start, false);
            if first && c == BOM {
                continue;
            }
            let after_cr = std::mem::replace(&mut self.after_cr, c == '\r');
            if c == '\n' && after_cr {
                // The LF of a CR LF: the CR was already yielded as LF.
                continue;
            }
            self.track_combining(c, offset)?;
            return Ok(Some(if c == '\r' { '\n' } else { c }));
        }
    }
}

impl<R: Read> Iterator for Decoder<'_, R> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if self.error.is_some() {
            return None;
        }
        match self.step() {
            Ok(c) => c,
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
    }
}

/// Size of the output buffer in front of the writer.
const OUT_BUFFER: usize = 64 * 1024;

/// The steps after NFC: trailing-whitespace removal and the end-of-file
/// rule, then UTF-8 encoding into a buffered writer.
struct Sink<W> {
    out: W,
    buf: Vec<u8>,
    written: u64,
    /// Line ends seen since the last character written.
    pending_newlines: u64,
    /// Spaces and tabs seen since the last character on this line, as runs.
    pending_ws: Vec<(u8, u64)>,
    /// Current line number, for errors.
    line: u64,
    /// A character other than a line end, space or tab has been written.
    has_text: bool,
}

impl<W: Write> Sink<W> {
    fn new(out: W) -> Self {
        Self {
            out,
            buf: Vec::with_capacity(OUT_BUFFER),
            written: 0,
            pending_newlines: 0,
            pending_ws: Vec::new(),
            line: 1,
            has_text: false,
        }
    }

    fn flush_buf(&mut self) -> Result<(), AgreementError> {
        self.out
            .write_all(&self.buf)
            .map_err(|source| AgreementError::Write { source })?;
        self.written = self
            .written
            .saturating_add(u64::try_from(self.buf.len()).unwrap_or(u64::MAX));
        self.buf.clear();
        Ok(())
    }

    fn emit(&mut self, bytes: &[u8]) -> Result<(), AgreementError> {
        if self.buf.len().saturating_add(bytes.len()) > OUT_BUFFER {
            self.flush_buf()?;
        }
        self.buf.extend_from_slice(bytes);
        Ok(())
    }

    fn emit_repeated(&mut self, byte: u8, count: u64) -> Result<(), AgreementError> {
        let mut left = count;
        while left > 0 {
            if self.buf.len() >= OUT_BUFFER {
                self.flush_buf()?;
            }
            let room = OUT_BUFFER.saturating_sub(self.buf.len());
            let take = usize::try_from(left).map_or(room, |l| l.min(room));
            self.buf.resize(self.buf.len().saturating_add(take), byte);
            left = left.saturating_sub(u64::try_from(take).unwrap_or(left));
        }
        Ok(())
    }

    fn push(&mut self, c: char) -> Result<(), AgreementError> {
        let ws = match c {
            '\n' => {
                self.pending_ws.clear();
                // Both count characters of the input, which cannot exceed u64.
                self.pending_newlines = self.pending_newlines.saturating_add(1);
                self.line = self.line.saturating_add(1);
                return Ok(());
            }
            ' ' => b' ',
            '\t' => b'\t',
            _ => {
                let newlines = std::mem::take(&mut self.pending_newlines);
                self.emit_repeated(b'\n', newlines)?;
                for (byte, count) in std::mem::take(&mut self.pending_ws) {
                    self.emit_repeated(byte, count)?;
                }
                let mut utf8 = [0u8; 4];
                self.emit(c.encode_utf8(&mut utf8).as_bytes())?;
                self.has_text = true;
                return Ok(());
            }
        };
        match self.pending_ws.last_mut() {
            Some((byte, count)) if *byte == ws => *count = count.saturating_add(1),
            _ => {
                if self.pending_ws.len() >= MAX_WHITESPACE_RUNS {
                    return Err(AgreementError::WhitespaceTooFragmented { line: self.line });
                }
                self.pending_ws.push((ws, 1));
            }
        }
        Ok(())
    }

    /// Ends the text with exactly one LF (if it has any text), flushes, and
    /// returns the bytes written.
    fn finish(mut self) -> Result<u64, AgreementError> {
        if self.has_text {
            self.emit(b"\n")?;
        }
        self.flush_buf()?;
        self.out
            .flush()
            .map_err(|source| AgreementError::Write { source })?;
        Ok(self.written)
    }
}

#[cfg(test)]
// Test inputs are small constants: their arithmetic cannot overflow.
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;

    const SHA256_EMPTY: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    const SHA256_ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    fn canon(input: &str) -> String {
        String::from_utf8(canonical_bytes(input.as_bytes()).expect("canonicalizes"))
            .expect("canonical form is UTF-8")
    }

    fn canon_hash(input: &[u8]) -> String {
        hash_canonical_reader(input).expect("hashes").hex()
    }

    /// Canonicalizes with every read buffer size from 1 to 9 and checks they agree.
    fn canon_all_buffers(input: &[u8]) -> Result<Vec<u8>, String> {
        let mut results = Vec::new();
        for size in 1..=9 {
            let mut out = Vec::new();
            let r = canonicalize_with(input, &mut out, size, &mut |_| {})
                .map(|_| out)
                .map_err(|e| e.to_string());
            results.push(r);
        }
        let first = results.first().cloned().expect("nine runs");
        assert!(
            results.iter().all(|r| *r == first),
            "buffer size changed the result"
        );
        first
    }

    #[test]
    fn exact_hash_of_abc_matches_fips_180_vector() {
        // Given the FIPS 180-2 test vector "abc", when hashed exactly, then
        // the digest is the published one.
        let h = hash_reader(&b"abc"[..]).expect("hashes");
        assert_eq!(h.hex(), SHA256_ABC);
        assert_eq!(h.bytes, 3);
    }

    #[test]
    fn exact_hash_of_empty_input_is_sha256_of_nothing() {
        let h = hash_reader(&b""[..]).expect("hashes");
        assert_eq!(h.hex(), SHA256_EMPTY);
        assert_eq!(h.bytes, 0);
    }

    #[test]
    fn exact_hash_is_independent_of_buffer_size() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        let want = hex::encode(Sha256::digest(&data));
        for size in [1, 2, 3, 7, 64, 4096, 65_536] {
            let h = hash_reader_with(&data[..], size, &mut |_| {}).expect("hashes");
            assert_eq!(h.hex(), want, "buffer size {size}");
            assert_eq!(h.bytes, 10_000);
        }
    }

    #[test]
    fn exact_hash_reports_progress_up_to_the_total() {
        let data = vec![7u8; 1000];
        let mut seen = Vec::new();
        hash_reader_with(&data[..], 300, &mut |n| seen.push(n)).expect("hashes");
        assert_eq!(seen, vec![300, 600, 900, 1000]);
    }

    #[test]
    fn canonical_crlf_lf_and_cr_line_ends_hash_the_same() {
        let lf = canon_hash(b"first line\nsecond line\n");
        assert_eq!(canon_hash(b"first line\r\nsecond line\r\n"), lf);
        assert_eq!(canon_hash(b"first line\rsecond line\r"), lf);
        assert_eq!(canon_hash(b"first line\r\nsecond line\r"), lf);
    }

    #[test]
    fn canonical_cr_cr_lf_is_two_line_ends() {
        // A lone CR and then a CR LF: one blank line between the two lines.
        assert_eq!(canon("a\r\r\nb"), "a\n\nb\n");
    }

    #[test]
    fn canonical_strips_one_leading_bom_only() {
        assert_eq!(canon("\u{feff}text\n"), "text\n");
        assert_eq!(canon("\u{feff}\u{feff}text\n"), "\u{feff}text\n");
        assert_eq!(canon("a\u{feff}b\n"), "a\u{feff}b\n");
        assert_eq!(
            canon_hash("\u{feff}text\r\n".as_bytes()),
            canon_hash(b"text\n")
        );
    }

    #[test]
    fn canonical_composes_e_acute_to_nfc() {
        // NFD "e" + COMBINING ACUTE ACCENT and NFC "é" are the same text.
        assert_eq!(canon("caf\u{65}\u{301}\n"), "caf\u{e9}\n");
        assert_eq!(
            canon_hash("caf\u{65}\u{301}".as_bytes()),
            canon_hash("caf\u{e9}".as_bytes())
        );
    }

    #[test]
    fn canonical_composes_decomposed_kazakh_letters() {
        // й (U+0439) = и (U+0438) + COMBINING BREVE (U+0306); ё (U+0451) =
        // е (U+0435) + COMBINING DIAERESIS (U+0308). Kazakh-specific letters
        // such as ә, ғ, қ, ң, ө, ұ, ү, һ, і have no decomposition and pass
        // through unchanged.
        let decomposed = "Шарт бойынша тараптар: и\u{306} е\u{308} әғқңөұүһі\n";
        let composed = "Шарт бойынша тараптар: \u{439} \u{451} әғқңөұүһі\n";
        assert_eq!(canon(decomposed), composed);
        assert_eq!(canon(composed), composed);
    }

    #[test]
    fn canonical_reorders_combining_marks() {
        // q + dot above (ccc 230) + dot below (ccc 220) → NFC orders below first.
        assert_eq!(canon("q\u{307}\u{323}"), "q\u{323}\u{307}\n");
    }

    #[test]
    fn canonical_removes_trailing_spaces_and_tabs_only() {
        assert_eq!(canon("a \t \nb\t\n"), "a\nb\n");
        assert_eq!(canon("a \t b\n"), "a \t b\n");
        assert_eq!(canon("  indented\n"), "  indented\n");
        // NO-BREAK SPACE and IDEOGRAPHIC SPACE are text.
        assert_eq!(canon("a\u{a0}\n"), "a\u{a0}\n");
        assert_eq!(canon("a\u{3000}\n"), "a\u{3000}\n");
        // Trailing white space before a CR LF, too.
        assert_eq!(canon("a  \r\nb"), "a\nb\n");
    }

    #[test]
    fn canonical_final_newline_variants_hash_the_same() {
        let want = canon_hash(b"one\ntwo\n");
        for variant in [
            &b"one\ntwo"[..],
            b"one\ntwo\n\n\n",
            b"one\ntwo  \n \t\n\n",
            b"one\r\ntwo\r\n\r\n",
            b"one\ntwo\r",
        ] {
            assert_eq!(canon_hash(variant), want, "{variant:?}");
        }
    }

    #[test]
    fn canonical_keeps_leading_and_inner_blank_lines() {
        assert_eq!(canon("\n\nA\n\n\nB"), "\n\nA\n\n\nB\n");
        // A whitespace-only inner line becomes empty but stays.
        assert_eq!(canon("A\n   \nB\n"), "A\n\nB\n");
    }

    #[test]
    fn canonical_form_of_blank_input_is_empty() {
        for blank in ["", "\n", "\r\n\r\n", "  \t \n  ", "\u{feff}", "\u{feff}\n"] {
            assert_eq!(canon(blank), "", "{blank:?}");
        }
        assert_eq!(canon_hash(b""), SHA256_EMPTY);
    }

    #[test]
    fn canonicalization_is_idempotent() {
        let messy = "\u{feff}Title  \r\n\r\nи\u{306}\te\u{301} \rend\t\n\n";
        let once = canon(messy);
        assert_eq!(canon(&once), once);
        assert_eq!(
            canon_hash(once.as_bytes()),
            hash_reader(once.as_bytes()).expect("hashes").hex()
        );
    }

    #[test]
    fn canonical_invalid_utf8_reports_byte_offset() {
        // 0xff can never occur in UTF-8.
        let err = canonical_bytes(b"abc\xffdef").expect_err("invalid");
        assert!(matches!(
            err,
            AgreementError::InvalidUtf8 {
                offset: 3,
                truncated: false
            }
        ));
        assert!(err.to_string().contains("byte offset 3"), "{err}");
        // An overlong encoding of "/" (C0 AF) and a surrogate (ED A0 80).
        assert!(matches!(
            canonical_bytes(b"ab\xc0\xaf"),
            Err(AgreementError::InvalidUtf8 { offset: 2, .. })
        ));
        assert!(matches!(
            canonical_bytes(b"x\xed\xa0\x80"),
            Err(AgreementError::InvalidUtf8 { offset: 1, .. })
        ));
        // A lone continuation byte after a valid two-byte letter.
        assert!(matches!(
            canonical_bytes(
                "й".as_bytes()
                    .iter()
                    .chain(b"\x80")
                    .copied()
                    .collect::<Vec<_>>()
                    .as_slice()
            ),
            Err(AgreementError::InvalidUtf8 { offset: 2, .. })
        ));
    }

    #[test]
    fn canonical_truncated_utf8_at_end_of_input_is_an_error() {
        // The first two bytes of a three-byte sequence (U+20AC, E2 82 AC).
        let err = canonical_bytes(b"price 5\xe2\x82").expect_err("truncated");
        assert!(matches!(
            err,
            AgreementError::InvalidUtf8 {
                offset: 7,
                truncated: true
            }
        ));
    }

    #[test]
    fn canonical_invalid_utf8_offset_is_independent_of_buffer_size() {
        let mut input = "й".repeat(50).into_bytes();
        input.extend_from_slice(b"\xe2\x28\xa1");
        for size in 1..=9 {
            let r = canonicalize_with(&input[..], io::sink(), size, &mut |_| {});
            assert!(
                matches!(r, Err(AgreementError::InvalidUtf8 { offset: 100, .. })),
                "buffer size {size}: {r:?}"
            );
        }
    }

    #[test]
    fn canonical_utf8_sequences_split_across_buffer_boundaries_decode() {
        // Two-, three- and four-byte sequences at every alignment against
        // buffers of 1 to 9 bytes; the tiny buffers split every sequence.
        let text = "aй€😀bи\u{306}\r\n€😀й\n";
        let out = canon_all_buffers(text.as_bytes()).expect("valid");
        assert_eq!(String::from_utf8(out).expect("utf-8"), "aй€😀bй\n€😀й\n");
    }

    #[test]
    fn canonical_crlf_split_across_buffer_boundaries_is_one_line_end() {
        let out = canon_all_buffers(b"ab\r\ncd\r\n\r\nef").expect("valid");
        assert_eq!(out, b"ab\ncd\n\nef\n");
    }

    #[test]
    fn canonical_bom_split_across_buffer_boundaries_is_stripped() {
        let out = canon_all_buffers("\u{feff}x".as_bytes()).expect("valid");
        assert_eq!(out, b"x\n");
    }

    #[test]
    fn canonical_million_trailing_spaces_hold_one_run() {
        // Given a line of a million spaces then a letter, and one of a
        // million spaces then a line end, when canonicalized, then the spaces
        // are kept before the letter and dropped at the line end.
        let mut input = vec![b' '; 1_000_000];
        input.push(b'x');
        input.extend(std::iter::repeat_n(b' ', 1_000_000));
        input.push(b'\n');
        let out = canonical_bytes(&input).expect("canonicalizes");
        assert_eq!(out.len(), 1_000_002);
        assert!(out.ends_with(b" x\n"));
    }

    #[test]
    fn canonical_too_fragmented_trailing_whitespace_is_refused() {
        let mut input = b"ok\nx".to_vec();
        for _ in 0..=MAX_WHITESPACE_RUNS / 2 {
            input.extend_from_slice(b" \t");
        }
        let err = canonical_bytes(&input).expect_err("refused");
        assert!(
            matches!(err, AgreementError::WhitespaceTooFragmented { line: 2 }),
            "{err:?}"
        );
        // Exactly at the limit is accepted.
        let mut ok = b"x".to_vec();
        for _ in 0..MAX_WHITESPACE_RUNS / 2 {
            ok.extend_from_slice(b" \t");
        }
        ok.push(b'y');
        assert_eq!(
            canonical_bytes(&ok).expect("accepted").len(),
            ok.len().saturating_add(1)
        );
    }

    #[test]
    fn canonical_too_long_combining_run_is_refused() {
        let mut input = String::from("ok e");
        input.push_str(&"\u{301}".repeat(MAX_COMBINING_RUN.saturating_add(1)));
        let err = canonical_bytes(input.as_bytes()).expect_err("refused");
        // The offending mark starts after "ok e" (4 bytes) and 4096 two-byte marks.
        assert!(
            matches!(err, AgreementError::CombiningRunTooLong { offset: 8196 }),
            "{err:?}"
        );
        let mut ok = String::from("e");
        ok.push_str(&"\u{301}".repeat(MAX_COMBINING_RUN));
        assert!(canonical_bytes(ok.as_bytes()).is_ok());
    }

    #[test]
    fn canonical_hash_reports_bytes_read_not_written() {
        let h = hash_canonical_reader(&b"a  \r\n\r\n"[..]).expect("hashes");
        assert_eq!(h.bytes, 7);
        assert_eq!(h.hex(), hex::encode(Sha256::digest(b"a\n")));
    }

    #[test]
    fn canonicalize_reports_bytes_written() {
        let mut out = Vec::new();
        let done = canonicalize(&b"\xef\xbb\xbfhi \r\n"[..], &mut out).expect("ok");
        assert_eq!(out, b"hi\n");
        assert_eq!(
            done,
            Canonicalized {
                bytes_read: 8,
                bytes_written: 3
            }
        );
    }

    #[test]
    fn read_error_is_reported_with_offset() {
        struct Failing(usize);
        impl Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0 == 0 {
                    return Err(io::Error::other("disk on fire"));
                }
                let n = self.0.min(buf.len());
                buf[..n].fill(b'a');
                self.0 -= n;
                Ok(n)
            }
        }
        let err = hash_reader_with(Failing(5), 2, &mut |_| {}).expect_err("fails");
        assert!(
            matches!(err, AgreementError::Read { offset: 5, .. }),
            "{err:?}"
        );
        let err = hash_canonical_reader_with(Failing(5), 2, &mut |_| {}).expect_err("fails");
        assert!(
            matches!(err, AgreementError::Read { offset: 5, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn interrupted_reads_are_retried() {
        struct Flaky(bool, &'static [u8]);
        impl Read for Flaky {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                self.0 = !self.0;
                if self.0 {
                    return Err(io::Error::from(ErrorKind::Interrupted));
                }
                self.1.read(buf)
            }
        }
        assert_eq!(
            hash_reader(Flaky(false, b"abc")).expect("ok").hex(),
            SHA256_ABC
        );
        assert_eq!(
            hash_canonical_reader(Flaky(false, b"abc"))
                .expect("ok")
                .hex(),
            canon_hash(b"abc\n")
        );
    }
}

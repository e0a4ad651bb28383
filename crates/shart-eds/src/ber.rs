//! BER to DER, and raw TLV access.
//!
//! Kalkan (NCALayer) writes CMS with BER indefinite lengths, which the `der`
//! crate refuses. [`to_der`] rewrites a BER encoding as DER as far as the
//! verifier needs: every length becomes a minimal definite length, and a
//! constructed (segmented) OCTET STRING becomes one primitive OCTET STRING.
//! It never reorders `SET OF` elements: the bytes a signer signed (signed
//! attributes, a certificate's TBS) are DER already and pass unchanged.
//!
//! [`children`] walks a DER value's children as raw slices, so the verifier
//! can hash exactly the bytes that were signed instead of a re-encoding
//! (the `der` crate sorts `SET OF` on decode, which would change unsorted
//! signed attributes).
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

use std::fmt;

/// Deepest nesting accepted; CMS with certificates nests about 12 deep.
pub const MAX_DEPTH: usize = 64;

/// Why an encoding was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BerError {
    /// The input ended inside a value (at byte `offset`).
    Truncated {
        /// Byte offset where more input was expected.
        offset: usize,
    },
    /// A length field is not valid BER (at byte `offset`).
    BadLength {
        /// Byte offset of the length field.
        offset: usize,
    },
    /// An indefinite length on a primitive value, or an end-of-contents
    /// marker where none may be.
    BadIndefinite {
        /// Byte offset of the value.
        offset: usize,
    },
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Bytes after the outermost value.
    TrailingData {
        /// Byte offset of the first extra byte.
        offset: usize,
    },
    /// A segmented OCTET STRING with a segment that is not an OCTET STRING.
    BadSegment {
        /// Byte offset of the segment.
        offset: usize,
    },
}

impl fmt::Display for BerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Truncated { offset } => write!(f, "input ends inside a value (byte {offset})"),
            Self::BadLength { offset } => write!(f, "invalid length field at byte {offset}"),
            Self::BadIndefinite { offset } => {
                write!(
                    f,
                    "misplaced indefinite length or end-of-contents at byte {offset}"
                )
            }
            Self::TooDeep => write!(f, "nesting deeper than {MAX_DEPTH} levels"),
            Self::TrailingData { offset } => {
                write!(f, "extra bytes after the value at byte {offset}")
            }
            Self::BadSegment { offset } => {
                write!(
                    f,
                    "segmented OCTET STRING holds a non-OCTET STRING at byte {offset}"
                )
            }
        }
    }
}

impl std::error::Error for BerError {}

/// One raw tag-length-value in a DER buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    /// The identifier octets (one byte for every tag CMS uses; high tag
    /// numbers keep all their octets here).
    pub tag: &'a [u8],
    /// The whole encoding: identifier, length and contents.
    pub raw: &'a [u8],
    /// The contents octets.
    pub content: &'a [u8],
}

impl Tlv<'_> {
    /// The first identifier octet.
    pub fn tag_byte(&self) -> u8 {
        self.tag.first().copied().unwrap_or(0)
    }

    /// Whether the value is constructed (bit 6 of the identifier).
    pub fn constructed(&self) -> bool {
        self.tag_byte() & 0x20 != 0
    }
}

/// The parsed header of a value: identifier octets, length, header size.
struct Header {
    tag_len: usize,
    /// `None` for an indefinite length.
    len: Option<usize>,
    header_len: usize,
}

fn byte(input: &[u8], at: usize) -> Result<u8, BerError> {
    input
        .get(at)
        .copied()
        .ok_or(BerError::Truncated { offset: at })
}

fn next(at: usize) -> Result<usize, BerError> {
    at.checked_add(1).ok_or(BerError::Truncated { offset: at })
}

/// Reads the identifier and length at `at`.
fn header(input: &[u8], at: usize) -> Result<Header, BerError> {
    let first = byte(input, at)?;
    let mut pos = next(at)?;
    if first & 0x1f == 0x1f {
        // High tag number: base-128 octets, the last without bit 8.
        loop {
            let b = byte(input, pos)?;
            pos = next(pos)?;
            if b & 0x80 == 0 {
                break;
            }
            if pos.saturating_sub(at) > 6 {
                return Err(BerError::BadLength { offset: at });
            }
        }
    }
    let tag_len = pos.saturating_sub(at);
    let l = byte(input, pos)?;
    let len_at = pos;
    pos = next(pos)?;
    let len = if l < 0x80 {
        Some(usize::from(l))
    } else if l == 0x80 {
        None
    } else {
        let n = usize::from(l & 0x7f);
        if n > 4 || l == 0xff {
            return Err(BerError::BadLength { offset: len_at });
        }
        let mut v: usize = 0;
        for _ in 0..n {
            let b = byte(input, pos)?;
            pos = next(pos)?;
            v = v
                .checked_mul(256)
                .and_then(|v| v.checked_add(usize::from(b)))
                .ok_or(BerError::BadLength { offset: len_at })?;
        }
        Some(v)
    };
    Ok(Header {
        tag_len,
        len,
        header_len: pos.saturating_sub(at),
    })
}

/// Writes a DER length.
fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.extend(u8::try_from(len));
        return;
    }
    let bytes = len.to_be_bytes();
    let skip = bytes.iter().take_while(|b| **b == 0).count();
    let n = bytes.len().saturating_sub(skip);
    out.extend(u8::try_from(n).map(|n| n | 0x80));
    out.extend_from_slice(bytes.get(skip..).unwrap_or_default());
}

/// Rewrites a BER encoding (one value, nothing after it) as DER. A DER
/// input comes back unchanged.
///
/// # Errors
///
/// A [`BerError`] naming the offset of the first problem; never panics.
pub fn to_der(input: &[u8]) -> Result<Vec<u8>, BerError> {
    let mut out = Vec::with_capacity(input.len());
    let end = convert(input, 0, 0, &mut out)?;
    if end != input.len() {
        return Err(BerError::TrailingData { offset: end });
    }
    Ok(out)
}

/// Converts the value at `at` into `out`; returns the offset after it.
fn convert(input: &[u8], at: usize, depth: usize, out: &mut Vec<u8>) -> Result<usize, BerError> {
    if depth > MAX_DEPTH {
        return Err(BerError::TooDeep);
    }
    let h = header(input, at)?;
    let tag = input
        .get(at..at.saturating_add(h.tag_len))
        .ok_or(BerError::Truncated { offset: at })?;
    let first = tag.first().copied().unwrap_or(0);
    let constructed = first & 0x20 != 0;
    let body = at
        .checked_add(h.header_len)
        .ok_or(BerError::Truncated { offset: at })?;
    if first == 0 {
        // End-of-contents outside an indefinite value.
        return Err(BerError::BadIndefinite { offset: at });
    }
    if !constructed {
        let len = h.len.ok_or(BerError::BadIndefinite { offset: at })?;
        let stop = body
            .checked_add(len)
            .ok_or(BerError::Truncated { offset: at })?;
        let content = input
            .get(body..stop)
            .ok_or(BerError::Truncated { offset: body })?;
        out.extend_from_slice(tag);
        push_len(out, content.len());
        out.extend_from_slice(content);
        return Ok(stop);
    }
    // Constructed: convert the children into a scratch buffer, then write
    // the definite length.
    let mut inner = Vec::new();
    let mut pos = body;
    let stop = match h.len {
        Some(len) => {
            let stop = body
                .checked_add(len)
                .ok_or(BerError::Truncated { offset: at })?;
            if stop > input.len() {
                return Err(BerError::Truncated { offset: body });
            }
            while pos < stop {
                pos = convert(input, pos, next(depth)?, &mut inner)?;
            }
            if pos != stop {
                return Err(BerError::BadLength { offset: at });
            }
            stop
        }
        None => loop {
            if byte(input, pos)? == 0 {
                if byte(input, next(pos)?)? != 0 {
                    return Err(BerError::BadIndefinite { offset: pos });
                }
                break pos
                    .checked_add(2)
                    .ok_or(BerError::Truncated { offset: pos })?;
            }
            pos = convert(input, pos, next(depth)?, &mut inner)?;
        },
    };
    if first == 0x24 {
        // Segmented OCTET STRING: concatenate the (now DER) segments.
        let mut joined = Vec::with_capacity(inner.len());
        for seg in children(&inner).map_err(|_| BerError::BadSegment { offset: at })? {
            if seg.tag != [0x04] {
                return Err(BerError::BadSegment { offset: at });
            }
            joined.extend_from_slice(seg.content);
        }
        out.push(0x04);
        push_len(out, joined.len());
        out.extend_from_slice(&joined);
    } else {
        out.extend_from_slice(tag);
        push_len(out, inner.len());
        out.extend_from_slice(&inner);
    }
    Ok(stop)
}

/// Reads one definite-length value at the start of `input`; returns it and
/// the rest.
///
/// # Errors
///
/// [`BerError`] for a truncated value or an indefinite length.
pub fn read(input: &[u8]) -> Result<(Tlv<'_>, &[u8]), BerError> {
    let h = header(input, 0)?;
    let len = h.len.ok_or(BerError::BadIndefinite { offset: 0 })?;
    let stop = h
        .header_len
        .checked_add(len)
        .ok_or(BerError::Truncated { offset: 0 })?;
    let raw = input.get(..stop).ok_or(BerError::Truncated {
        offset: h.header_len,
    })?;
    let tlv = Tlv {
        tag: raw.get(..h.tag_len).unwrap_or_default(),
        raw,
        content: raw.get(h.header_len..).unwrap_or_default(),
    };
    Ok((tlv, input.get(stop..).unwrap_or_default()))
}

/// The values in `content` (a constructed value's contents), in order.
///
/// # Errors
///
/// [`BerError`] if a child is malformed.
pub fn children(content: &[u8]) -> Result<Vec<Tlv<'_>>, BerError> {
    let mut rest = content;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (tlv, tail) = read(rest)?;
        out.push(tlv);
        rest = tail;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_input_is_returned_unchanged() {
        // SEQUENCE { INTEGER 5, OCTET STRING "ab", SET { BOOLEAN TRUE } }
        let der = [
            0x30, 0x0c, 0x02, 0x01, 0x05, 0x04, 0x02, b'a', b'b', 0x31, 0x03, 0x01, 0x01, 0xff,
        ];
        assert_eq!(to_der(&der).unwrap(), der);
    }

    #[test]
    fn indefinite_lengths_become_definite() {
        // SEQUENCE (indefinite) { [0] (indefinite) { INTEGER 1 } }
        let ber = [0x30, 0x80, 0xa0, 0x80, 0x02, 0x01, 0x01, 0, 0, 0, 0];
        assert_eq!(
            to_der(&ber).unwrap(),
            [0x30, 0x05, 0xa0, 0x03, 0x02, 0x01, 0x01]
        );
    }

    #[test]
    fn segmented_octet_string_is_joined() {
        // OCTET STRING (constructed, indefinite) { "ab", "c" }
        let ber = [0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0, 0];
        assert_eq!(to_der(&ber).unwrap(), [0x04, 0x03, b'a', b'b', b'c']);
    }

    #[test]
    fn non_minimal_long_lengths_are_shortened() {
        let ber = [0x04, 0x82, 0x00, 0x01, 0x07];
        assert_eq!(to_der(&ber).unwrap(), [0x04, 0x01, 0x07]);
    }

    #[test]
    fn long_values_get_long_form_lengths() {
        let mut ber = vec![0x04, 0x80];
        ber.truncate(0);
        ber.extend([0x04, 0x81, 200]);
        ber.extend(std::iter::repeat_n(7u8, 200));
        assert_eq!(to_der(&ber).unwrap(), ber);
        let mut big = vec![0x04, 0x82, 0x01, 0x2c];
        big.extend(std::iter::repeat_n(1u8, 300));
        assert_eq!(to_der(&big).unwrap(), big);
    }

    #[test]
    fn malformed_inputs_are_errors() {
        assert_eq!(to_der(&[]), Err(BerError::Truncated { offset: 0 }));
        assert_eq!(
            to_der(&[0x04, 0x05, 1]),
            Err(BerError::Truncated { offset: 2 })
        );
        assert_eq!(
            to_der(&[0x04, 0x80, 0, 0]),
            Err(BerError::BadIndefinite { offset: 0 })
        );
        assert_eq!(
            to_der(&[0x30, 0x80, 0x02, 0x01, 0x01]),
            Err(BerError::Truncated { offset: 5 })
        );
        assert_eq!(
            to_der(&[0x04, 0x00, 0x00]),
            Err(BerError::TrailingData { offset: 2 })
        );
        assert_eq!(
            to_der(&[0x04, 0x85, 1, 1, 1, 1, 1]),
            Err(BerError::BadLength { offset: 1 })
        );
        assert_eq!(
            to_der(&[0x24, 0x80, 0x02, 0x01, 0x01, 0, 0]),
            Err(BerError::BadSegment { offset: 0 })
        );
        // A definite constructed value whose child overruns it.
        assert_eq!(
            to_der(&[0x30, 0x02, 0x04, 0x02, 0xaa, 0xbb]),
            Err(BerError::BadLength { offset: 0 })
        );
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let mut ber = Vec::new();
        for _ in 0..10_000 {
            ber.extend([0x30, 0x80]);
        }
        assert_eq!(to_der(&ber), Err(BerError::TooDeep));
    }

    #[test]
    fn children_returns_raw_slices() {
        let der = [0x30, 0x06, 0x02, 0x01, 0x05, 0xa0, 0x01, 0x07];
        let (seq, rest) = read(&der).unwrap();
        assert!(rest.is_empty());
        assert!(seq.constructed());
        let kids = children(seq.content).unwrap();
        assert_eq!(kids.len(), 2);
        assert_eq!(kids[0].raw, &[0x02, 0x01, 0x05]);
        assert_eq!(kids[1].tag_byte(), 0xa0);
        assert_eq!(kids[1].content, &[0x07]);
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
            let _ = to_der(&bytes);
            let _ = children(&bytes);
        }

        #[test]
        fn der_output_is_a_fixed_point(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
            if let Ok(der) = to_der(&bytes) {
                proptest::prop_assert_eq!(to_der(&der).unwrap(), der);
            }
        }
    }
}

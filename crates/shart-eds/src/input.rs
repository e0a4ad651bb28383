//! Reading signature, certificate and CRL files: binary DER/BER, PEM (any
//! label, one or more blocks), or bare base64 as NCALayer returns it.

use std::path::Path;

use base64ct::{Base64, Encoding};

use super::error::VerifyError;

/// Largest signature, certificate or CRL file read (a CMS with a chain is a
/// few KiB; NCA's full CRLs are tens of MiB).
pub const MAX_FILE: u64 = 256 * 1024 * 1024;

/// Reads a whole file, refusing anything larger than [`MAX_FILE`].
///
/// # Errors
///
/// [`VerifyError::Io`].
pub fn read_file(path: &Path) -> Result<Vec<u8>, VerifyError> {
    let io = |message: String| VerifyError::Io {
        path: path.display().to_string(),
        message,
    };
    // Read through a limit: metadata says 0 for pipes and devices.
    let file = std::fs::File::open(path).map_err(|e| io(e.to_string()))?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_FILE.saturating_add(1)),
        &mut bytes,
    )
    .map_err(|e| io(e.to_string()))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_FILE {
        return Err(io(format!("more than the {MAX_FILE}-byte limit")));
    }
    Ok(bytes)
}

/// Whether `bytes` look like text: PEM or base64.
fn is_text(bytes: &[u8]) -> bool {
    !bytes.is_empty()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=-: \t\r\n".contains(b))
}

/// Decodes base64 ignoring whitespace.
fn base64(text: &[u8]) -> Result<Vec<u8>, String> {
    let compact: Vec<u8> = text
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    Base64::decode_vec(std::str::from_utf8(&compact).map_err(|e| e.to_string())?)
        .map_err(|e| format!("not valid base64: {e}"))
}

/// The base64 bodies of every `-----BEGIN …-----` block.
fn pem_blocks(text: &str) -> Result<Vec<Vec<u8>>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = rest.get(start..).unwrap_or_default();
        let header_end = after
            .get(11..)
            .and_then(|s| s.find("-----"))
            .and_then(|i| i.checked_add(16))
            .ok_or("PEM header without its closing dashes")?;
        let body_and_rest = after.get(header_end..).unwrap_or_default();
        let end = body_and_rest
            .find("-----END ")
            .ok_or("PEM block without its END line")?;
        let body = body_and_rest.get(..end).unwrap_or_default();
        // RFC 7468 allows explanatory headers (`Key: value`) before a blank
        // line; skip them.
        let body = match body.find(":") {
            Some(_) => body.split("\n\n").last().unwrap_or(body),
            None => body,
        };
        out.push(base64(body.as_bytes())?);
        let tail = body_and_rest.get(end..).unwrap_or_default();
        let close = tail
            .get(9..)
            .and_then(|s| s.find("-----"))
            .and_then(|i| i.checked_add(14))
            .ok_or("PEM END line without its closing dashes")?;
        rest = tail.get(close..).unwrap_or_default();
    }
    Ok(out)
}

/// One binary object from a file: the first PEM block, bare base64, or the
/// bytes themselves.
///
/// # Errors
///
/// A message for undecodable text.
pub fn decode_binary(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if !is_text(bytes) {
        return Ok(bytes.to_vec());
    }
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    if text.contains("-----BEGIN ") {
        let mut blocks = pem_blocks(text)?;
        if blocks.len() != 1 {
            return Err(format!("expected one PEM block, found {}", blocks.len()));
        }
        return Ok(blocks.remove(0));
    }
    base64(bytes)
}

/// Every certificate in a file: all PEM blocks, or one DER/base64 object.
///
/// # Errors
///
/// A message for undecodable text.
pub fn decode_certificates(bytes: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    if is_text(bytes) {
        let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        if text.contains("-----BEGIN ") {
            return pem_blocks(text);
        }
    }
    decode_binary(bytes).map(|b| vec![b])
}

/// Encodes bytes as PEM with `label`.
pub fn to_pem(label: &str, der: &[u8]) -> String {
    let b64 = Base64::encode_string(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// Encodes bytes as base64 (as NCALayer returns a CMS).
pub fn to_base64(der: &[u8]) -> String {
    Base64::encode_string(der)
}

/// Decodes a signature file into DER: text or binary, BER rewritten as DER.
///
/// # Errors
///
/// [`VerifyError::MalformedContainer`].
pub fn signature_der(bytes: &[u8]) -> Result<Vec<u8>, VerifyError> {
    let binary = decode_binary(bytes).map_err(|e| super::error::malformed("encoding", e))?;
    super::ber::to_der(&binary).map_err(|e| super::error::malformed("BER", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_base64_and_binary_decode_to_the_same_bytes() {
        let der = vec![0x30, 0x03, 0x02, 0x01, 0x07];
        assert_eq!(decode_binary(&der).unwrap(), der);
        assert_eq!(decode_binary(to_base64(&der).as_bytes()).unwrap(), der);
        assert_eq!(decode_binary(to_pem("CMS", &der).as_bytes()).unwrap(), der);
        let wrapped = format!("{}\r\n", to_base64(&der));
        assert_eq!(decode_binary(wrapped.as_bytes()).unwrap(), der);
    }

    #[test]
    fn several_pem_certificates_in_one_file_are_all_read() {
        let a = vec![1u8; 70];
        let b = vec![2u8; 3];
        let text = format!("{}{}", to_pem("CERTIFICATE", &a), to_pem("CERTIFICATE", &b));
        assert_eq!(decode_certificates(text.as_bytes()).unwrap(), vec![a, b]);
    }

    #[test]
    fn broken_text_is_an_error_not_a_panic() {
        assert!(decode_binary(b"-----BEGIN CMS-----\nAAAA").is_err());
        assert!(decode_binary(b"-----BEGIN CMS").is_err());
        assert!(decode_binary(b"not base64 !!").is_ok()); // binary: '!' is not text
        assert!(decode_binary(b"abc").is_err());
        assert!(decode_certificates(b"-----BEGIN X-----\n-----END X").is_err());
    }
}

//! Usage errors that never echo an IIN or BIN.

/// Redacts a usage error so it never echoes an IIN or BIN given in the
/// wrong place: every argument with 6 or more digits in total (e.g.
/// `8710-0840-1427`) and every run of 6 or more digits become `<redacted>`.
pub(crate) fn redact_usage_error(text: &str, args: &[String]) -> String {
    let mut text = text.to_owned();
    for arg in args {
        if arg.chars().filter(char::is_ascii_digit).count() >= 6 {
            text = text.replace(arg.as_str(), "<redacted>");
        }
    }
    redact_digit_runs(&text)
}

/// Replaces every run of 6 or more ASCII digits with `<redacted>`.
fn redact_digit_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 6 {
            out.push_str("<redacted>");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_hides_long_digit_runs_only() {
        assert_eq!(
            redact_digit_runs("unexpected argument '871008401427' found; 64 MiB"),
            "unexpected argument '<redacted>' found; 64 MiB"
        );
        assert_eq!(
            redact_digit_runs("a 12345 b 123456"),
            "a 12345 b <redacted>"
        );
    }

    #[test]
    fn redaction_hides_arguments_with_six_digits_in_total() {
        let args = vec!["shart".to_owned(), "8710-0840-1427".to_owned()];
        assert_eq!(
            redact_usage_error("unexpected argument '8710-0840-1427' found", &args),
            "unexpected argument '<redacted>' found"
        );
    }
}

//! Query strings the pages build for their links: `?q=backup+%26+restore&page=2`. Written
//! here rather than with `form_urlencoded`/`url`: the browser bundles build links too, and
//! these few lines cost less wasm than either crate.

/// Encodes `pairs` as a query string (without the `?`), form-style: spaces become `+`,
/// everything but unreserved ASCII is percent-encoded. Pairs with an empty value are left
/// out, so defaults keep URLs short.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (key, value) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        if !out.is_empty() {
            out.push('&');
        }
        encode_into(key, "+", &mut out);
        out.push('=');
        encode_into(value, "+", &mut out);
    }
    out
}

/// `path` followed by the query string of `pairs`, if any.
pub fn with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    let query = query_string(pairs);
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

/// Percent-encodes everything but unreserved ASCII, spaces as `%20`: for `data:` URLs and
/// paths.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    encode_into(text, "%20", &mut out);
    out
}

fn encode_into(text: &str, space: &str, out: &mut String) {
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte));
            }
            b' ' => out.push_str(space),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_form_encoded_and_empty_ones_left_out() {
        assert_eq!(
            query_string(&[("q", "backup & über"), ("page", ""), ("level", "senior")]),
            "q=backup+%26+%C3%BCber&level=senior"
        );
    }

    #[test]
    fn percent_encoding_spells_spaces_out() {
        assert_eq!(percent_encode("a b\n[x]"), "a%20b%0A%5Bx%5D");
    }

    #[test]
    fn a_path_without_values_has_no_question_mark() {
        assert_eq!(with_query("/roles/dba", &[("page", "")]), "/roles/dba");
        assert_eq!(with_query("/", &[("q", "a")]), "/?q=a");
    }
}

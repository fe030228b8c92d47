//! The material an initiative names (a book, a film, a web page): a title and a link that
//! later planners can follow. Only links that open a page or a mail are accepted, so that no
//! `javascript:` or `file:` link ever reaches a report.

use serde::Deserialize;

/// One `[[material]]` entry of a record.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawMaterial")]
pub struct Material {
    pub title: String,
    pub url: String,
    pub note: Option<String>,
}

#[derive(Deserialize)]
struct RawMaterial {
    title: String,
    url: String,
    note: Option<String>,
}

impl TryFrom<RawMaterial> for Material {
    type Error = String;
    fn try_from(raw: RawMaterial) -> Result<Material, String> {
        Material::new(&raw.title, &raw.url, raw.note.as_deref())
    }
}

/// The schemes a material link may have: a web page or an e-mail address.
pub const SCHEMES: &[&str] = &["https", "http", "mailto"];

/// Why a link is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkProblem {
    Empty,
    /// A scheme other than [`SCHEMES`], or none.
    Scheme(String),
    /// Spaces or control characters: a link a person copied with more than the link.
    Spaces,
}

/// Checks a link: `https://…`, `http://…` or `mailto:…`, with no spaces in it.
pub fn check_url(url: &str) -> Result<(), LinkProblem> {
    if url.is_empty() {
        return Err(LinkProblem::Empty);
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(LinkProblem::Spaces);
    }
    let (scheme, rest) = url.split_once(':').unwrap_or(("", url));
    let known = SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme));
    let has_target = match scheme.to_ascii_lowercase().as_str() {
        "mailto" => !rest.is_empty(),
        _ => rest.starts_with("//") && rest.len() > 2,
    };
    if known && has_target {
        Ok(())
    } else {
        Err(LinkProblem::Scheme(scheme.to_string()))
    }
}

impl Material {
    /// A material entry, its title and note trimmed and its link checked.
    pub fn new(title: &str, url: &str, note: Option<&str>) -> Result<Material, String> {
        let url = url.trim();
        check_url(url).map_err(|problem| problem.message(url))?;
        // The scheme in small letters, as links are usually written (`HTTPS://` works too).
        let url = match url.split_once(':') {
            Some((scheme, rest)) => format!("{}:{rest}", scheme.to_ascii_lowercase()),
            None => url.to_string(),
        };
        let title = title.trim();
        Ok(Material {
            title: if title.is_empty() { &url } else { title }.to_string(),
            url,
            note: note
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string),
        })
    }
}

impl LinkProblem {
    /// The problem in the user's language.
    pub fn message(&self, url: &str) -> String {
        match self {
            LinkProblem::Empty => crate::t!("material.empty_url"),
            LinkProblem::Spaces => crate::t!("material.spaces", url = url),
            LinkProblem::Scheme(_) => crate::t!("material.bad_scheme", url = url),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_are_accepted() {
        for (url, ok) in [
            ("https://example.org/bok", true),
            ("HTTP://example.org", true),
            ("mailto:anna@example.org", true),
            ("javascript:alert(1)", false),
            ("JavaScript:alert(1)", false),
            ("data:text/html,<script>", false),
            ("file:///etc/passwd", false),
            ("vbscript:x", false),
            ("https:", false),
            ("https:/x", false),
            ("mailto:", false),
            ("example.org", false),
            ("https://example.org/a b", false),
            ("", false),
        ] {
            assert_eq!(check_url(url).is_ok(), ok, "{url}");
        }
    }
}

//! A page's identity: what stays when its title or file name changes, so that names made from
//! the page stay too (`docs/naming.md`).
//!
//! - reStructuredText: the `:original_name: rds_01_0002.html` field (→ `rds_01_0002`), else the
//!   first `.. _label:` target before the title;
//! - Markdown: the anchor of the title (`# <a name="rds_01_0002"></a>Creating …`), else the
//!   page's path;
//! - anything else: the page's path.

/// The identity of the page `display` (its path as messages show it) with text `text`.
pub fn page_identity(display: &str, text: &str) -> String {
    let head = text.lines().take_while(|l| !l.starts_with('#') && !l.starts_with("===") && !l.starts_with("---")).take(40);
    if display.ends_with(".rst") {
        let mut label = None;
        for line in head {
            let l = line.trim();
            if let Some(rest) = l.strip_prefix(":original_name:") {
                let name = rest.trim();
                let name = name.strip_suffix(".html").unwrap_or(name);
                if !name.is_empty() {
                    return name.to_owned();
                }
            }
            if label.is_none() {
                label = l
                    .strip_prefix(".. _")
                    .and_then(|r| r.strip_suffix(':'))
                    .filter(|r| !r.is_empty() && !r.contains(' '))
                    .map(str::to_owned);
            }
        }
        if let Some(label) = label {
            return label;
        }
    } else if display.ends_with(".md") {
        if let Some(title) = text.lines().find(|l| l.starts_with("# ")) {
            if let Some(start) = title.find("<a name=\"") {
                let rest = &title[start + 9..];
                if let Some(end) = rest.find('"') {
                    if end > 0 {
                        return rest[..end].to_owned();
                    }
                }
            }
        }
    }
    display.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities() {
        let rst = ":original_name: rds_01_0002.html\n\n.. _rds_01_0002:\n\nCreating a DB Instance\n======================\n";
        assert_eq!(page_identity("rds/creating_a_db_instance.rst", rst), "rds_01_0002");
        let labelled = ".. _en-us_topic_0031:\n\nCreating\n========\n";
        assert_eq!(page_identity("x/creating.rst", labelled), "en-us_topic_0031");
        let md = "# <a name=\"rds_06_0001\"></a>Querying Backups\n\ntext\n";
        assert_eq!(page_identity("rds/query.md", md), "rds_06_0001");
        assert_eq!(page_identity("rds/query.md", "# Querying Backups\n"), "rds/query.md");
        assert_eq!(page_identity("seeds/000.txt", "Creating\n"), "seeds/000.txt");
    }
}

//! The other pages of a run, for links to a table on another page of the same reference: a
//! `:ref:` whose anchor is on another page, "Table 3 in section Querying Database
//! Specifications", a Markdown/HTML link `other.md#anchor`.

use std::collections::HashMap;

use crate::document::{Document, Link, Table};

/// One page of the run.
pub struct LibraryPage {
    /// How messages name it.
    pub name: String,
    pub service: String,
    pub doc: Document,
}

/// The pages of a run, by table anchor and by title.
#[derive(Default)]
pub struct Library {
    pub pages: Vec<LibraryPage>,
    /// Table anchor → the pages holding it.
    labels: HashMap<String, Vec<usize>>,
    /// Each page's title as [`titles_match`] compares it ([`norm`]), made once.
    titles: Vec<String>,
}

impl Library {
    pub fn new(pages: Vec<LibraryPage>) -> Self {
        let mut labels: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in pages.iter().enumerate() {
            for t in p.doc.tables() {
                if let Some(l) = &t.label {
                    labels.entry(l.clone()).or_default().push(i);
                }
            }
        }
        let titles = pages.iter().map(|p| norm(&p.doc.title)).collect();
        Library { pages, labels, titles }
    }

    /// The table `link` names on another page of `service` than `from` (a page name): by
    /// anchor (the one page of the service holding it), by section title and table number, or
    /// by file name and anchor or number. `None` when no page, or several, fit.
    pub fn target(&self, link: &Link, service: &str, from: &str) -> Option<(usize, &Table)> {
        let same = |i: &usize| self.pages[*i].service == service && self.pages[*i].name != from;
        let by_label_or_number = |i: usize| {
            let doc = &self.pages[i].doc;
            let t = match &link.target_label {
                Some(l) => doc.table_by_label(l),
                None => None,
            };
            t.or_else(|| link.table_number.and_then(|n| doc.table(n))).map(|t| (i, t))
        };
        if let Some(title) = &link.in_section {
            let title = norm(title);
            let pages: Vec<usize> = (0..self.pages.len()).filter(same).filter(|i| self.titles[*i] == title).collect();
            return match pages.as_slice() {
                [one] => by_label_or_number(*one),
                _ => None,
            };
        }
        if let Some(url) = &link.url {
            let file = url.split('#').next().unwrap_or("").rsplit('/').next().unwrap_or("");
            if file.is_empty() || url.contains("://") {
                return None;
            }
            let pages: Vec<usize> =
                (0..self.pages.len()).filter(same).filter(|i| self.pages[*i].name.rsplit('/').next() == Some(file)).collect();
            return match pages.as_slice() {
                [one] => by_label_or_number(*one),
                _ => None,
            };
        }
        let label = link.target_label.as_ref()?;
        let pages: Vec<usize> = self.labels.get(label)?.iter().copied().filter(same).collect();
        match pages.as_slice() {
            [one] => self.pages[*one].doc.table_by_label(label).map(|t| (*one, t)),
            _ => None,
        }
    }
}

/// Whether two titles or captions say the same (case, spaces and a trailing period aside): a
/// page title and the section a link names; a table copied from another page.
pub(super) fn titles_match(title: &str, section: &str) -> bool {
    norm(title) == norm(section)
}

/// A title as [`titles_match`] compares it: spaces collapsed, no trailing period, lower case.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches('.').to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(name: &str, service: &str, md: &str) -> LibraryPage {
        LibraryPage { name: name.into(), service: service.into(), doc: crate::read::read_page(name, md).expect("page") }
    }

    const FLAVORS: &str = "# Querying Flavors\n\n<a name=\"flv\"></a>\n**Table 3** flavors field data structure description\n\n| Name | Type | Description |\n| --- | --- | --- |\n| code | String | Code. |\n";

    #[test]
    fn a_link_finds_the_table_of_another_page() {
        let lib = Library::new(vec![
            page("a/querying_flavors.md", "demo", FLAVORS),
            page("b/querying_flavors.md", "other", FLAVORS),
            page("a/creating.md", "demo", "# Creating\n"),
        ]);
        let mut by_label = Link::new("Table 3");
        by_label.target_label = Some("flv".into());
        by_label.table_number = Some(3);
        let (i, t) = lib.target(&by_label, "demo", "a/creating.md").expect("by anchor");
        assert_eq!((i, t.number), (0, Some(3)));
        // The page itself, and another service's pages, are not "another page of the reference".
        assert!(lib.target(&by_label, "demo", "a/querying_flavors.md").is_none());
        assert_eq!(lib.target(&by_label, "other", "x").map(|(i, _)| i), Some(1));

        let mut by_section = Link::new("Table 3");
        by_section.table_number = Some(3);
        by_section.in_section = Some("Querying flavors.".into());
        assert_eq!(lib.target(&by_section, "demo", "a/creating.md").map(|(i, _)| i), Some(0));
        by_section.table_number = Some(4);
        assert!(lib.target(&by_section, "demo", "a/creating.md").is_none(), "no Table 4 there");

        let mut by_url = Link::new("Table 3");
        by_url.url = Some("querying_flavors.md#flv".into());
        by_url.target_label = Some("flv".into());
        assert_eq!(lib.target(&by_url, "demo", "a/creating.md").map(|(i, _)| i), Some(0));
        by_url.url = Some("https://example.com/querying_flavors.md".into());
        by_url.target_label = None;
        assert!(lib.target(&by_url, "demo", "a/creating.md").is_none(), "a site is not a page of the run");

        let mut nowhere = Link::new("Table 3");
        nowhere.target_label = Some("missing".into());
        assert!(lib.target(&nowhere, "demo", "a/creating.md").is_none());
    }
}

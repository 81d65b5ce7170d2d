//! Where things are in a YAML file: a map from a node's path (`types.Volume.fields[1].type`) to
//! its line, so that errors found after parsing (an undefined type, a duplicate field) can name
//! the line. serde gives no spans, so the file is read a second time with an event parser, but
//! only when a line is asked for: the index is built on the first [`Locator::line`] call, so a
//! file without errors is parsed once (the index was 20 % of a dev-profile `cargo run`).

use std::collections::HashMap;
use std::sync::OnceLock;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Lines of the nodes of one YAML file: the file's text, indexed on first use.
#[derive(Debug, Default)]
pub struct Locator {
    text: String,
    lines: OnceLock<HashMap<String, usize>>,
}

/// A step of a path: a mapping key or a sequence index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Renders a path as the locator keys it: `a.b[2].c`.
pub fn render(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

enum Frame {
    Map { path: Vec<Step>, key: Option<String> },
    Seq { path: Vec<Step>, index: usize },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    lines: HashMap<String, usize>,
}

impl Builder {
    /// The path of the node that starts now, in value position, recording its line.
    fn value_path(&mut self, line: usize) -> Vec<Step> {
        match self.stack.last() {
            Some(Frame::Map { path, key: Some(key) }) => {
                let mut p = path.clone();
                p.push(Step::Key(key.clone()));
                p
            }
            Some(Frame::Seq { path, index }) => {
                let mut p = path.clone();
                p.push(Step::Index(*index));
                self.lines.entry(render(&p)).or_insert(line);
                p
            }
            _ => Vec::new(),
        }
    }

    /// A value ended: the parent mapping waits for a key, the parent sequence for its next item.
    fn advance(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { key, .. }) => *key = None,
            Some(Frame::Seq { index, .. }) => *index += 1,
            None => {}
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let line = mark.line();
        // A scalar in key position of a mapping is a key.
        if let (Event::Scalar(text, ..), Some(Frame::Map { path, key: key @ None })) = (&ev, self.stack.last_mut()) {
            let mut p = path.clone();
            p.push(Step::Key(text.clone()));
            self.lines.entry(render(&p)).or_insert(line);
            *key = Some(text.clone());
            return;
        }
        match ev {
            Event::Scalar(..) | Event::Alias(_) => {
                self.value_path(line);
                self.advance();
            }
            Event::MappingStart(..) => {
                let path = self.value_path(line);
                self.stack.push(Frame::Map { path, key: None });
            }
            Event::SequenceStart(..) => {
                let path = self.value_path(line);
                self.stack.push(Frame::Seq { path, index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.advance();
            }
            _ => {}
        }
    }
}

impl Locator {
    /// A locator of `text` (kept; indexed when a line is first asked for).
    pub fn new(text: impl Into<String>) -> Self {
        Locator { text: text.into(), lines: OnceLock::new() }
    }

    /// The index. Text the event parser cannot read gives an empty index (the serde parse reports
    /// the syntax error with its own place).
    fn lines(&self) -> &HashMap<String, usize> {
        self.lines.get_or_init(|| {
            let mut builder = Builder::default();
            let mut parser = Parser::new_from_str(&self.text);
            let _ = parser.load(&mut builder, false);
            builder.lines
        })
    }

    /// The line of `path`, or of its nearest ancestor that has one.
    pub fn line(&self, path: &[Step]) -> Option<usize> {
        let lines = self.lines();
        (0..=path.len()).rev().find_map(|n| lines.get(&render(&path[..n])).copied())
    }

    /// Whether the index has been built (a file without errors is never indexed).
    pub fn is_indexed(&self) -> bool {
        self.lines.get().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Step {
        Step::Key(s.to_owned())
    }

    #[test]
    fn finds_keys_and_items() {
        let text =
            "operation:\n  id: x\ntypes:\n  A:\n    fields:\n      - json: a\n        type: string\n      - json: b\n        type: B\n";
        let loc = Locator::new(text);
        assert_eq!(loc.line(&[k("operation"), k("id")]), Some(2));
        assert_eq!(loc.line(&[k("types"), k("A")]), Some(4));
        assert_eq!(loc.line(&[k("types"), k("A"), k("fields"), Step::Index(1)]), Some(8));
        assert_eq!(loc.line(&[k("types"), k("A"), k("fields"), Step::Index(1), k("type")]), Some(9));
        // Unknown child: nearest ancestor.
        assert_eq!(loc.line(&[k("types"), k("A"), k("nope")]), Some(4));
    }

    #[test]
    fn indexes_only_when_a_line_is_asked_for() {
        let loc = Locator::new("operation:\n  id: x\n");
        assert!(!loc.is_indexed());
        assert_eq!(loc.line(&[k("operation"), k("id")]), Some(2));
        assert!(loc.is_indexed());
    }
}

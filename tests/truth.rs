//! The transcriber against hand-read expectations (`tests/truth/pages.yaml`): TaurusDB,
//! GeminiDB and DDS pages the prose rules were tuned on (a held-out page whose misses were looked at
//! to change the rules becomes one) and held-out pages never used to change them. Measures, on each
//! page's request side (query parameters and body fields), the agreement on fields (present,
//! type, required) and the recall and precision of value sets and limits, and holds them to the
//! issue's targets (tuned: ≥ 90 % found, ≥ 98 % of what is found right) and to floors (held out).
//!
//! Run with output: `cargo test --test truth -- --nocapture`.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use sdkgen::spec::{Constraints, Spec};
use sdkgen::transcribe::{collect_pages, transcribe};
use serde::Deserialize;

#[derive(Deserialize)]
struct Truth {
    pages: Vec<TruthPage>,
}

#[derive(Deserialize)]
struct TruthPage {
    page: String,
    service: String,
    #[serde(default)]
    held_out: bool,
    items: BTreeMap<String, Item>,
}

/// One query parameter or body field: what the page says (hand-read) or what the spec says.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Item {
    #[serde(rename = "type")]
    ty: String,
    required: bool,
    #[serde(rename = "enum", default)]
    values: Option<Vec<String>>,
    #[serde(default)]
    min_length: Option<u64>,
    #[serde(default)]
    max_length: Option<u64>,
    #[serde(default)]
    pattern: Option<String>,
    #[serde(default)]
    minimum: Option<f64>,
    #[serde(default)]
    maximum: Option<f64>,
    #[serde(default)]
    multiple_of: Option<f64>,
    #[serde(default)]
    min_items: Option<u64>,
    #[serde(default)]
    max_items: Option<u64>,
}

impl Item {
    /// The value sets and limits, each as (`rule`, comparable text).
    fn rules(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(v) = &self.values {
            let mut v = v.clone();
            v.sort();
            out.push(("enum", v.join("|")));
        }
        let n = |v: Option<f64>| v.map(|v| format!("{v}"));
        let u = |v: Option<u64>| v.map(|v| v.to_string());
        for (rule, v) in [
            ("min_length", u(self.min_length)),
            ("max_length", u(self.max_length)),
            ("pattern", self.pattern.clone()),
            ("minimum", n(self.minimum)),
            ("maximum", n(self.maximum)),
            ("multiple_of", n(self.multiple_of)),
            ("min_items", u(self.min_items)),
            ("max_items", u(self.max_items)),
        ] {
            if let Some(v) = v {
                out.push((rule, v));
            }
        }
        out
    }

    fn with_constraints(mut self, c: &Constraints) -> Self {
        self.min_length = c.min_length;
        self.max_length = c.max_length;
        self.pattern = c.pattern.clone();
        self.minimum = c.minimum;
        self.maximum = c.maximum;
        self.multiple_of = c.multiple_of;
        self.min_items = c.min_items;
        self.max_items = c.max_items;
        self
    }
}

/// The request side of a spec as items: `query.<name>`, `body.<field>…`.
fn actual_items(spec: &Spec) -> BTreeMap<String, Item> {
    let mut out = BTreeMap::new();
    for p in &spec.operation.query_params {
        let (ty, values) = word(spec, &p.ty);
        let item = Item { ty, required: p.required.unwrap_or(false), values, ..Item::default() }.with_constraints(&p.constraints);
        out.insert(format!("query.{}", p.name), item);
    }
    if let Some(root) = &spec.operation.request {
        body_items(spec, root, "body", &mut out, 0);
    }
    out
}

fn body_items(spec: &Spec, ty: &str, prefix: &str, out: &mut BTreeMap<String, Item>, depth: usize) {
    let Some(fields) = spec.types.get(ty).and_then(|t| t.fields.as_ref()) else { return };
    if depth > 8 {
        return;
    }
    for f in fields {
        let path = format!("{prefix}.{}", f.json);
        let (word_, values) = word(spec, &f.ty);
        out.insert(path.clone(), Item { ty: word_, required: f.required, values, ..Item::default() }.with_constraints(&f.constraints));
        let inner = f.ty.trim_start_matches("array<").trim_end_matches('>');
        if spec.types.get(inner).is_some_and(|t| t.fields.is_some()) {
            let next = if f.ty.starts_with("array<") { format!("{path}[]") } else { path };
            body_items(spec, inner, &next, out, depth + 1);
        }
    }
}

/// A spec type as a truth type word (named structs are `object`, enums `string` with a set).
fn word(spec: &Spec, ty: &str) -> (String, Option<Vec<String>>) {
    if let Some(inner) = ty.strip_prefix("array<").and_then(|r| r.strip_suffix('>')) {
        let (w, v) = word(spec, inner);
        return (format!("array<{w}>"), v);
    }
    match spec.types.get(ty) {
        Some(t) if t.values.is_some() => ("string".to_owned(), t.values.as_ref().map(|v| v.iter().map(|e| e.value.clone()).collect())),
        Some(t) if t.fields.is_some() => ("object".to_owned(), None),
        Some(_) => ("object".to_owned(), None),
        None => (ty.to_owned(), None),
    }
}

#[derive(Default)]
struct Score {
    fields: usize,
    fields_found: usize,
    fields_right: usize,
    expected: usize,
    recalled: usize,
    found: usize,
    right: usize,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.fields += o.fields;
        self.fields_found += o.fields_found;
        self.fields_right += o.fields_right;
        self.expected += o.expected;
        self.recalled += o.recalled;
        self.found += o.found;
        self.right += o.right;
    }
    fn recall(&self) -> f64 {
        ratio(self.recalled, self.expected)
    }
    fn precision(&self) -> f64 {
        ratio(self.right, self.found)
    }
    fn line(&self) -> String {
        format!(
            "fields {}/{} found, {}/{} type+required right; value sets and limits: recall {}/{} = {:.1} %, precision {}/{} = {:.1} %",
            self.fields_found,
            self.fields,
            self.fields_right,
            self.fields,
            self.recalled,
            self.expected,
            100.0 * self.recall(),
            self.right,
            self.found,
            100.0 * self.precision()
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Compares one page; returns its score and the disagreements.
fn score(truth: &BTreeMap<String, Item>, actual: &BTreeMap<String, Item>) -> (Score, Vec<String>) {
    let mut s = Score::default();
    let mut wrong = Vec::new();
    for (path, want) in truth {
        s.fields += 1;
        let got = actual.get(path);
        match got {
            Some(g) => {
                s.fields_found += 1;
                if g.ty == want.ty && g.required == want.required {
                    s.fields_right += 1;
                } else {
                    wrong.push(format!("{path}: type/required {} {} (expected {} {})", g.ty, g.required, want.ty, want.required));
                }
            }
            None => wrong.push(format!("{path}: missing")),
        }
        let got_rules = got.map(Item::rules).unwrap_or_default();
        for rule in want.rules() {
            s.expected += 1;
            if got_rules.contains(&rule) {
                s.recalled += 1;
            } else {
                wrong.push(format!("{path}: not found {} = {}", rule.0, rule.1));
            }
        }
    }
    for (path, got) in actual {
        let want_rules = truth.get(path).map(Item::rules).unwrap_or_default();
        for rule in got.rules() {
            s.found += 1;
            if want_rules.contains(&rule) {
                s.right += 1;
            } else {
                wrong.push(format!("{path}: wrong {} = {}", rule.0, rule.1));
            }
        }
    }
    (s, wrong)
}

fn corpus() -> Option<PathBuf> {
    let p = common::repo().join("../shared/corpus/otc");
    p.is_dir().then_some(p)
}

#[test]
fn transcriber_agrees_with_hand_read_pages() {
    let Some(corpus) = corpus() else {
        eprintln!("skipped: ../shared/corpus is absent (CI has it)");
        return;
    };
    let text = std::fs::read_to_string(common::repo().join("tests/truth/pages.yaml")).expect("tests/truth/pages.yaml");
    let truth: Truth = sdkgen::spec::yaml::parse_any(&text).expect("tests/truth/pages.yaml parses");
    assert!(truth.pages.iter().filter(|p| !p.held_out).count() >= 10, "ten tuned pages");
    assert!(truth.pages.iter().any(|p| p.held_out), "held-out pages");
    let no_fixes = tempfile::tempdir().expect("temp dir");
    let (mut tuned, mut held) = (Score::default(), Score::default());
    for page in &truth.pages {
        let pages = collect_pages(&[corpus.join(&page.page)], Some(&page.service));
        let run = transcribe(&pages, no_fixes.path(), |_| {});
        assert!(run.failed.is_empty(), "{}: {:?}", page.page, run.failed);
        assert_eq!(run.specs.len(), 1, "{}: one operation", page.page);
        let spec = run.specs.values().next().expect("one spec");
        let (s, wrong) = score(&page.items, &actual_items(spec));
        println!("truth: {}{}: {}", page.page, if page.held_out { " (held out)" } else { "" }, s.line());
        for w in &wrong {
            println!("    {w}");
        }
        if page.held_out { &mut held } else { &mut tuned }.add(&s);
    }
    println!("truth: tuned pages: {}", tuned.line());
    println!("truth: held-out pages: {}", held.line());
    assert_eq!(tuned.fields_found, tuned.fields, "every field of the tuned pages is transcribed");
    assert!(tuned.recall() >= 0.90, "tuned recall {:.3} < 0.90", tuned.recall());
    assert!(tuned.precision() >= 0.98, "tuned precision {:.3} < 0.98", tuned.precision());
    // Held out: floors at what was measured when the rules were frozen (fifth round, see
    // docs/transcriber.md): 35/37 found (94.6 %), 35/35 right.
    assert!(held.precision() >= 1.0, "held-out precision {:.3}", held.precision());
    assert!(held.recall() >= 0.94, "held-out recall {:.3}", held.recall());
}

#[test]
fn the_score_counts_misses_and_wrong_finds() {
    let want = |min: Option<f64>, values: Option<Vec<String>>| Item {
        ty: "integer".into(),
        required: false,
        minimum: min,
        values,
        ..Item::default()
    };
    let truth = BTreeMap::from([
        ("query.limit".to_owned(), want(Some(1.0), None)),
        ("query.type".to_owned(), want(None, Some(vec!["a".into(), "b".into()]))),
    ]);
    let actual = BTreeMap::from([
        ("query.limit".to_owned(), want(Some(0.0), None)),
        ("query.type".to_owned(), want(None, Some(vec!["b".into(), "a".into()]))),
    ]);
    let (s, wrong) = score(&truth, &actual);
    assert_eq!((s.expected, s.recalled, s.found, s.right), (2, 1, 2, 1), "{wrong:?}");
    assert!(wrong.iter().any(|w| w.contains("wrong minimum = 0")), "{wrong:?}");
    assert!(wrong.iter().any(|w| w.contains("not found minimum = 1")), "{wrong:?}");
}

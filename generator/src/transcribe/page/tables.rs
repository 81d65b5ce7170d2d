//! Tables → types: the roots of the request and response tables, nested tables through
//! "Table N" links, fields with their type words, enums and constraints from prose; and types
//! inferred from examples on pages without tables.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Side {
    Request,
    Response,
}

/// Where a table is: `None` on the page being transcribed, `Some(i)` on page `i` of the run's
/// [`Library`] (a table linked from another page).
pub(super) type Place = Option<usize>;

/// Builds the types of one page.
pub(super) struct TypeBuilder<'d> {
    /// The page whose tables are being read: the transcribed page, or another page of the run
    /// while a table linked from there is read (its links are relative to it).
    pub(super) doc: &'d Document,
    pub(super) page: &'d str,
    /// Where `doc` is.
    pub(super) at: Place,
    /// The transcribed page, its name and service, and the other pages of the run.
    pub(super) home_doc: &'d Document,
    pub(super) home: &'d str,
    pub(super) service: &'d str,
    pub(super) library: &'d Library,
    pub(super) types: IndexMap<String, TypeDef>,
    pub(super) lints: Vec<Diagnostic>,
    /// Table (by place and line) and side → the type made from it.
    pub(super) built: HashMap<(Place, usize, Side), String>,
    /// Which side each type belongs to (for naming collisions).
    pub(super) sides: HashMap<String, Side>,
    /// Tables linked by their caption being a field path (`auth.identity` describes the field
    /// `identity` of the table captioned `auth`): (parent table line, field) → table.
    pub(super) path_links: HashMap<(usize, String), &'d Table>,
    /// The JSON values of the transcribed page's code blocks, read once when first needed.
    pub(super) home_examples: std::cell::OnceCell<Vec<Value>>,
}

impl<'d> TypeBuilder<'d> {
    /// A builder for the page `page` (`doc`) of `service`, with the other pages of its run.
    pub(super) fn new(doc: &'d Document, page: &'d str, service: &'d str, library: &'d Library) -> Self {
        TypeBuilder {
            doc,
            page,
            at: None,
            home_doc: doc,
            home: page,
            service,
            library,
            types: IndexMap::new(),
            lints: Vec::new(),
            built: HashMap::new(),
            sides: HashMap::new(),
            path_links: HashMap::new(),
            home_examples: std::cell::OnceCell::new(),
        }
    }

    /// Runs `f` with `place` as the page being read, then returns to the current one.
    fn at_place<R>(&mut self, place: Place, f: impl FnOnce(&mut Self) -> R) -> R {
        let saved = (self.doc, self.page, self.at);
        if place != self.at {
            match place.and_then(|i| self.library.pages.get(i)) {
                Some(p) => (self.doc, self.page) = (&p.doc, p.name.as_str()),
                None => (self.doc, self.page) = (self.home_doc, self.home),
            }
            self.at = place;
        }
        let r = f(self);
        (self.doc, self.page, self.at) = saved;
        r
    }

    pub(super) fn lint(&mut self, line: usize, kind: LintKind, message: String) {
        self.lints.push(lint(self.page, line, kind, message));
    }

    /// The table a link of the field `field` points to: on this page by anchor; on another page
    /// of the run by anchor, section title or file name ([`Library::target`]), unless this page
    /// has a table of the link's number whose caption is the other's or names the field (a
    /// table copied from another page with its anchor); else this page's table of the link's
    /// number.
    pub(super) fn target(&self, link: &Link, field: &str) -> Option<(Place, &'d Table)> {
        let here = link.in_section.is_none() && link.url.is_none();
        if here {
            if let Some(t) = link.target_label.as_ref().and_then(|l| self.doc.table_by_label(l)) {
                return Some((self.at, t));
            }
        }
        let local = link.table_number.and_then(|n| self.doc.table(n)).filter(|_| here);
        let library: &'d Library = self.library;
        if let Some((i, t)) = library.target(link, self.service, self.page) {
            let copied =
                |l: &&Table| super::library::titles_match(&l.caption, &t.caption) || caption_names(&l.caption, &field.to_lowercase());
            if let Some(l) = local.filter(copied) {
                return Some((self.at, l));
            }
            let place = if library.pages[i].name == self.home { None } else { Some(i) };
            return Some((place, t));
        }
        // An anchor no page of the run has: this page's table of that number only when its
        // caption names the field (else the link is to a page we do not have).
        local.filter(|l| link.target_label.is_none() || caption_names(&l.caption, &field.to_lowercase())).map(|t| (self.at, t))
    }

    /// The one other table of the page whose caption names the field or the object of its Type
    /// cell, for rows with no link (`Array of MysqlFlavorsInfo objects` and a table captioned
    /// `MysqlFlavorsInfo`; a field `owner` and a table `owner field data structure description`).
    pub(super) fn table_named(&self, row: &ParamRow, table_line: usize) -> Option<&'d Table> {
        let mut names: Vec<String> = vec![row.name.to_lowercase()];
        names.extend(
            row.type_text
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .filter(|w| {
                    w.len() > 2 && w.starts_with(|c: char| c.is_ascii_uppercase()) && matches!(parse_type_word(w), TypeWord::Unknown(_))
                })
                .filter(|w| !matches!(*w, "Array" | "Table" | "Objects" | "Object" | "List"))
                .map(str::to_lowercase),
        );
        let found: Vec<&'d Table> = self
            .doc
            .blocks
            .iter()
            .filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None })
            .filter(|t| t.line != table_line && names.iter().any(|n| caption_names(&t.caption, n) || label_names(t.label.as_deref(), n)))
            .collect();
        match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// A free type name: `base`, else `base` + `Response` on the response side when a request
    /// type has it, else `base2`, `base3`, …
    pub(super) fn free_name(&self, base: &str, side: Side) -> String {
        if !self.types.contains_key(base) {
            return base.to_owned();
        }
        if side == Side::Response && self.sides.get(base) == Some(&Side::Request) {
            let r = format!("{base}Response");
            if !self.types.contains_key(&r) {
                return r;
            }
        }
        (2..).map(|n| format!("{base}{n}")).find(|n| !self.types.contains_key(n)).unwrap_or_else(|| base.to_owned())
    }

    /// The roots of a part's tables: one root → `<Op>Request`; several → a `one_of`.
    pub(super) fn roots(&mut self, tables: &[&'d Table], side: Side, op_type: &str, body_doc: Option<&str>) -> Option<String> {
        let body_tables: Vec<&'d Table> = tables.iter().copied().filter(|t| !param_rows(t).is_empty()).collect();
        if body_tables.is_empty() {
            return None;
        }
        let mut linked: HashSet<usize> = HashSet::new();
        // Captions that are field paths link tables too (IAM pages: `token`, `token.catalog`).
        for t in &body_tables {
            let Some(path) = caption_path(&t.caption) else { continue };
            let (parent_path, field) = match path.rsplit_once('.') {
                Some((p, f)) => (Some(p.to_owned()), f.to_owned()),
                None => (None, path.clone()),
            };
            let parent = body_tables.iter().find(|p| match &parent_path {
                Some(pp) => caption_path(&p.caption).as_deref() == Some(pp.as_str()),
                None => caption_path(&p.caption).is_none() && param_rows(p).iter().any(|r| r.name == field),
            });
            if let Some(parent) = parent {
                self.path_links.insert((parent.line, field), t);
                linked.insert(t.line);
            }
        }
        for t in &body_tables {
            for r in param_rows(t) {
                let wants_table = r.type_word.as_ref().is_some_and(TypeWord::wants_table);
                if wants_table && r.links.is_empty() {
                    if let Some(target) = self.table_named(&r, t.line) {
                        linked.insert(target.line);
                    }
                }
                for l in &r.links {
                    if let Some((None, target)) = self.target(l, &r.name) {
                        if target.line != t.line {
                            linked.insert(target.line);
                        }
                    }
                }
            }
        }
        let roots: Vec<&Table> = body_tables.iter().copied().filter(|t| !linked.contains(&t.line)).collect();
        let suffix = if side == Side::Request { "Request" } else { "Response" };
        let top = format!("{op_type}{suffix}");
        match roots.as_slice() {
            [] => None,
            [one] => Some(self.struct_from_table(one, top, side, 0, body_doc)),
            [first, ..] if side == Side::Response => Some(self.struct_from_table(first, top, side, 0, body_doc)),
            many => {
                // Reserve the one_of's name first so that alternatives do not take it.
                self.types.insert(top.clone(), TypeDef::default());
                self.sides.insert(top.clone(), side);
                let mut alts = Vec::new();
                for (i, t) in many.iter().enumerate() {
                    let base = alternative_name(&t.caption).unwrap_or_else(|| format!("{top}Body{}", i + 1));
                    let name = self.free_name(&base, side);
                    alts.push(self.struct_from_table(t, name, side, 0, body_doc));
                }
                self.types.insert(top.clone(), TypeDef { one_of: Some(alts), ..TypeDef::default() });
                Some(top)
            }
        }
    }

    /// A struct type from a table (or the one already made from it).
    /// Its doc is the table's caption unless that only names the table ([`is_bare_caption`]):
    /// then `holder_doc`, the description of the field that holds it (or the operation's words,
    /// for a body).
    pub(super) fn struct_from_table(&mut self, t: &'d Table, name: String, side: Side, depth: usize, holder_doc: Option<&str>) -> String {
        if let Some(existing) = self.built.get(&(self.at, t.line, side)) {
            return existing.clone();
        }
        self.built.insert((self.at, t.line, side), name.clone());
        self.sides.insert(name.clone(), side);
        // Reserve the name (fields may recurse).
        self.types.insert(name.clone(), TypeDef::default());
        let mut fields: Vec<Field> = Vec::new();
        for row in param_rows(t) {
            if fields.iter().any(|f| f.json == row.name) {
                self.lint(row.line, LintKind::DuplicateField, format!("field `{}` appears twice in {}", row.name, table_ref(t)));
                continue;
            }
            let field = self.field(&name, t.line, &row, side, depth);
            fields.push(field);
        }
        let doc = match holder_doc.map(without_table_references).and_then(|d| non_empty(&d)) {
            Some(d) if is_bare_caption(&t.caption) => Some(d),
            _ => non_empty(&t.caption),
        };
        let table = match (t.number, self.at) {
            (Some(n), None) => Some(format!("Table {n}")),
            // A table of another page: which page.
            (Some(n), Some(_)) => Some(format!("Table {n} in section {}", self.doc.title)),
            (None, _) => None,
        };
        self.types.insert(name.clone(), TypeDef { doc, table, fields: Some(fields), ..TypeDef::default() });
        name
    }

    pub(super) fn field(&mut self, owner: &str, table_line: usize, row: &ParamRow, side: Side, depth: usize) -> Field {
        let word = row.type_word.clone().unwrap_or(TypeWord::Scalar("string"));
        let here = self.at;
        let target = row
            .links
            .iter()
            .find_map(|l| self.target(l, &row.name))
            .or_else(|| self.path_links.get(&(table_line, row.name.clone())).filter(|_| here.is_none()).map(|t| (here, *t)))
            .or_else(
                || if word.wants_table() && row.links.is_empty() { self.table_named(row, table_line).map(|t| (here, t)) } else { None },
            );
        let dangling = row.links.iter().find(|l| l.table_number.is_some() && l.in_section.is_none() && self.target(l, &row.name).is_none());
        // Several tables for one object field ("for single instances see Table 3, for read
        // replicas see Table 4"): alternative bodies, a `one_of`.
        let mut targets: Vec<(Place, &'d Table)> = Vec::new();
        for l in &row.links {
            if let Some((place, t)) = self.target(l, &row.name) {
                if (place, t.line) != (here, table_line) && !targets.iter().any(|(p, x)| (*p, x.line) == (place, t.line)) {
                    targets.push((place, t));
                }
            }
        }
        if targets.len() >= 2 && word.wants_table() && depth <= 12 {
            let base = camel_from_words(&row.name).unwrap_or_else(|| format!("{owner}Item"));
            let base = if matches!(word, TypeWord::Array(_)) { singular_type(&base) } else { base };
            let one_of = self.free_name(&base, side);
            self.types.insert(one_of.clone(), TypeDef::default());
            self.sides.insert(one_of.clone(), side);
            let mut alts = Vec::new();
            for (i, (place, t)) in targets.iter().enumerate() {
                let alt = match self.built.get(&(*place, t.line, side)) {
                    Some(n) => n.clone(),
                    None => {
                        let name = alternative_name(&t.caption).unwrap_or_else(|| format!("{one_of}Body{}", i + 1));
                        let free = self.free_name(&name, side);
                        self.at_place(*place, |b| b.struct_from_table(t, free, side, depth + 1, Some(&row.desc)))
                    }
                };
                alts.push(alt);
            }
            self.types.insert(one_of.clone(), TypeDef { one_of: Some(alts), ..TypeDef::default() });
            return Field {
                required: side == Side::Request && row.required,
                doc: non_empty(&row.desc),
                ..Field::new(row.name.clone(), wrap(&word, &one_of))
            };
        }
        let ty = match (&word, target) {
            // A table of `key` and `value` rows describes a map ("max_connections": "10").
            (w, Some((_, table))) if matches!(w, TypeWord::Object | TypeWord::Unknown(_)) && is_key_value(table) => {
                let value = param_rows(table)
                    .into_iter()
                    .find(|r| r.name.eq_ignore_ascii_case("value"))
                    .and_then(|r| match r.type_word {
                        Some(TypeWord::Scalar(s)) => Some(s),
                        _ => None,
                    })
                    .unwrap_or("string");
                TypeExpr::map(TypeExpr::word(value)).to_string()
            }
            (w, Some((place, table))) if w.wants_table() || matches!(w, TypeWord::Unknown(_)) => {
                if depth > 12 {
                    "any".to_owned()
                } else {
                    let base = type_name_from_caption(&table.caption)
                        .or_else(|| camel_from_words(&row.name))
                        .unwrap_or_else(|| format!("{owner}Item"));
                    // The element of a list is one thing: `Vec<Tag>`, not `Vec<Tags>`.
                    let base = if matches!(word, TypeWord::Array(_)) { singular_type(&base) } else { base };
                    let name = match self.built.get(&(place, table.line, side)) {
                        Some(n) => n.clone(),
                        None => {
                            // A taken name from a path caption (`token.user.domain`) first tries
                            // its parent's name in front (`UserDomain`).
                            let qualified = caption_path(&table.caption)
                                .and_then(|p| {
                                    let segs: Vec<&str> = p.rsplitn(3, '.').collect();
                                    (segs.len() >= 2).then(|| camel_from_words(&format!("{}_{}", segs[1], segs[0])))
                                })
                                .flatten()
                                .filter(|_| self.types.contains_key(&base));
                            let free = match qualified {
                                Some(q) if !self.types.contains_key(&q) => q,
                                _ => self.free_name(&base, side),
                            };
                            self.at_place(place, |b| b.struct_from_table(table, free, side, depth + 1, Some(&row.desc)))
                        }
                    };
                    wrap(&word, &name)
                }
            }
            (w, _) if w.wants_table() => {
                match dangling {
                    Some(l) => self.lint(
                        row.line,
                        LintKind::MissingTable,
                        format!("`{}` links to {}, which this page does not have", row.name, l.text),
                    ),
                    None => {
                        self.lint(row.line, LintKind::ObjectWithoutTable, format!("`{}` is an object but no table describes it", row.name))
                    }
                }
                wrap(&word, "any")
            }
            (TypeWord::Unknown(w), _) => {
                self.lint(row.line, LintKind::UnknownTypeWord, format!("unknown type word `{w}` for `{}` (read as `any`)", row.name));
                "any".to_owned()
            }
            (w, _) => wrap(w, ""),
        };
        let mut field = Field {
            required: side == Side::Request && row.required,
            doc: non_empty(&row.desc),
            default: default_of(&row.desc),
            ..Field::new(row.name.clone(), ty)
        };
        // Enums, constraints, secrets: string-ish fields.
        if field.ty == "string" || field.ty == "array<string>" {
            if is_sensitive(&row.name, &row.desc) && field.ty == "string" {
                field.sensitive = true;
            } else if let Some(e) = find_enum_of(&row.name, &row.desc) {
                let field_name = if field.ty == "string" { row.name.clone() } else { singular(&row.name) };
                let enum_name = self.enum_type(owner, &field_name, e.values, e.case_insensitive, side);
                field.ty = if field.ty == "string" { enum_name } else { TypeExpr::array(TypeExpr::Named(enum_name)).to_string() };
            } else if let Some(e) =
                plain_candidate(&row.desc).filter(|e| field.ty == "string" && self.examples_confirm(&row.name, &e.values[0].value))
            {
                // "The value is creating." (plain text): the page's examples send exactly it.
                field.ty = self.enum_type(owner, &row.name, e.values, false, side);
            }
        }
        if side == Side::Request {
            let base_ty = field.ty.as_str();
            let checked = matches!(base_ty, "string" | "integer" | "long" | "number") || base_ty.starts_with("array<");
            if checked && !field.sensitive {
                field.constraints = find_constraints(&row.desc, base_ty);
            } else if field.sensitive {
                // A secret keeps its lengths and pattern, never a numeric range (see check).
                let c = find_constraints(&row.desc, base_ty);
                field.constraints = Constraints { minimum: None, maximum: None, multiple_of: None, ..c };
            }
        }
        field
    }

    /// Whether the transcribed page's examples (every JSON code block) hold `field` and give it
    /// only `value` (see [`confirmed_by_examples`]).
    fn examples_confirm(&self, field: &str, value: &str) -> bool {
        fn collect<'v>(v: &'v Value, key: &str, out: &mut Vec<&'v Value>) {
            match v {
                Value::Object(o) => {
                    for (k, x) in o {
                        if k == key {
                            out.push(x);
                        }
                        collect(x, key, out);
                    }
                }
                Value::Array(a) => a.iter().for_each(|x| collect(x, key, out)),
                _ => {}
            }
        }
        let examples = self.home_examples.get_or_init(|| {
            let codes = self.home_doc.blocks.iter().filter_map(|b| if let Block::Code(c) = b { Some(c) } else { None });
            codes.filter_map(|c| value_in(&c.text)).collect()
        });
        let mut found = Vec::new();
        examples.iter().for_each(|e| collect(e, field, &mut found));
        confirmed_by_examples(value, &found)
    }

    /// An enum type for `owner.field`, shared with an identical one of the page.
    pub(super) fn enum_type(&mut self, owner: &str, field: &str, values: Vec<EnumValue>, case_insensitive: bool, side: Side) -> String {
        let snake = crate::idents::snake(field);
        let owner_base = owner.strip_suffix("Response").or_else(|| owner.strip_suffix("Request")).unwrap_or(owner);
        let base = if snake.contains('_') { crate::idents::camel(&snake) } else { format!("{owner_base}{}", crate::idents::camel(&snake)) };
        let same = |t: &TypeDef| {
            t.values.as_ref().is_some_and(|v| {
                let a: Vec<&str> = v.iter().map(|e| e.value.as_str()).collect();
                let b: Vec<&str> = values.iter().map(|e| e.value.as_str()).collect();
                a == b
            })
        };
        let mut candidate = base.clone();
        let mut n = 2;
        loop {
            match self.types.get(&candidate) {
                Some(t) if same(t) => return candidate,
                Some(_) => {
                    candidate = format!("{base}{n}");
                    n += 1;
                }
                None => break,
            }
        }
        self.sides.insert(candidate.clone(), side);
        self.types.insert(candidate.clone(), TypeDef { values: Some(values), case_insensitive, ..TypeDef::default() });
        candidate
    }

    /// Types inferred from examples (pages without parameter tables).
    pub(super) fn infer_root(
        &mut self,
        examples: &[&Value],
        name: &str,
        side: Side,
        comments: &BTreeMap<String, String>,
    ) -> Option<String> {
        let objects: Vec<&serde_json::Map<String, Value>> =
            examples.iter().filter_map(|v| v.as_object()).filter(|o| !o.is_empty()).collect();
        if objects.is_empty() {
            return None;
        }
        let name = self.free_name(name, side);
        Some(self.infer_struct(&objects, name, side, comments, ""))
    }

    pub(super) fn infer_struct(
        &mut self,
        objects: &[&serde_json::Map<String, Value>],
        name: String,
        side: Side,
        comments: &BTreeMap<String, String>,
        path: &str,
    ) -> String {
        self.sides.insert(name.clone(), side);
        self.types.insert(name.clone(), TypeDef::default());
        let mut keys: Vec<&String> = Vec::new();
        for o in objects {
            for k in o.keys() {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        let mut fields = Vec::new();
        for key in keys {
            let values: Vec<&Value> = objects.iter().filter_map(|o| o.get(key)).collect();
            let sub = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            let ty = self.infer_type(&values, key, side, comments, &sub);
            let doc = comments.get(&sub).cloned();
            let sensitive = ty == "string" && is_sensitive(key, doc.as_deref().unwrap_or(""));
            fields.push(Field { doc, sensitive, ..Field::new(key.clone(), ty) });
        }
        self.types.insert(name.clone(), TypeDef { fields: Some(fields), ..TypeDef::default() });
        name
    }

    pub(super) fn infer_type(
        &mut self,
        values: &[&Value],
        key: &str,
        side: Side,
        comments: &BTreeMap<String, String>,
        path: &str,
    ) -> String {
        let non_null: Vec<&Value> = values.iter().copied().filter(|v| !v.is_null()).collect();
        let Some(first) = non_null.first() else { return "any".to_owned() };
        match first {
            Value::String(_) => "string".to_owned(),
            Value::Bool(_) => "boolean".to_owned(),
            Value::Number(_) => {
                if non_null.iter().all(|v| v.as_i64().is_some()) {
                    if non_null.iter().all(|v| v.as_i64().is_some_and(|n| i32::try_from(n).is_ok())) { "integer" } else { "long" }
                        .to_owned()
                } else {
                    "number".to_owned()
                }
            }
            Value::Object(_) => {
                let objs: Vec<&serde_json::Map<String, Value>> = non_null.iter().filter_map(|v| v.as_object()).collect();
                let base = camel_from_words(key).unwrap_or_else(|| "Item".to_owned());
                let name = self.free_name(&base, side);
                self.infer_struct(&objs, name, side, comments, path)
            }
            Value::Array(_) => {
                let items: Vec<&Value> = non_null.iter().filter_map(|v| v.as_array()).flatten().collect();
                if items.is_empty() {
                    return TypeExpr::array(TypeExpr::Any).to_string();
                }
                // infer_type writes type expressions: the parse cannot fail.
                let inner = self.infer_type(&items, &singular(key), side, comments, path).parse().unwrap_or(TypeExpr::Any);
                TypeExpr::array(inner).to_string()
            }
            Value::Null => "any".to_owned(),
        }
    }
}

/// Whether `caption` names `name` (lower case) alone: `name`, `name field data structure
/// description`, `name object`, `Description of the name field`.
pub(super) fn caption_names(caption: &str, name: &str) -> bool {
    let c = caption.trim().trim_end_matches(['.', ':']).replace('`', "").to_lowercase();
    let c = c.strip_prefix("description of the ").or_else(|| c.strip_prefix("description of ")).unwrap_or(&c);
    let Some(rest) = c.strip_prefix(name) else { return false };
    matches!(
        rest.trim(),
        "" | "field data structure description"
            | "data structure description"
            | "field description"
            | "description"
            | "object"
            | "field"
            | "structure"
    )
}

/// Whether a table's anchor is `name` (lower case): `Tag`, `tag`, `ResourceTag`.
pub(super) fn label_names(label: Option<&str>, name: &str) -> bool {
    label.is_some_and(|l| l.eq_ignore_ascii_case(name))
}

/// A caption that is a field path (`auth.identity.password`), if it is one.
pub(super) fn caption_path(caption: &str) -> Option<String> {
    let c = caption.trim().trim_end_matches(['.', ':']);
    let ok = !c.is_empty()
        && c.split('.').all(|seg| !seg.is_empty() && seg.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_'))
        && c.chars().next().is_some_and(|ch| ch.is_ascii_lowercase());
    ok.then(|| c.to_owned())
}

/// Whether a table's rows are exactly `key` and `value`.
pub(super) fn is_key_value(t: &Table) -> bool {
    let rows = param_rows(t);
    rows.len() == 2 && rows.iter().any(|r| r.name.eq_ignore_ascii_case("key")) && rows.iter().any(|r| r.name.eq_ignore_ascii_case("value"))
}

pub(super) fn json_type_of(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "string",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::Bool(_) => "boolean",
        Value::Object(_) => "object",
        Value::Array(_) => "array",
        Value::Null => "null",
    }
}

pub(super) fn wrap(word: &TypeWord, named: &str) -> String {
    fn expr(word: &TypeWord, named: &str) -> TypeExpr {
        match word {
            TypeWord::Scalar(s) => TypeExpr::word(s),
            TypeWord::Object | TypeWord::Unknown(_) if named.is_empty() => TypeExpr::Any,
            TypeWord::Object | TypeWord::Unknown(_) => TypeExpr::Named(named.to_owned()),
            TypeWord::Array(inner) => TypeExpr::array(expr(inner, named)),
            TypeWord::Map(inner) => TypeExpr::map(expr(inner, named)),
        }
    }
    expr(word, named).to_string()
}

pub(super) fn table_ref(t: &Table) -> String {
    match t.number {
        Some(n) => format!("Table {n}"),
        None => format!("the table at line {}", t.line),
    }
}

/// "The default value is **1**." → `1`.
pub(super) fn default_of(desc: &str) -> Option<String> {
    let text = desc.replace("**", "");
    let lower = text.to_lowercase();
    let start = lower.find("default value is ")?;
    if lower[..start].ends_with("no ") {
        return None;
    }
    let at = start + "default value is ".len();
    let word: String = text[at..].chars().take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ';' | '，' | '。')).collect();
    let word = word.trim_end_matches('.').trim_matches('"').to_owned();
    (!word.is_empty() && word.len() <= 40 && !word.eq_ignore_ascii_case("empty") && !word.eq_ignore_ascii_case("as")).then_some(word)
}

/// A name for a `one_of` alternative from its caption's parenthesis: "Parameter description
/// (creating a read replica)" → `CreateReadReplica`; `None` when it is longer than four words.
pub(super) fn alternative_name(caption: &str) -> Option<String> {
    let open = caption.find('(')?;
    let close = caption[open..].find(')')? + open;
    let inner = &caption[open + 1..close];
    let id = operation_id(inner);
    if id.split('_').count() > 4 || id.starts_with("op_") {
        return None;
    }
    Some(crate::idents::camel(&id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(md: &str) -> (Option<String>, IndexMap<String, TypeDef>) {
        let doc = crate::read::read_page("t.md", md).expect("page");
        let tables: Vec<&Table> = doc.blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect();
        let library = Library::default();
        let mut b = TypeBuilder::new(&doc, "t.md", "demo", &library);
        let root = b.roots(&tables, Side::Request, "CreateThing", None);
        (root, b.types)
    }

    #[test]
    fn a_root_table_and_a_nested_one() {
        let md = "# T\n\n**Table 1** Request\n\n| Name | Mandatory | Type | Description |\n| --- | --- | --- | --- |\n| volume | Yes | Object | See Table 2. |\n| tags | No | Array of strings | Tags. |\n\n**Table 2** volume field data structure description\n\n| Name | Mandatory | Type | Description |\n| --- | --- | --- | --- |\n| size | Yes | Integer | Size. |\n";
        let (root, types) = build(md);
        let root = root.expect("a root");
        let fields: Vec<(String, String, bool)> =
            types[&root].fields.as_ref().unwrap().iter().map(|f| (f.json.clone(), f.ty.clone(), f.required)).collect();
        assert_eq!(fields, [("volume".into(), "Volume".into(), true), ("tags".into(), "array<string>".into(), false)]);
        assert_eq!(types["Volume"].fields.as_ref().unwrap()[0].ty, "integer");
    }

    #[test]
    fn a_table_named_by_its_caption_and_no_link() {
        let md = "# T\n\n**Table 1** Request\n\n| Name | Mandatory | Type | Description |\n| --- | --- | --- | --- |\n| flavors | Yes | Array of MysqlFlavorsInfo objects | Flavors. |\n| owner | No | Object | Owner. |\n\n**Table 2** MysqlFlavorsInfo\n\n| Name | Mandatory | Type | Description |\n| --- | --- | --- | --- |\n| code | Yes | String | Code. |\n\n**Table 3** owner field data structure description\n\n| Name | Mandatory | Type | Description |\n| --- | --- | --- | --- |\n| user | Yes | String | User. |\n";
        let (root, types) = build(md);
        let fields: Vec<String> = types[&root.expect("root")].fields.as_ref().unwrap().iter().map(|f| f.ty.clone()).collect();
        assert_eq!(fields, ["array<MysqlFlavorsInfo>", "Owner"]);
        assert!(caption_names("Description of the `owner` field", "owner"));
        assert!(!caption_names("owner tags", "owner"));
        assert!(!caption_names("Parameter description", "owner"));
    }

    /// "Array of `Tag` objects" / "`Owner` object": the table captioned `Tag`, the table anchored
    /// `Owner` (its caption says something else); a name no table has stays an untyped object.
    #[test]
    fn a_named_object_after_an_array_finds_its_table() {
        let md = "# T\n\n**Table 1** Request\n\n| Name | Mandatory | Type | Description |\n| --- | --- | --- | --- |\n| tags | No | Array of `Tag` objects | Tags. |\n| owner | No | `Owner` object | Owner. |\n| extra | No | `Gadget` object | Extra. |\n\n**Table 2** Tag\n\n| Name | Mandatory | Type | Description |\n| --- | --- | --- | --- |\n| key | Yes | String | Key. |\n\n<a name=\"Owner\"></a>\n**Table 3** Who owns the thing\n\n| Name | Mandatory | Type | Description |\n| --- | --- | --- | --- |\n| user | Yes | String | User. |\n";
        let (root, types) = build(md);
        let fields: Vec<String> = types[&root.expect("root")].fields.as_ref().unwrap().iter().map(|f| f.ty.clone()).collect();
        assert_eq!(fields, ["array<Tag>", "Owner", "any"]);
        assert_eq!(types["Tag"].fields.as_ref().unwrap()[0].json, "key");
        assert!(label_names(Some("Owner"), "owner"));
        assert!(!label_names(Some("owner_table"), "owner"));
        assert!(!label_names(None, "owner"));
    }

    /// "The value is creating." (plain text) is a one-value set only when the page's examples
    /// hold the field and every one sends that word.
    #[test]
    fn a_plain_one_value_is_confirmed_by_the_examples() {
        let table = "# T\n\n**Table 1** Request\n\n| Name | Mandatory | Type | Description |\n| --- | --- | --- | --- |\n| status | Yes | String | Status. The value is creating. |\n";
        let ty = |examples: &[&str]| {
            let md = examples.iter().fold(table.to_owned(), |md, e| format!("{md}\nExample\n\n```json\n{e}\n```\n"));
            let (root, types) = build(&md);
            let field = types[&root.expect("root")].fields.as_ref().unwrap()[0].ty.clone();
            let values = types.get(&field).and_then(|t| t.values.clone()).map(|v| v.into_iter().map(|e| e.value).collect::<Vec<_>>());
            (field, values)
        };
        let (field, values) = ty(&[r#"{"status": "creating"}"#]);
        assert_ne!(field, "string");
        assert_eq!(values, Some(vec!["creating".to_owned()]));
        assert_eq!(ty(&[r#"{"status": "creating"}"#, r#"{"job": {"status": "creating"}}"#]).1, Some(vec!["creating".to_owned()]));
        assert_eq!(ty(&[]).0, "string", "no example");
        assert_eq!(ty(&[r#"{"name": "x"}"#]).0, "string", "examples without the field");
        assert_eq!(ty(&[r#"{"status": "running"}"#]).0, "string", "an example with another value");
        assert_eq!(ty(&[r#"{"status": "creating"}"#, r#"{"status": "running"}"#]).0, "string", "two examples disagreeing");
    }

    #[test]
    fn captions_defaults_and_alternatives() {
        assert_eq!(caption_path("auth.identity.password").as_deref(), Some("auth.identity.password"));
        assert_eq!(caption_path("Parameter description"), None);
        assert_eq!(default_of("The default value is **1**.").as_deref(), Some("1"));
        assert_eq!(default_of("No default value is given"), None);
        assert_eq!(alternative_name("Parameter description (creating a read replica)").as_deref(), Some("CreateReadReplica"));
        assert_eq!(alternative_name("Parameter description"), None);
        assert_eq!(wrap(&TypeWord::Array(Box::new(TypeWord::Object)), "Tag"), "array<Tag>");
        assert_eq!(json_type_of(&serde_json::json!(1.5)), "number");
    }
}

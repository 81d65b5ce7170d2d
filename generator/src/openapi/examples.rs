//! The pages' examples, checked against the schema they are shown with (the `jsonschema` crate,
//! JSON Schema 2020-12). An example that fits is an OpenAPI example; one that breaks the page's
//! own table (a `null`, a placeholder password shorter than the minimum, a value outside the
//! listed set) is kept beside it, under `x-otc-examples-breaking-schema`, with the reasons, so
//! that every OpenAPI example validates and no page example is lost.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use serde_json::{json, Map, Value};

use super::schema::EXT;

/// The key of the examples that break their schema.
pub fn breaking_key() -> String {
    format!("{EXT}examples-breaking-schema")
}

/// Validates examples against schemas of one document.
pub struct SchemaValidator<'a> {
    components: &'a Value,
    /// The validators compiled so far, by schema (several examples of one body share one).
    compiled: RefCell<HashMap<String, Rc<jsonschema::Validator>>>,
}

impl<'a> SchemaValidator<'a> {
    pub fn new(components: &'a Value) -> Self {
        SchemaValidator { components, compiled: RefCell::default() }
    }

    /// Why `value` is not an instance of `schema` (empty: it is).
    pub fn problems(&self, schema: &Value, value: &Value) -> Result<Vec<String>, String> {
        let key = schema.to_string();
        let known = self.compiled.borrow().get(&key).cloned();
        let validator = match known {
            Some(v) => v,
            None => {
                let v = Rc::new(self.compile(schema)?);
                self.compiled.borrow_mut().insert(key, v.clone());
                v
            }
        };
        Ok(validator
            .iter_errors(value)
            .map(|e| {
                // Messages start with the offending value; an object or a list is named by its place instead.
                let message = e.to_string();
                let instance = e.instance().to_string();
                let message = match message.strip_prefix(&instance) {
                    Some(rest) if instance.starts_with(['{', '[']) => format!("the value{rest}"),
                    _ => message,
                };
                problem(&message, &e.instance_path().to_string())
            })
            .collect())
    }
}

impl SchemaValidator<'_> {
    /// A validator of `schema` with the components it reaches (only those: compiling the whole
    /// document per schema is slow).
    fn compile(&self, schema: &Value) -> Result<jsonschema::Validator, String> {
        let mut reached = Map::new();
        self.reach(schema, &mut reached);
        let mut root = Map::new();
        root.insert("components".into(), json!({ "schemas": reached }));
        if let Value::Object(s) = schema {
            root.extend(s.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        jsonschema::draft202012::new(&Value::Object(root)).map_err(|e| format!("the OpenAPI schema {schema} is no valid JSON Schema: {e}"))
    }

    /// Every component `schema` refers to, directly or not.
    fn reach(&self, schema: &Value, out: &mut Map<String, Value>) {
        match schema {
            Value::Object(m) => {
                if let Some(name) = m.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/components/schemas/")) {
                    if !out.contains_key(name) {
                        if let Some(target) = self.components["schemas"].get(name) {
                            out.insert(name.to_owned(), target.clone());
                            self.reach(target, out);
                        }
                    }
                }
                m.values().for_each(|v| self.reach(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| self.reach(v, out)),
            _ => {}
        }
    }
}

/// One line per problem: the message (long instances cut) and where.
fn problem(message: &str, at: &str) -> String {
    const MAX: usize = 160;
    let message = match message.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &message[..i]),
        None => message.to_owned(),
    };
    format!("{message} at `{}`", if at.is_empty() { "/" } else { at })
}

/// A named example as OpenAPI writes it.
pub fn example(summary: Option<&str>, value: &Value, problems: &[String]) -> Value {
    let mut x = Map::new();
    if let Some(t) = summary {
        x.insert("summary".into(), json!(t));
    }
    x.insert("value".into(), value.clone());
    if !problems.is_empty() {
        x.insert("problems".into(), json!(problems));
    }
    Value::Object(x)
}

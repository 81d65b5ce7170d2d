//! A compact digest of an operation's API — fields, types, required, constraints, enum values —
//! for snapshot tests: a spec change shows as a small reviewable diff of what users see.

use std::fmt::Write;

use crate::model::{Kind, OperationModel};
use crate::spec::Constraints;

/// The digest of one operation, as text.
pub fn digest(op: &OperationModel) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "operation {} ({}): {} {} -> {}", op.module_path(), op.type_name, op.method, op.path, op.status);
    if let Some(why) = &op.deprecated {
        let _ = writeln!(out, "  deprecated: {why}");
    }
    for p in &op.path_params {
        let mut facts = vec![p.ty.spec_name()];
        constraint_facts(&p.constraints, &mut facts);
        let _ = writeln!(out, "  path {}: {}", p.wire, facts.join(", "));
    }
    for p in &op.query_params {
        let mut facts = vec![p.ty.spec_name()];
        if p.required {
            facts.push("required".into());
        }
        constraint_facts(&p.constraints, &mut facts);
        let _ = writeln!(out, "  query {}: {}", p.wire, facts.join(", "));
    }
    for h in &op.headers {
        let mut flags = Vec::new();
        if h.required {
            flags.push("required");
        }
        if h.sensitive {
            flags.push("sensitive");
        }
        let _ = writeln!(out, "  header {}{}", h.name, if flags.is_empty() { String::new() } else { format!(" ({})", flags.join(", ")) });
    }
    let _ = writeln!(out, "  request: {}", op.request.as_deref().unwrap_or("()"));
    let _ = writeln!(out, "  response: {}", op.response.as_deref().unwrap_or("()"));
    for t in &op.types {
        let usage = match (t.in_request, t.in_response) {
            (true, true) => "request+response",
            (true, false) => "request",
            _ => "response",
        };
        match &t.kind {
            Kind::Struct(fields) => {
                let _ = writeln!(out, "struct {} [{usage}]{}", t.name, t.table.as_ref().map(|t| format!(" ({t})")).unwrap_or_default());
                for f in fields {
                    let mut facts = vec![f.ty.spec_name()];
                    if f.required {
                        facts.push("required".into());
                    }
                    if f.sensitive {
                        facts.push("sensitive".into());
                    }
                    constraint_facts(&f.constraints, &mut facts);
                    if !f.accepts.is_empty() {
                        facts.push(format!("accepts={}", f.accepts.iter().map(|w| w.name()).collect::<Vec<_>>().join("|")));
                    }
                    if let Some(d) = &f.default {
                        facts.push(format!("default={d}"))
                    }
                    let name = if f.rust == f.wire { f.wire.clone() } else { format!("{} ({})", f.wire, f.rust) };
                    let _ = writeln!(out, "  {name}: {}", facts.join(", "));
                }
            }
            Kind::Enum { values, case_insensitive } => {
                let vals: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
                let _ = writeln!(
                    out,
                    "enum {} [{usage}]{}: {}",
                    t.name,
                    if *case_insensitive { " (case-insensitive)" } else { "" },
                    vals.join(" | ")
                );
            }
            Kind::OneOf(alts) => {
                let _ = writeln!(out, "one_of {} [{usage}]: {}", t.name, alts.join(" | "));
            }
        }
    }
    let _ = writeln!(
        out,
        "examples: {} request, {} response",
        op.examples.iter().filter(|e| e.request).count(),
        op.examples.iter().filter(|e| !e.request).count()
    );
    out
}

/// `min_length=4`, `minimum=1`, … for each stated constraint.
fn constraint_facts(c: &Constraints, facts: &mut Vec<String>) {
    let num = |v: f64| if v.fract() == 0.0 { format!("{}", v as i64) } else { v.to_string() };
    if let Some(v) = c.min_length {
        facts.push(format!("min_length={v}"))
    }
    if let Some(v) = c.max_length {
        facts.push(format!("max_length={v}"))
    }
    if let Some(v) = &c.pattern {
        facts.push(format!("pattern={v}"))
    }
    if let Some(v) = c.minimum {
        facts.push(format!("minimum={}", num(v)))
    }
    if let Some(v) = c.maximum {
        facts.push(format!("maximum={}", num(v)))
    }
    if let Some(v) = c.multiple_of {
        facts.push(format!("multiple_of={}", num(v)))
    }
    if let Some(v) = c.min_items {
        facts.push(format!("min_items={v}"))
    }
    if let Some(v) = c.max_items {
        facts.push(format!("max_items={v}"))
    }
}

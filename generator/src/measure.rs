//! Measuring the generator's output, for the pipeline benchmark (`benches/pipeline.rs`): how many
//! lines the emitter writes, by kind (struct code against builder + validation code). Nothing here
//! is written, and no stage calls it.

use proc_macro2::TokenStream;

use crate::emit::{alternatives, enums, one_of, operations, structs, tidy};
use crate::model::{Kind, Model};

/// Lines of generated code by kind, as prettyplease prints them (docs included).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LineStats {
    /// Struct definitions (fields, docs, derives).
    pub structs: usize,
    /// The structs' `Serialize` and `Deserialize` impls.
    pub serde: usize,
    /// Builders, `record_problems`, `Validate` and `Shape` impls of the structs.
    pub builders_and_validation: usize,
    /// Enums with their impls.
    pub enums: usize,
    /// `one_of` enums with their impls.
    pub one_of: usize,
    /// Operation modules (`mod.rs`: the `Operation` impl, path and query types).
    pub operations: usize,
}

/// Measures [`LineStats`] over a model.
pub fn line_stats(model: &Model) -> Result<LineStats, String> {
    let lines = |tokens: TokenStream| -> Result<usize, String> {
        let file: syn::File = syn::parse2(tokens).map_err(|e| e.to_string())?;
        Ok(tidy(&prettyplease::unparse(&file)).lines().filter(|l| !l.trim().is_empty()).count())
    };
    let mut stats = LineStats::default();
    for op in &model.operations {
        let alternatives = alternatives(op);
        for t in &op.types {
            match &t.kind {
                Kind::Struct(fields) => {
                    let code = structs::emit_struct(op, t, fields, alternatives.contains(t.name.as_str()));
                    stats.structs += lines(code.definition)?;
                    stats.serde += lines(code.serde)?;
                    stats.builders_and_validation += lines(code.support)?;
                }
                Kind::Enum { values, case_insensitive } => stats.enums += lines(enums::emit_enum(t, values, *case_insensitive))?,
                Kind::OneOf(alts) => stats.one_of += lines(one_of::emit_one_of(op, t, alts))?,
            }
        }
        stats.operations += lines(operations::emit_operation(op))?;
    }
    Ok(stats)
}

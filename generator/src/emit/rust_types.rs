//! Spec types → Rust type tokens.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{FieldModel, Ty};

/// The Rust type of a value of `ty`.
pub fn rust_type(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::Integer => quote!(i32),
        Ty::Long => quote!(i64),
        Ty::Number => quote!(f64),
        Ty::Boolean => quote!(bool),
        Ty::Any => quote!(serde_json::Value),
        Ty::Named(name, _) => {
            let ident = format_ident!("{}", name);
            quote!(#ident)
        }
        Ty::Array(inner) => {
            let inner = rust_type(inner);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = rust_type(inner);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
    }
}

/// The type of a field's value, before `Option` (sensitive strings are wrapped).
pub fn value_type(f: &FieldModel) -> TokenStream {
    if f.sensitive {
        quote!(Sensitive<String>)
    } else {
        rust_type(&f.ty)
    }
}

/// The type of the field in its struct: `Option<…>` unless required.
pub fn field_type(f: &FieldModel) -> TokenStream {
    let v = value_type(f);
    if f.required {
        v
    } else {
        quote!(Option<#v>)
    }
}

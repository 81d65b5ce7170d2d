//! `one_of` bodies: an enum whose variants serialize as their inner body and deserialize by shape.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use crate::model::{OperationModel, TypeModel};

/// The enum, `From` each alternative, shape-based `Deserialize`, and `Validate` (request types).
pub fn emit_one_of(op: &OperationModel, t: &TypeModel, alts: &[String]) -> TokenStream {
    let name = format_ident!("{}", t.name);
    let mut doc = t.doc.as_deref().map(docs::sanitize).unwrap_or_else(|| format!("One of the alternative bodies of `{}`.", t.name));
    doc.push_str(&format!(
        "\n\nSerializes as the chosen body itself. Deserializing picks the alternative whose required \
         fields are all present and that knows most of the object's keys (ties: the first of {}).",
        alts.iter().map(|a| format!("[`{a}`]")).collect::<Vec<_>>().join(", ")
    ));
    let doc = docs::outer(&doc);
    let variants = alts.iter().map(|a| {
        let id = format_ident!("{}", a);
        let text = op
            .get(a)
            .and_then(|t| t.doc.as_deref())
            .map(|d| docs::first_paragraph(&docs::sanitize(d)))
            .unwrap_or_else(|| format!("The [`{a}`] body."));
        let vdoc = docs::outer(&text);
        quote!(#vdoc #id(#id),)
    });
    let froms = alts.iter().map(|a| {
        let id = format_ident!("{}", a);
        quote! {
            impl From<#id> for #name {
                fn from(value: #id) -> Self {
                    Self::#id(value)
                }
            }
        }
    });
    let shapes = alts.iter().map(|a| {
        let id = format_ident!("{}", a);
        quote!((<#id as Shape>::FIELDS, <#id as Shape>::REQUIRED))
    });
    let n = Literal::usize_unsuffixed(alts.len());
    let arms = alts.iter().enumerate().map(|(i, a)| {
        let id = format_ident!("{}", a);
        let i = Literal::usize_unsuffixed(i);
        quote!(Some(#i) => serde_json::from_value(value).map(Self::#id).map_err(D::Error::custom),)
    });
    let ser_arms = alts.iter().map(|a| {
        let id = format_ident!("{}", a);
        quote!(Self::#id(body) => body.serialize(serializer),)
    });
    let expected = Literal::string(&format!("expected the shape of one of {} (every required field present)", alts.join(", ")));
    let validate = if t.in_request {
        let arms = alts.iter().map(|a| {
            let id = format_ident!("{}", a);
            quote!(Self::#id(value) => value.validate_at(at, problems),)
        });
        let lit = Literal::string(&t.name);
        quote! {
            impl Validate for #name {
                const TYPE_NAME: &'static str = #lit;
                fn validate_at(&self, at: &str, problems: &mut Problems) {
                    match self {
                        #(#arms)*
                    }
                }
            }
        }
    } else {
        quote!()
    };
    // Read leniently where it is a response field (its alternatives' fields are lenient already).
    let lenient = if t.in_response { quote!(impl<'de> crate::runtime::wire::Lenient<'de> for #name {}) } else { quote!() };
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)] // bodies are held directly: matched, not moved around
        pub enum #name {
            #(#variants)*
        }

        #(#froms)*

        impl Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#ser_arms)*
                }
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                let shapes: [(&[&str], &[&str]); #n] = [#(#shapes),*];
                match pick(&value, &shapes) {
                    #(#arms)*
                    _ => Err(D::Error::custom(#expected)),
                }
            }
        }

        #validate

        #lenient
    }
}

//! Closed sets: a forward-compatible enum with a catch-all that keeps undocumented values.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use crate::model::{TypeModel, VariantModel};

/// The enum, `KNOWN`, `as_str`, `is_known`, `From<&str>` and the shared impls (`string_enum!`).
pub fn emit_enum(t: &TypeModel, values: &[VariantModel], case_insensitive: bool) -> TokenStream {
    let name = format_ident!("{}", t.name);
    let mut doc = t.doc.as_deref().map(docs::sanitize).unwrap_or_else(|| format!("The documented values of `{}`.", t.name));
    if let Some(table) = &t.table {
        doc.push_str(&format!("\n\nSource: {} of the reference page.", docs::sanitize(table)));
    }
    doc.push_str(
        "\n\nA value the docs do not list is kept in [`Self::Unknown`] and serializes back unchanged; \
         validating a request reports it.",
    );
    if case_insensitive {
        doc.push_str(" Parsing ignores ASCII case, as the page says the value is case-insensitive; the documented spelling is sent.");
    }
    let doc = docs::outer(&doc);
    let variants = values.iter().map(|v| {
        let id = format_ident!("{}", v.rust);
        let text = match &v.doc {
            Some(d) => format!("{}: {}", docs::code(&v.value), docs::first_paragraph(&docs::sanitize(d))),
            None => docs::code(&v.value),
        };
        let doc = docs::outer(&text);
        quote!(#doc #id,)
    });
    let known = values.iter().map(|v| Literal::string(&v.value));
    let as_str = values.iter().map(|v| {
        let id = format_ident!("{}", v.rust);
        let lit = Literal::string(&v.value);
        quote!(Self::#id => #lit,)
    });
    let from = if case_insensitive {
        let arms = values.iter().map(|v| {
            let id = format_ident!("{}", v.rust);
            let lit = Literal::string(&v.value);
            quote!(if s.eq_ignore_ascii_case(#lit) { return Self::#id; })
        });
        quote! {
            #(#arms)*
            Self::Unknown(UnknownValue::new(s))
        }
    } else {
        let arms = values.iter().map(|v| {
            let id = format_ident!("{}", v.rust);
            let lit = Literal::string(&v.value);
            quote!(#lit => Self::#id,)
        });
        quote! {
            match s {
                #(#arms)*
                other => Self::Unknown(UnknownValue::new(other)),
            }
        }
    };
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value the docs do not list, kept exactly as received.
            Unknown(UnknownValue),
        }

        impl #name {
            /// The documented values, as on the wire.
            pub const KNOWN: &'static [&'static str] = &[#(#known),*];

            /// The value as on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Whether the docs list this value.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl From<&str> for #name {
            fn from(s: &str) -> Self {
                #from
            }
        }

        string_enum!(#name);
    }
}

//! Hot, repetitive impl items (the builders' setters) built as syntax trees instead of parsed from
//! tokens: each kind's template is parsed once per thread, and each item is a clone of it with
//! its names, type and docs put in. syn's parsing of the tokens of function bodies was a third of
//! the generator's time; cloning a small tree is several times cheaper than parsing it.
//!
//! While [`collecting`], [`impl_item`] keeps the item aside and returns a placeholder item
//! (`__sdkgen_splice!(N);`) for the tokens; [`insert`] puts the items back into the parsed file
//! where their placeholders are. Outside [`collecting`], the item's tokens are used as they are.
//! Items of varying shape (`record_problems`, `build`) are put together from smaller filled templates
//! ([`filled`]) and kept aside with [`built_impl_item`].

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use syn::visit_mut::VisitMut;

/// The name of the placeholder macro (an identifier no generated code uses).
const PLACEHOLDER: &str = "__sdkgen_splice";

thread_local! {
    /// The items kept aside while [`collecting`] (`None` when not).
    static PENDING: RefCell<Option<Vec<syn::ImplItem>>> = const { RefCell::new(None) };
    /// The parsed templates, by their keys (each of the syntax type its user asks for).
    static TEMPLATES: RefCell<HashMap<&'static str, Box<dyn Any>>> = RefCell::new(HashMap::new());
}

/// Runs `make`, keeping the items passed to [`impl_item`] aside; returns its tokens and the items,
/// for [`insert`].
pub(crate) fn collecting(make: impl FnOnce() -> TokenStream) -> (TokenStream, Vec<syn::ImplItem>) {
    super::set_aside(&PENDING, make)
}

/// An impl item: `template(field, ty)` (the tokens of one function, without attributes) preceded
/// by `attrs` (outer attributes: docs). While [`collecting`], built from the template made with
/// placeholders (the identifier `__field`, the type `__Ty`), parsed once per thread under `key`,
/// then filled with `field` and `ty` (when the template uses a type), and kept aside. Else, and
/// should anything not parse (the error is then syn's, on parsing the file), the tokens themselves.
pub(crate) fn impl_item(
    key: &'static str,
    attrs: Vec<syn::Attribute>,
    field: &Ident,
    ty: Option<&TokenStream>,
    template: impl Fn(&Ident, &TokenStream) -> TokenStream,
) -> TokenStream {
    let type_placeholder = quote!(__Ty);
    let build = || {
        let ty = ty.map(|ty| syn::parse2::<syn::Type>(ty.clone())).transpose().ok()?;
        let field_placeholder = Ident::new("__field", Span::call_site());
        let filler = Filler { field: Some(field), ty: ty.as_ref(), wire: None };
        let mut item = filled::<syn::ImplItemFn>(key, || template(&field_placeholder, &type_placeholder), filler)?;
        item.attrs.splice(0..0, attrs.iter().cloned());
        Some(syn::ImplItem::Fn(item))
    };
    let tokens = || {
        let item = template(field, ty.unwrap_or(&type_placeholder));
        quote!(#(#attrs)* #item)
    };
    built_impl_item(build, tokens)
}

/// An impl item that `build` puts together as a syntax tree (of [`filled`] templates), kept aside
/// while [`collecting`]; else, or when `build` gives `None`, the tokens `tokens` makes.
pub(crate) fn built_impl_item(build: impl FnOnce() -> Option<syn::ImplItem>, tokens: impl FnOnce() -> TokenStream) -> TokenStream {
    if PENDING.with_borrow(Option::is_none) {
        return tokens();
    }
    match build() {
        Some(item) => keep_aside(item),
        None => tokens(),
    }
}

/// The syntax tree of `template` (tokens with the placeholders `__field`, `__Ty` and `"__wire"`),
/// parsed as a `T` once per thread under `key`, cloned and filled by `filler`; `None` when the
/// template does not parse as a `T`.
pub(crate) fn filled<T: Template>(key: &'static str, template: impl FnOnce() -> TokenStream, mut filler: Filler) -> Option<T> {
    TEMPLATES.with_borrow_mut(|templates| {
        if !templates.contains_key(key) {
            templates.insert(key, Box::new(syn::parse2::<T>(template()).ok()?));
        }
        let mut item = templates[key].downcast_ref::<T>()?.clone();
        item.fill(&mut filler);
        Some(item)
    })
}

/// Keeps `item` aside (while [`collecting`]) and returns its placeholder.
fn keep_aside(item: syn::ImplItem) -> TokenStream {
    let index = PENDING.with_borrow_mut(|pending| {
        let pending = pending.get_or_insert_with(Vec::new);
        pending.push(item);
        pending.len() - 1
    });
    let placeholder = Ident::new(PLACEHOLDER, Span::call_site());
    let index = Literal::usize_unsuffixed(index);
    quote!(#placeholder!(#index);)
}

/// Puts the placeholders' items (of [`collecting`]) into `file`'s impl blocks; an error when a
/// placeholder has no item, or an item was not placed.
pub(crate) fn insert(file: &mut syn::File, items: Vec<syn::ImplItem>) -> Result<(), String> {
    if items.is_empty() {
        return Ok(());
    }
    let mut items: Vec<Option<syn::ImplItem>> = items.into_iter().map(Some).collect();
    let mut placed = 0;
    for item in &mut file.items {
        let syn::Item::Impl(block) = item else { continue };
        for member in &mut block.items {
            let syn::ImplItem::Macro(m) = member else { continue };
            if !m.mac.path.is_ident(PLACEHOLDER) {
                continue;
            }
            let index: usize = m.mac.tokens.to_string().parse().map_err(|_| format!("a malformed placeholder: {}", m.mac.tokens))?;
            *member = items.get_mut(index).and_then(Option::take).ok_or_else(|| format!("placeholder {index} has no item"))?;
            placed += 1;
        }
    }
    if placed != items.len() {
        return Err(format!("{placed} of {} generated items placed", items.len()));
    }
    Ok(())
}

/// What replaces the placeholders of a template (`None`: the template has no such placeholder).
pub(crate) struct Filler<'a> {
    /// For the identifier `__field`.
    pub field: Option<&'a Ident>,
    /// For the type `__Ty`.
    pub ty: Option<&'a syn::Type>,
    /// For the string literal `"__wire"`.
    pub wire: Option<&'a str>,
}

impl VisitMut for Filler<'_> {
    fn visit_ident_mut(&mut self, i: &mut Ident) {
        if let Some(field) = self.field {
            if i == "__field" {
                *i = field.clone();
            }
        }
    }

    fn visit_lit_str_mut(&mut self, l: &mut syn::LitStr) {
        if let Some(wire) = self.wire {
            if l.value() == "__wire" {
                *l = syn::LitStr::new(wire, l.span());
            }
        }
    }

    fn visit_type_mut(&mut self, t: &mut syn::Type) {
        if let (Some(ty), syn::Type::Path(p)) = (self.ty, &*t) {
            if p.qself.is_none() && p.path.is_ident("__Ty") {
                *t = ty.clone();
                return;
            }
        }
        syn::visit_mut::visit_type_mut(self, t);
    }
}

/// A kind of syntax tree a template is parsed as.
pub(crate) trait Template: syn::parse::Parse + Clone + 'static {
    /// Replaces the placeholders.
    fn fill(&mut self, filler: &mut Filler);
}

impl Template for syn::ImplItemFn {
    fn fill(&mut self, filler: &mut Filler) {
        filler.visit_impl_item_fn_mut(self);
    }
}

impl Template for syn::Stmt {
    fn fill(&mut self, filler: &mut Filler) {
        filler.visit_stmt_mut(self);
    }
}

impl Template for syn::Expr {
    fn fill(&mut self, filler: &mut Filler) {
        filler.visit_expr_mut(self);
    }
}

impl Template for syn::FnArg {
    fn fill(&mut self, filler: &mut Filler) {
        filler.visit_fn_arg_mut(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::structs::plain_setter;
    use crate::model::{NamedKind, Ty};

    /// A builder impl with setters of every kind of type, and names that are keywords.
    fn builder() -> TokenStream {
        let types = [
            ("name", Ty::String),
            ("type", Ty::Integer),
            ("size", Ty::Long),
            ("ratio", Ty::Number),
            ("on", Ty::Boolean),
            ("any", Ty::Any),
            ("volume", Ty::Named("Volume".to_owned(), NamedKind::Struct)),
            ("tags", Ty::Array(Box::new(Ty::Named("Tag".to_owned(), NamedKind::Struct)))),
            ("labels", Ty::Map(Box::new(Ty::Array(Box::new(Ty::String))))),
        ];
        let setters = types.iter().map(|(name, ty)| plain_setter(&format!("Sets `{name}`.\n\nMore."), name, ty));
        quote! {
            impl Builder {
                pub fn new() -> Self {
                    Self::default()
                }
                #(#setters)*
                pub fn build(self) {}
            }
        }
    }

    #[test]
    fn built_items_print_as_their_tokens() {
        let direct = crate::emit::render("t", builder()).unwrap();
        let (_, items) = collecting(builder);
        assert_eq!(items.len(), 9, "every setter is built");
        assert_eq!(crate::emit::render_made("t", builder).unwrap(), direct);
        assert!(direct.contains("    pub fn r#type(mut self, value: i32) -> Self {\n        self.r#type = Some(value);"), "{direct}");
        assert!(direct.contains("value: std::collections::BTreeMap<String, Vec<String>>"), "{direct}");
        assert!(!direct.contains(PLACEHOLDER));
    }

    #[test]
    fn outside_collecting_the_tokens_are_the_item() {
        let id = Ident::new("x", Span::call_site());
        let tokens = impl_item("test", vec![syn::parse_quote!(#[inline])], &id, Some(&quote!(u8)), |id, ty| quote!(fn #id(v: #ty) {}));
        assert_eq!(
            tokens.to_string(),
            quote!(
                #[inline]
                fn x(v: u8) {}
            )
            .to_string()
        );
    }

    #[test]
    fn a_placeholder_without_its_item_or_an_item_without_its_placeholder_is_an_error() {
        let item: syn::ImplItem = syn::parse_quote!(
            fn f() {}
        );
        let mut file: syn::File = syn::parse_quote!(impl S { __sdkgen_splice!(1); });
        assert_eq!(insert(&mut file, vec![item.clone()]).unwrap_err(), "placeholder 1 has no item");
        let mut file: syn::File = syn::parse_quote!(impl S { __sdkgen_splice!(0); });
        assert_eq!(insert(&mut file, vec![item.clone(), item.clone()]).unwrap_err(), "1 of 2 generated items placed");
        let mut file: syn::File = syn::parse_quote!(impl S { __sdkgen_splice!(0); });
        insert(&mut file, vec![item]).unwrap();
        assert_eq!(prettyplease::unparse(&file), "impl S {\n    fn f() {}\n}\n");
    }
}

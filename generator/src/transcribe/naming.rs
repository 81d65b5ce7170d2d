//! Names from page text: the operation id from the title, type names from captions or fields.
//!
//! **Operation id rule** (documented in `docs/transcriber.md`): lower-case the title, drop
//! punctuation, turn the leading gerund into its base verb (`Creating` → `create`, `Querying` →
//! `query`, `Obtaining` → `obtain`), drop the stop words of [`STOP_WORDS`], and join with `_`. `Creating a DB Instance` → `create_instance`; `Restoring Data to a New DB
//! Instance` → `restore_to_new_instance`. A hand fix can override it.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words left out of operation ids.
pub const STOP_WORDS: &[&str] = &["a", "an", "the", "db", "data"];

/// Gerunds whose base form is not the gerund minus `ing`.
const IRREGULAR: &[(&str, &str)] = &[
    ("creating", "create"),
    ("deleting", "delete"),
    ("changing", "change"),
    ("configuring", "configure"),
    ("enabling", "enable"),
    ("disabling", "disable"),
    ("releasing", "release"),
    ("restoring", "restore"),
    ("rebooting", "reboot"),
    ("resizing", "resize"),
    ("scaling", "scale"),
    ("updating", "update"),
    ("using", "use"),
    ("upgrading", "upgrade"),
    ("removing", "remove"),
    ("replicating", "replicate"),
    ("purging", "purge"),
    ("managing", "manage"),
    ("associating", "associate"),
    ("disassociating", "disassociate"),
    ("terminating", "terminate"),
    ("migrating", "migrate"),
    ("synchronizing", "synchronize"),
    ("authorizing", "authorize"),
    ("revoking", "revoke"),
    ("retrying", "retry"),
    ("binding", "bind"),
    ("unbinding", "unbind"),
    ("setting", "set"),
    ("resetting", "reset"),
    ("getting", "get"),
    ("stopping", "stop"),
    ("shrinking", "shrink"),
    ("modifying", "modify"),
    ("copying", "copy"),
    ("applying", "apply"),
    ("specifying", "specify"),
    ("querying", "query"),
    ("switching", "switch"),
    ("adding", "add"),
    ("killing", "kill"),
    ("obtaining", "obtain"),
    ("listing", "list"),
    ("starting", "start"),
    ("checking", "check"),
    ("performing", "perform"),
    ("returning", "return"),
    ("downloading", "download"),
    ("uploading", "upload"),
    ("expanding", "expand"),
    ("promoting", "promote"),
    ("renaming", "rename"),
    ("viewing", "view"),
    ("making", "make"),
    ("taking", "take"),
    ("saving", "save"),
    ("moving", "move"),
    ("closing", "close"),
    ("writing", "write"),
    ("sharing", "share"),
    ("storing", "store"),
    ("reducing", "reduce"),
    ("increasing", "increase"),
    ("decreasing", "decrease"),
    ("cancelling", "cancel"),
    ("canceling", "cancel"),
    ("executing", "execute"),
    ("activating", "activate"),
    ("deactivating", "deactivate"),
    ("validating", "validate"),
    ("generating", "generate"),
    ("allocating", "allocate"),
    ("isolating", "isolate"),
    ("assigning", "assign"),
    ("exporting", "export"),
    ("importing", "import"),
    ("deploying", "deploy"),
    ("describing", "describe"),
    ("subscribing", "subscribe"),
    ("unsubscribing", "unsubscribe"),
    ("verifying", "verify"),
    ("diagnosing", "diagnose"),
    ("archiving", "archive"),
    ("encrypting", "encrypt"),
    ("decrypting", "decrypt"),
];

/// The base verb of a gerund (`creating` → `create`), or the word itself.
pub fn base_verb(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if let Some((_, base)) = IRREGULAR.iter().find(|(g, _)| *g == lower) {
        return (*base).to_owned();
    }
    match lower.strip_suffix("ing") {
        Some(stem) if stem.len() >= 3 => {
            let b = stem.as_bytes();
            // doubled consonant: "stopping" → "stop"
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] && !matches!(b[b.len() - 1], b'l' | b's') {
                stem[..stem.len() - 1].to_owned()
            } else {
                stem.to_owned()
            }
        }
        _ => lower,
    }
}

/// The operation id of a page title by the pre-policy rule (the title's words, the leading
/// gerund as base verb, [`STOP_WORDS`] left out). Still used for short names of `one_of`
/// alternatives from a caption's parenthesis; operations are named by [`operation_name`].
pub fn operation_id(title: &str) -> String {
    let cleaned: String = title.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { ' ' }).collect();
    let mut words: Vec<String> = Vec::new();
    for (i, w) in cleaned.split_whitespace().enumerate() {
        if i == 0 {
            words.push(base_verb(w));
        } else if !STOP_WORDS.contains(&w) {
            words.push(w.to_owned());
        }
    }
    let id = words.join("_");
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
        format!("op_{id}")
    } else {
        id
    }
}

/// Longest operation id the policy aims for (`docs/naming.md`).
pub const MAX_ID: usize = 40;

/// Words never part of an operation id.
const ARTICLES: &[&str] = &["a", "an", "the", "db", "data"];
/// Words that say nothing about what an operation does ("Obtaining *Information About* a Task
/// with a *Specified* ID").
const FILLERS: &[&str] = &["specified", "specific", "information", "detailed", "details"];
/// Words that end the object of the title's verb and start a qualifier phrase.
const CONNECTORS: &[&str] = &[
    "of", "in", "for", "to", "with", "by", "from", "on", "through", "that", "which", "whether", "after", "about", "within", "under",
    "when", "where", "at", "between", "into", "using", "via", "as",
];
/// Objects too vague alone: their `of …` phrase stays in the id (`show_number_of_connections`).
const VAGUE_HEADS: &[&str] = &["number", "value", "result", "name", "password", "port", "roles", "role", "collection", "period"];
/// Verbs that read: `list_` (plural object) or `show_` (one thing) on `GET` and `POST`.
const READ_VERBS: &[&str] = &["obtain", "query", "get", "view", "list", "show", "search", "retrieve"];
/// Other verbs and the verb the policy uses for them.
const VERB_SYNONYMS: &[(&str, &str)] = &[
    ("modify", "update"),
    ("change", "update"),
    ("edit", "update"),
    ("alter", "update"),
    ("configure", "set"),
    ("specify", "set"),
    ("remove", "delete"),
    ("replicate", "copy"),
];
/// Singular nouns that end like plurals.
const NOT_PLURAL: &[&str] = &[
    "status",
    "series",
    "analysis",
    "access",
    "address",
    "class",
    "process",
    "alias",
    "bus",
    "https",
    "dns",
    "news",
    "statistics",
    "kms",
    "sms",
    "cas",
];

/// An operation's name as the policy builds it from its page title: the short id, and what may
/// tell it apart from another operation of its module with the same id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpName {
    /// `verb_object` (`list_instances`, `show_automated_backup_policy`), at most [`MAX_ID`]
    /// characters where the title allows it.
    pub base: String,
    /// The title's qualifier words after the object, fillers left out (`in recycle bin` →
    /// `["in", "recycle", "bin"]`): added only to tell colliding operations apart.
    pub qualifier: Vec<String>,
    /// The title's parenthesis, snake case (`(RDS for SQL Server)` → `sql_server`,
    /// `(Recommended)` → `recommended`): added only when the qualifier did not tell them apart.
    pub aside: Option<String>,
}

/// The operation name of a page title for `method` (see `docs/naming.md`): verb first (a
/// reading verb becomes `list_`/`show_`, synonyms one verb), the object up to the first
/// connector, "in batches" as a `batch_` prefix, articles and fillers left out, engine
/// parentheses kept aside. `None` when the title has no usable words (快速入门).
pub fn operation_name(title: &str, method: &str) -> Option<OpName> {
    // The parenthesis: aside.
    let mut main = String::new();
    let mut aside = String::new();
    let mut depth = 0;
    for c in title.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = (depth as i32 - 1).max(0) as usize,
            c if depth > 0 => aside.push(c),
            c => main.push(c),
        }
    }
    let words_of = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect()
    };
    let mut words = words_of(&main);
    // Leading adverbs ("Manually Switching …").
    while words.len() > 1 && words[0].ends_with("ly") && words[1].ends_with("ing") {
        words.remove(0);
    }
    if words.is_empty() || words[0].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let first = base_verb(&words[0]);
    let mut rest: Vec<String> = words[1..].to_vec();
    // "Enabling or Disabling …", "Adding or Deleting …": one verb for the pair.
    let mut verb = first.clone();
    let mut pair = false;
    if rest.len() >= 2 && rest[0] == "or" && rest[1].ends_with("ing") {
        let second = base_verb(&rest[1]);
        verb = if matches!((first.as_str(), second.as_str()), ("enable", "disable") | ("disable", "enable")) {
            "switch".to_owned()
        } else {
            "update".to_owned()
        };
        rest.drain(..2);
        pair = true;
    }
    // "in batches" anywhere: a `batch_` prefix.
    let mut batch = false;
    if let Some(i) = rest.windows(2).position(|w| w[0] == "in" && w[1] == "batches") {
        rest.drain(i..i + 2);
        batch = true;
    }
    // Later gerunds after "or"/"and" are verbs too ("Adding CNs, Adding Shards, or Scaling Up").
    for i in 0..rest.len() {
        if IRREGULAR.iter().any(|(g, _)| *g == rest[i]) && (rest[i] == words[0] || (i > 0 && matches!(rest[i - 1].as_str(), "or" | "and")))
        {
            rest[i] = base_verb(&rest[i]);
        }
    }
    rest.retain(|w| !ARTICLES.contains(&w.as_str()) && !FILLERS.contains(&w.as_str()));
    // "… List" / "the List of …": a list.
    let mut listed = false;
    if rest.first().map(String::as_str) == Some("list") && rest.get(1).map(String::as_str) == Some("of") {
        rest.drain(..2);
        listed = true;
    }
    if rest.first().is_some_and(|w| w == "about" || w == "of") {
        rest.remove(0);
    }
    // The object: up to the first connector (a vague head keeps its `of …` phrase).
    let mut cut = rest.iter().position(|w| CONNECTORS.contains(&w.as_str())).unwrap_or(rest.len());
    if cut == 1 && VAGUE_HEADS.contains(&rest[0].as_str()) && rest.get(1).map(String::as_str) == Some("of") {
        cut = rest.iter().skip(2).position(|w| CONNECTORS.contains(&w.as_str())).map(|p| p + 2).unwrap_or(rest.len());
    }
    if cut == 0 {
        // No object before the first connector ("Restoring Data to a New Instance"): the first
        // phrase is the object, connector included.
        cut = rest.iter().skip(1).position(|w| CONNECTORS.contains(&w.as_str())).map(|p| p + 1).unwrap_or(rest.len());
    }
    // "… Rule or Disabling All Rules": a second action is not part of the object.
    if let Some(i) =
        rest[..cut].windows(2).position(|w| pair && matches!(w[0].as_str(), "or" | "and") && IRREGULAR.iter().any(|(_, b)| *b == w[1]))
    {
        cut = i;
    }
    let vague = cut > 2 && VAGUE_HEADS.contains(&rest[0].as_str()) && rest[1] == "of";
    let mut object: Vec<String> = rest[..cut].to_vec();
    let mut qualifier: Vec<String> = rest[cut..].to_vec();
    while object.last().is_some_and(|w| matches!(w.as_str(), "and" | "or")) {
        object.pop();
    }
    // "the Audit Log List", "the API Version List Compatible with …": a list of logs, versions.
    if let Some(i) = object.iter().position(|w| w == "list").filter(|&i| i > 0) {
        object.remove(i);
        object[i - 1] = plural(&object[i - 1]);
        listed = true;
    }
    // "Links for Downloading Audit Logs" → `audit_log_download_links`.
    if object.len() == 1
        && matches!(object[0].as_str(), "link" | "links" | "address")
        && qualifier.first().map(String::as_str) == Some("for")
        && qualifier.get(1).is_some_and(|w| w == "downloading")
    {
        let end = qualifier.iter().skip(2).position(|w| CONNECTORS.contains(&w.as_str())).map(|p| p + 2).unwrap_or(qualifier.len());
        let mut thing: Vec<String> = qualifier[2..end].to_vec();
        if let Some(last) = thing.last_mut() {
            *last = singular(last);
        }
        thing.push("download".to_owned());
        thing.push(object[0].clone());
        object = thing;
        qualifier.drain(..end);
    }
    let reads = READ_VERBS.contains(&verb.as_str()) && matches!(method, "GET" | "POST" | "HEAD");
    if reads {
        let head = if vague { object.first() } else { object.last() };
        let many = listed || head.is_some_and(|w| is_plural(w));
        verb = if many { "list" } else { "show" }.to_owned();
    } else if let Some((_, v)) = VERB_SYNONYMS.iter().find(|(s, _)| *s == verb) {
        verb = (*v).to_owned();
    }
    let mut parts = Vec::new();
    if batch {
        parts.push("batch".to_owned());
    }
    parts.push(verb);
    let fixed = parts.iter().map(|p| p.len() + 1).sum::<usize>();
    // Longer than the policy allows: the object's first modifiers go (never its last word):
    // `enterprise_project_resource_quotas` → `project_resource_quotas`.
    while object.len() > 1 && fixed + object.join("_").len() > MAX_ID {
        object.remove(0);
        while object.len() > 1 && matches!(object[0].as_str(), "or" | "and" | "of") {
            object.remove(0);
        }
    }
    parts.extend(object);
    qualifier.retain(|w| !matches!(w.as_str(), "list"));
    let aside_words: Vec<String> = words_of(&aside).into_iter().filter(|w| !ARTICLES.contains(&w.as_str())).collect();
    // "(RDS for SQL Server)": the engine is what follows "for".
    let aside_words = match aside_words.iter().position(|w| w == "for") {
        Some(i) => aside_words[i + 1..].to_vec(),
        None => aside_words.into_iter().filter(|w| !CONNECTORS.contains(&w.as_str())).collect(),
    };
    Some(OpName { base: parts.join("_"), qualifier, aside: (!aside_words.is_empty()).then(|| aside_words.join("_")) })
}

/// Whether a lower-case noun is an English plural (`instances`, `policies`; not `status`).
pub fn is_plural(word: &str) -> bool {
    word.len() > 2
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
        && !NOT_PLURAL.contains(&word)
}

/// The plural of a lower-case noun (`log` → `logs`, `policy` → `policies`, `address` →
/// `addresses`).
pub fn plural(word: &str) -> String {
    if is_plural(word) {
        return word.to_owned();
    }
    let b = word.as_bytes();
    if word.ends_with('y') && b.len() >= 2 && !b"aeiou".contains(&b[b.len() - 2]) {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|e| word.ends_with(e)) {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// A page of an operation of a module (`<service>/<version>`) being named: its method and
/// path, the name from its title, and the name it must keep (committed under the same page
/// identity).
#[derive(Clone, Debug)]
pub struct Candidate {
    pub module: String,
    pub method: String,
    pub path: String,
    pub name: OpName,
    /// A page of an older API folder (served but deprecated): `_legacy` when it collides.
    pub legacy: bool,
    /// The committed id of this page's operation: kept as is.
    pub pinned: Option<String>,
}

/// The final ids of `candidates`, in their order. Pages with the same method, path and title
/// words (a reference page and a seed page of one call) are one operation and share an id;
/// a page of an older API folder is an operation of its own. Pinned ids stay.
/// Operations whose ids collide within a module are told apart by, in turn: the qualifier
/// words where they differ (`list_instances` / `list_instances_in_recycle_bin`), the
/// parenthesis (`…_sql_server`), `_legacy` for older API folders, the last literal path
/// segment, a number. See `docs/naming.md`.
pub fn settle(pages: &[Candidate]) -> Vec<String> {
    // One representative per operation; a pinned name of any of its pages is the operation's.
    let same = |a: &Candidate, b: &Candidate| {
        a.module == b.module && a.method == b.method && a.path == b.path && a.name == b.name && a.legacy == b.legacy
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut op_of: Vec<usize> = Vec::new();
    for p in pages {
        match candidates.iter().position(|c| same(c, p)) {
            Some(i) => {
                if candidates[i].pinned.is_none() {
                    candidates[i].pinned = p.pinned.clone();
                }
                op_of.push(i);
            }
            None => {
                op_of.push(candidates.len());
                candidates.push(p.clone());
            }
        }
    }
    let ids = settle_operations(&candidates);
    op_of.into_iter().map(|i| ids[i].clone()).collect()
}

fn settle_operations(candidates: &[Candidate]) -> Vec<String> {
    let mut ids: Vec<String> = candidates.iter().map(|c| c.pinned.clone().unwrap_or_else(|| c.name.base.clone())).collect();
    for step in 0..5 {
        let mut by_id: std::collections::BTreeMap<(String, String), Vec<usize>> = std::collections::BTreeMap::new();
        for (i, c) in candidates.iter().enumerate() {
            by_id.entry((c.module.clone(), ids[i].clone())).or_default().push(i);
        }
        for ((_, id), ops) in by_id {
            if ops.len() < 2 {
                continue;
            }
            // A pinned one keeps the id; the others move.
            let common = common_prefix(ops.iter().map(|&o| &candidates[o].name.qualifier));
            for (rank, &o) in ops.iter().enumerate() {
                let c = &candidates[o];
                if c.pinned.as_deref() == Some(id.as_str()) {
                    continue;
                }
                let extra: Option<String> = match step {
                    0 => {
                        let mut q: Vec<&str> = c.name.qualifier[common.min(c.name.qualifier.len())..].iter().map(String::as_str).collect();
                        while q.first().is_some_and(|w| matches!(*w, "and" | "or")) {
                            q.remove(0);
                        }
                        fit_qualifier(&id, &q)
                    }
                    1 => c.name.aside.clone(),
                    2 => c.legacy.then(|| "legacy".to_owned()),
                    3 => c
                        .path
                        .split('/')
                        .rev()
                        .find(|s| !s.is_empty() && !s.starts_with('{'))
                        .map(crate::idents::snake)
                        .filter(|s| !id.ends_with(s.as_str())),
                    _ => (rank > 0).then(|| (rank + 1).to_string()),
                };
                if let Some(extra) = extra {
                    ids[o] = format!("{id}_{extra}");
                }
            }
        }
    }
    ids
}

/// The qualifier words to append to `id`: all of them when the id stays within [`MAX_ID`],
/// else its content words (no connectors) as far as they fit (at least one).
fn fit_qualifier(id: &str, q: &[&str]) -> Option<String> {
    if q.is_empty() {
        return None;
    }
    let all = q.join("_");
    if id.len() + 1 + all.len() <= MAX_ID {
        return Some(all);
    }
    let content: Vec<&str> =
        q.iter().copied().filter(|w| !CONNECTORS.contains(w) && !matches!(*w, "and" | "or" | "can" | "be" | "is" | "are")).collect();
    let mut out: Vec<&str> = Vec::new();
    for w in content {
        if !out.is_empty() && id.len() + 1 + out.join("_").len() + 1 + w.len() > MAX_ID {
            break;
        }
        out.push(w);
    }
    (!out.is_empty()).then(|| out.join("_"))
}

/// How many leading words all the qualifiers share.
fn common_prefix<'a>(mut qs: impl Iterator<Item = &'a Vec<String>>) -> usize {
    let Some(first) = qs.next() else { return 0 };
    let mut n = first.len();
    for q in qs {
        n = n.min(first.iter().zip(q).take_while(|(a, b)| a == b).count());
    }
    n
}

/// The singular of an English plural noun, for list items (`instances` → `instance`,
/// `policies` → `policy`, `addresses` → `address`, `statuses` → `status`); words that are not
/// plurals (`status`, `data`, `metadata`, `series`, `access`) unchanged. Only the last word of
/// a snake-case name changes (`read_replicas` → `read_replica`).
pub fn singular(word: &str) -> String {
    if let Some((head, last)) = word.rsplit_once('_') {
        return format!("{head}_{}", singular(last));
    }
    const IRREGULAR_PLURALS: &[(&str, &str)] = &[
        ("statuses", "status"),
        ("addresses", "address"),
        ("indexes", "index"),
        ("indices", "index"),
        ("aliases", "alias"),
        ("analyses", "analysis"),
        ("children", "child"),
        ("people", "person"),
        ("series", "series"),
        ("species", "species"),
        ("data", "data"),
        ("metadata", "metadata"),
    ];
    let lower = word.to_ascii_lowercase();
    if let Some((_, s)) = IRREGULAR_PLURALS.iter().find(|(p, _)| *p == lower) {
        return keep_case(word, s);
    }
    if !is_plural(&lower) {
        return word.to_owned();
    }
    let cut = if lower.ends_with("ies") && lower.len() > 4 {
        return format!("{}y", &word[..word.len() - 3]);
    } else if ["sses", "ches", "shes", "xes", "zes"].iter().any(|e| lower.ends_with(e)) {
        2
    } else {
        1
    };
    word[..word.len() - cut].to_owned()
}

/// `s` with the first letter's case of `like`.
fn keep_case(like: &str, s: &str) -> String {
    if like.starts_with(|c: char| c.is_ascii_uppercase()) {
        let mut c = s.chars();
        c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
    } else {
        s.to_owned()
    }
}

/// A type name in the singular (`ReadReplicas` → `ReadReplica`, `Tags` → `Tag`,
/// `Statuses` → `Status`): the last camel-case word made singular.
pub fn singular_type(name: &str) -> String {
    let start = name.rfind(|c: char| c.is_ascii_uppercase()).unwrap_or(0);
    let (head, last) = name.split_at(start);
    // An all-caps tail ("IPs", "DNs") is an acronym plural: drop the `s` only.
    format!("{head}{}", singular(last))
}

/// Whether a table caption only names its table ("`ha` field data structure description",
/// "Parameter description", "Response parameters", "Table 3"): such a caption says nothing
/// about what the type is, so the type's doc comes from the field that holds it.
pub fn is_bare_caption(caption: &str) -> bool {
    const CAPTION_WORDS: &[&str] = &[
        "field",
        "fields",
        "data",
        "structure",
        "structures",
        "description",
        "descriptions",
        "of",
        "the",
        "parameter",
        "parameters",
        "request",
        "response",
        "body",
        "object",
        "objects",
        "table",
        "element",
        "elements",
        "list",
        "information",
        "returned",
        "and",
        "in",
    ];
    let c = caption.trim();
    if c.is_empty() {
        return true;
    }
    if !c.is_ascii() {
        // Chinese captions: "ha字段数据结构说明", "参数说明", "请求参数".
        let rest: String = c.chars().filter(|ch| !ch.is_ascii()).collect();
        return ["字段数据结构说明", "数据结构说明", "参数说明", "请求参数", "响应参数", "说明", "字段说明"].contains(&rest.as_str());
    }
    let words: Vec<&str> = c.split(|ch: char| ch.is_whitespace() || ch == ':').filter(|w| !w.is_empty()).collect();
    let mut unknown = 0;
    for (i, w) in words.iter().enumerate() {
        let lw = w.trim_matches(|ch: char| !ch.is_ascii_alphanumeric()).to_ascii_lowercase();
        if CAPTION_WORDS.contains(&lw.as_str())
            || (i == 1 && words[0].eq_ignore_ascii_case("table") && lw.chars().all(|ch| ch.is_ascii_digit()))
        {
            continue;
        }
        unknown += 1;
    }
    // At most one word that is not a caption word: the field's name.
    unknown <= 1 && words.len() > unknown
}

/// A type name from a table caption: the field part of "`datastore` field data structure
/// description" / "Description of the `instance` field" / "`instance` description", else the
/// caption's first words. `None` when the caption says nothing usable ("Parameter description").
pub fn type_name_from_caption(caption: &str) -> Option<String> {
    let c = caption.trim().trim_end_matches('.');
    let lower = c.to_ascii_lowercase();
    let generic = ["parameter description", "parameters", "request parameters", "response parameters", "description", ""];
    if generic.contains(&lower.as_str()) || lower.starts_with("parameter description") {
        return None;
    }
    for suffix in [
        " field data structure description",
        " field data structure",
        " data structure description",
        " data structure",
        " field description",
        " structure description",
        " description",
        " field",
        " fields",
        " object",
    ] {
        if let Some(head) = lower.strip_suffix(suffix) {
            let name = &c[..head.len()];
            if let Some(n) = camel_from_words(name) {
                return Some(n);
            }
        }
    }
    for prefix in ["description of the ", "description of ", "structure of the ", "data structure of "] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let name = &c[prefix.len()..prefix.len() + rest.len()];
            let name = name.trim_end_matches(" field").trim_end_matches(" parameter");
            if let Some(n) = camel_from_words(name) {
                return Some(n);
            }
        }
    }
    // A caption that is one identifier-like word ("auth.identity", "instances").
    if !c.contains(' ') {
        let last = c.rsplit('.').next().unwrap_or(c);
        return camel_from_words(last);
    }
    None
}

/// `backup_strategy` / `backupStrategy` / `charge info` → `BackupStrategy` / `ChargeInfo`.
pub fn camel_from_words(s: &str) -> Option<String> {
    // Only the leading ASCII words: "disk字段数据结构说明" (a Chinese caption) → "disk".
    let end = s.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.'))).unwrap_or(s.len());
    let s = s[..end].trim().trim_matches(|c: char| !c.is_alphanumeric());
    if s.is_empty() || s.split_whitespace().count() > 4 {
        return None;
    }
    let name = s.to_snake_case().to_upper_camel_case();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        None
    } else {
        Some(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(title: &str, method: &str) -> String {
        operation_name(title, method).map(|n| n.base).unwrap_or_default()
    }

    #[test]
    fn verbs_first_and_short() {
        assert_eq!(id("Querying DB Instances", "GET"), "list_instances");
        assert_eq!(id("Querying an Automated Backup Policy", "GET"), "show_automated_backup_policy");
        assert_eq!(id("Obtaining the Audit Log List", "GET"), "list_audit_logs");
        assert_eq!(id("Obtaining a Parameter Template List", "GET"), "list_parameter_templates");
        assert_eq!(id("Obtaining Information About a Task with a Specified ID", "GET"), "show_task");
        assert_eq!(id("Querying the Number of Connections to an Instance Node", "GET"), "show_number_of_connections");
        assert_eq!(id("Querying Resources by Tag", "POST"), "list_resources");
        assert_eq!(id("Showing Original Logs", "PUT"), "show_original_logs");
        assert_eq!(id("Modifying a DB Instance Name", "PUT"), "update_instance_name");
        assert_eq!(id("Configuring the Maintenance Window", "PUT"), "set_maintenance_window");
        assert_eq!(id("Replicating a Parameter Template", "POST"), "copy_parameter_template");
        assert_eq!(id("Adding or Deleting Resource Tags in Batches", "POST"), "batch_update_resource_tags");
        assert_eq!(id("Deleting Manual Backups in Batches (RDS for SQL Server)", "POST"), "batch_delete_manual_backups");
        assert_eq!(id("Enabling or Disabling SSL", "POST"), "switch_ssl");
        assert_eq!(
            id("Enabling or Disabling SQL Throttling Rule or Disabling All SQL Throttling Rules", "PUT"),
            "switch_sql_throttling_rule"
        );
        assert_eq!(id("Manually Switching Primary/Standby Instances", "POST"), "switch_primary_standby_instances");
        assert_eq!(id("Restoring Data to a New DB Instance", "POST"), "restore_to_new_instance");
        assert_eq!(id("Obtaining Links for Downloading Slow Query Logs", "POST"), "list_slow_query_log_download_links");
        assert_eq!(id("Obtaining the Link for Downloading a Backup File", "GET"), "show_backup_file_download_link");
        // The engine stays aside; the page title stays in the docs.
        let n =
            operation_name("Obtaining Task Information of a Specified DB Instance in a Specified Time Range (RDS for SQL Server)", "GET")
                .unwrap();
        assert_eq!(n.base, "show_task");
        assert_eq!(n.qualifier, ["of", "instance", "in", "time", "range"]);
        assert_eq!(n.aside.as_deref(), Some("sql_server"));
        // Longer than 40: the object's first modifiers go, never its head noun.
        assert_eq!(
            id("Querying the Major Version Check Status or Upgrade Status of a DB Instance", "GET"),
            "show_check_status_or_upgrade_status"
        );
        assert_eq!(id("快速入门", "GET"), "");
    }

    fn candidate(module: &str, title: &str, path: &str) -> Candidate {
        Candidate {
            module: module.to_owned(),
            method: "GET".to_owned(),
            path: path.to_owned(),
            name: operation_name(title, "GET").unwrap(),
            legacy: false,
            pinned: None,
        }
    }

    #[test]
    fn collisions_are_told_apart() {
        let c = [
            candidate("rds/v3", "Obtaining Information About a Task with a Specified ID", "/v3/{project_id}/jobs"),
            candidate(
                "rds/v3",
                "Obtaining Task Information of a Specified DB Instance in a Specified Time Range (RDS for SQL Server)",
                "/v3/{project_id}/tasklist/detail",
            ),
            candidate("rds/v3", "Querying DB Instances", "/v3/{project_id}/instances"),
            candidate("rds/v3", "Querying DB Instances in the Recycle Bin", "/v3/{project_id}/recycle-instances"),
            candidate("dds/v3", "Querying DB Instances", "/v3/{project_id}/instances"),
        ];
        assert_eq!(
            settle(&c),
            [
                "show_task_with_id",
                "show_task_of_instance_in_time_range",
                "list_instances",
                "list_instances_in_recycle_bin",
                "list_instances"
            ]
        );
        // Same words: the engine, then `_legacy` for the older API folder.
        let mut same =
            [candidate("rds/v3", "Querying Backups (MySQL)", "/v3/a"), candidate("rds/v3", "Querying Backups (PostgreSQL)", "/v3/b")];
        assert_eq!(settle(&same), ["list_backups_mysql", "list_backups_postgresql"]);
        same[0].name.aside = None;
        same[1].name.aside = None;
        same[1].legacy = true;
        assert_eq!(settle(&same), ["list_backups", "list_backups_legacy"]);
        // A committed name stays; the newcomer moves.
        let mut pinned = [candidate("rds/v3", "Listing Servers", "/v3/a"), candidate("rds/v3", "Querying DB Instances", "/v3/b")];
        pinned[0].pinned = Some("list_instances".to_owned());
        assert_eq!(settle(&pinned), ["list_instances", "list_instances_b"]);
        // A seed page of the same call (same method, path and words) is the same operation.
        let seed = [candidate("rds/v3", "Querying DB Instances", "/v3/i"), candidate("rds/v3", "Querying DB Instances", "/v3/i")];
        assert_eq!(settle(&seed), ["list_instances", "list_instances"]);
    }

    #[test]
    fn singulars() {
        for (plural, one) in [
            ("instances", "instance"),
            ("tags", "tag"),
            ("links", "link"),
            ("policies", "policy"),
            ("addresses", "address"),
            ("statuses", "status"),
            ("status", "status"),
            ("data", "data"),
            ("metadata", "metadata"),
            ("series", "series"),
            ("access", "access"),
            ("switches", "switch"),
            ("databases", "database"),
            ("read_replicas", "read_replica"),
        ] {
            assert_eq!(singular(plural), one, "{plural}");
        }
        assert_eq!(singular_type("Tags"), "Tag");
        assert_eq!(singular_type("ReadReplicas"), "ReadReplica");
        assert_eq!(singular_type("NodeStatus"), "NodeStatus");
        assert_eq!(singular_type("Metadata"), "Metadata");
        assert_eq!(singular_type("IpAddresses"), "IpAddress");
        assert_eq!(plural("policy"), "policies");
        assert_eq!(plural("log"), "logs");
    }

    #[test]
    fn bare_captions() {
        assert!(is_bare_caption("ha field data structure description"));
        assert!(is_bare_caption("Parameter description"));
        assert!(is_bare_caption("Response parameters"));
        assert!(is_bare_caption("Table 3"));
        assert!(is_bare_caption("ha字段数据结构说明"));
        assert!(!is_bare_caption("Parameter description (creating a read replica)"));
        assert!(!is_bare_caption("Backup policy of the instance"));
    }

    #[test]
    fn operation_ids() {
        assert_eq!(operation_id("Creating a DB Instance"), "create_instance");
        assert_eq!(operation_id("Restoring Data to a New DB Instance"), "restore_to_new_instance");
        assert_eq!(operation_id("Querying DB Instances"), "query_instances");
        assert_eq!(
            operation_id("Obtaining a User Token Through Password Authentication"),
            "obtain_user_token_through_password_authentication"
        );
        assert_eq!(operation_id("Stopping an Instance"), "stop_instance");
        assert_eq!(operation_id("Deleting a Manual Backup"), "delete_manual_backup");
    }

    #[test]
    fn type_names() {
        assert_eq!(type_name_from_caption("datastore field data structure description").as_deref(), Some("Datastore"));
        assert_eq!(type_name_from_caption("backupStrategy field data structure description").as_deref(), Some("BackupStrategy"));
        assert_eq!(type_name_from_caption("instance description").as_deref(), Some("Instance"));
        assert_eq!(type_name_from_caption("Parameter description"), None);
        assert_eq!(type_name_from_caption("auth.identity").as_deref(), Some("Identity"));
        assert_eq!(camel_from_words("disk字段数据结构说明").as_deref(), Some("Disk"));
        assert_eq!(camel_from_words("路径参数"), None);
    }
}

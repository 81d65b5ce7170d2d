//! The readers on the real pages: every `.rst` page of `../shared/corpus/otc` (no panic, counts
//! printed, read errors listed with page:line) and the five seed pages of `../shared/seeds`
//! (concrete facts asserted). When a folder is absent the test says so and is skipped locally; in
//! CI (`CI=true`) it fails (`common::shared`).
//!
//! The outline of one page (a debugging aid) is a command: `cargo run -- outline PAGE`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use sdkgen::document::{Block, Document, Format};
use sdkgen::read::read_page;

fn shared(dir: &str) -> PathBuf {
    common::repo().join("../shared").join(dir)
}

fn rst_pages(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rst_pages(&p, out);
        } else if p.extension().is_some_and(|e| e == "rst") {
            out.push(p);
        }
    }
}

#[test]
fn corpus_pages_read() {
    let Some(root) = common::shared("corpus/otc") else { return };
    let mut pages = Vec::new();
    rst_pages(&root, &mut pages);
    let texts: Vec<(String, String)> = pages
        .iter()
        .map(|p| {
            let name = p.strip_prefix(&root).unwrap_or(p).display().to_string();
            (name, fs::read_to_string(p).unwrap())
        })
        .collect();
    let started = Instant::now();
    let results: Vec<_> = texts.iter().map(|(name, text)| (name, read_page(name, text))).collect();
    let elapsed = started.elapsed();
    if std::env::var_os("READ_PROFILE").is_some() {
        let mut times: Vec<_> = texts
            .iter()
            .map(|(name, text)| {
                let t = Instant::now();
                let _ = read_page(name, text);
                (t.elapsed(), name, text.len())
            })
            .collect();
        times.sort();
        for (t, name, len) in times.iter().rev().take(8) {
            println!("slowest: {t:?} {name} ({len} bytes)");
        }
    }
    let (mut tables, mut rows, mut code, mut warnings, mut numbered, mut labelled, mut ragged) = (0, 0, 0, 0, 0, 0, 0);
    let (mut resolved, mut mismatched, mut unresolved) = (0, 0, 0);
    let mut errors = Vec::new();
    for (name, result) in &results {
        match result {
            Ok(doc) => {
                assert_eq!(doc.format, Format::Rst, "{name}");
                for t in doc.tables() {
                    tables += 1;
                    rows += t.rows.len();
                    numbered += usize::from(t.number.is_some());
                    labelled += usize::from(t.label.is_some());
                    // oddities worth a look: no header, no rows, rows not as wide as the header
                    if t.header.is_empty() || t.rows.is_empty() {
                        println!("odd table {name}:{}: {} header cells, {} rows", t.line, t.header.len(), t.rows.len());
                    }
                    for r in &t.rows {
                        let width: u32 = r.cells.iter().map(|c| c.col_span).sum();
                        if width as usize != t.header.len() && !t.header.is_empty() {
                            ragged += 1;
                            println!("ragged row {name}:{}: {width} cells, header {}", r.line, t.header.len());
                        }
                    }
                }
                code += doc.code_blocks().count();
                // a `:ref:` to "Table N" by label: the labelled table on this page has number N
                for t in doc.tables() {
                    for link in t.rows.iter().flat_map(|r| r.cells.iter()).flat_map(|c| c.links.iter()) {
                        let (Some(n), Some(label)) = (link.table_number, link.target_label.as_deref()) else {
                            continue;
                        };
                        match doc.table_by_label(label) {
                            Some(target) if target.number == Some(n) => resolved += 1,
                            Some(target) => {
                                mismatched += 1;
                                println!("mismatch {name}:{}: `{}` → table {:?}", t.line, link.text, target.number);
                            }
                            None => {
                                unresolved += 1;
                                println!("unresolved {name}:{}: `{}` → {label}", t.line, link.text);
                            }
                        }
                    }
                }
                warnings += doc.warnings.len();
                for w in &doc.warnings {
                    println!("warning {name}:{}: {}", w.line, w.message);
                }
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    for e in &errors {
        println!("read error {e}");
    }
    println!(
        "corpus: {} pages, {tables} tables ({numbered} numbered, {labelled} labelled), {rows} rows, {code} code blocks, \
         {warnings} warnings, {ragged} rows narrower or wider than their header, {} read errors, read in {elapsed:?}",
        results.len(),
        errors.len()
    );
    println!("table links in cells: {resolved} resolve to the table of that number, {mismatched} to another, {unresolved} to no table of the page");
    assert!(results.len() >= 370, "expected the whole corpus, found {} pages", results.len());
    assert!(tables > 900, "tables: {tables}");
}

fn seed(prefix: &str) -> Option<Document> {
    let dir = shared("seeds");
    let entries = fs::read_dir(&dir).ok()?;
    let path = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))?;
    let text = fs::read_to_string(&path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    Some(read_page(&name, &text).unwrap_or_else(|e| panic!("{e}")))
}

fn first_cells(doc: &Document, number: u32) -> Vec<String> {
    let table = doc.table(number).unwrap_or_else(|| panic!("no Table {number}"));
    table.rows.iter().map(|r| r.text(0).to_string()).collect()
}

#[test]
fn seeds_read() {
    if common::shared("seeds").is_none() {
        return;
    }
    // 000–002: Markdown in .txt files
    for prefix in ["000_", "001_", "002_"] {
        let doc = seed(prefix).unwrap();
        assert_eq!(doc.format, Format::Markdown, "seed {prefix}");
    }
    let s000 = seed("000_").unwrap();
    assert_eq!(s000.title, "调用样例");
    let Some(Block::Heading(h)) = s000.blocks.first() else { panic!("seed 000 starts with its title") };
    assert_eq!(h.label.as_deref(), Some("zh-cn_topic_0032347799"));
    let codes: Vec<_> = s000.code_blocks().collect();
    assert_eq!(codes.len(), 2);
    assert!(codes[0].text.starts_with("curl -X POST $SERVER_URL/v1/{project_id}/instances"));
    assert!(codes[1].text.starts_with('{'));
    assert!(s000.blocks.iter().any(|b| matches!(b, Block::Note(n) if n.kind == "note" && n.text.contains("availabilityZone"))));

    let s001 = seed("001_").unwrap();
    assert_eq!(s001.code_blocks().count(), 4);

    let s002 = seed("002_").unwrap();
    let codes: Vec<_> = s002.code_blocks().collect();
    assert_eq!(codes.len(), 2, "seed 002 has 2 JSON code blocks");
    assert!(codes.iter().all(|c| c.text.starts_with('{') && c.text.ends_with('}')));
    assert!(codes[0].text.contains("\"name\": \"test-cluster\", //实例名称"));
    // Markdown escapes resolved, emphasis dropped
    let step2 = s002
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::List(l) => l.items.iter().find(|i| i.text.contains("/v3/")).map(|i| i.text.clone()),
            _ => None,
        })
        .unwrap();
    assert!(step2.contains("https://DDS的Endpoint/v3/{project_id}/instances"), "{step2}");
    let headings: Vec<_> = s002
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some((h.level, h.text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(headings, vec![(1, "快速入门"), (2, "涉及API"), (2, "具体步骤")]);

    // 003: reStructuredText in a .txt file
    let s003 = seed("003_").unwrap();
    assert_eq!(s003.format, Format::Rst);
    assert_eq!(s003.title, "Restoring Data to a New DB Instance");
    let numbers: Vec<_> = s003.tables().map(|t| t.number).collect();
    assert_eq!(numbers, (1..=12).map(Some).collect::<Vec<_>>());
    assert_eq!(first_cells(&s003, 5), ["instance_id", "backup_id", "type", "restore_time"]);
    let t5 = s003.table(5).unwrap();
    assert_eq!(t5.caption, "restore_point field data structure description");
    assert_eq!(t5.label.as_deref(), Some("en-us_topic_0000001917130460__request_restorepoint"));
    assert_eq!(t5.header, ["Parameter", "Mandatory", "Type", "Description"]);
    assert!(t5.rows[2].cells[3].text.contains("- **backup**: indicates data is restored using backups."));
    let t2 = s003.table(2).unwrap();
    assert_eq!(t2.label, None);
    let volume = t2.rows.iter().find(|r| r.text(0) == "volume").unwrap();
    let link = &volume.cells[3].links[0];
    assert_eq!((link.table_number, link.target_label.as_deref()), (Some(3), Some("en-us_topic_0000001917130460__request_opengaussvolume")));
    assert_eq!(s003.table_by_label(link.target_label.as_deref().unwrap()).and_then(|t| t.number), Some(3));
    let password = t2.rows.iter().find(|r| r.text(0) == "password").unwrap();
    assert!(password.cells[3].text.contains("special characters `~!@#%^*-_=+?,`."));
    let switch = t2.rows.iter().find(|r| r.text(0) == "enable_force_switch").unwrap();
    assert!(switch.cells[3].text.contains("Note:\n\nThe function is suitable"), "{}", switch.cells[3].text);
    let t12 = s003.table(12).unwrap(); // a simple table
    assert_eq!(t12.header, ["Parameter", "Type", "Description"]);
    assert_eq!(first_cells(&s003, 12), ["charge_mode"]);
    assert_eq!(t12.rows[0].cells[2].text, "Billing mode. **postPaid**: pay-per-use billing.");
    assert_eq!(s003.code_blocks().count(), 4);
    assert_eq!(first_cells(&s003, 7).len(), 17);

    // 004: a plain-text rendering
    let s004 = seed("004_").unwrap();
    assert_eq!(s004.format, Format::Text);
    assert_eq!(s004.title, "Creating a DB Instance");
    let numbers: Vec<_> = s004.tables().map(|t| t.number).collect();
    assert_eq!(numbers, (1..=16).map(Some).collect::<Vec<_>>());
    assert_eq!(
        first_cells(&s004, 2),
        [
            "name",
            "datastore",
            "ha",
            "configuration_id",
            "port",
            "password",
            "backup_strategy",
            "disk_encryption_id",
            "flavor_ref",
            "volume",
            "region",
            "availability_zone",
            "vpc_id",
            "subnet_id",
            "data_vip",
            "security_group_id",
            "charge_info",
            "unchangeable_param",
            "collation"
        ]
    );
    let t2 = s004.table(2).unwrap();
    assert_eq!(t2.header, ["Name", "Mandatory", "Type", "Description"]);
    assert_eq!(t2.caption, "Parameter description (creating single and primary/standby DB instances)");
    let port = &t2.rows[4];
    assert_eq!((port.text(1), port.text(2)), ("No", "String"));
    assert!(port.text(3).starts_with("Specifies the database port information.\n\n- The MySQL database port"));
    assert!(port.text(3).ends_with("- For Microsoft SQL Server, the default value is 1433."));
    let datastore = &t2.rows[1];
    assert_eq!(datastore.cells[3].links[0].table_number, Some(4));
    let config = &t2.rows[3];
    assert_eq!(config.cells[3].links[0].in_section.as_deref(), Some("Obtaining a Parameter Template List"));
    assert_eq!(first_cells(&s004, 9), ["lower_case_table_names"]);
    let t9 = s004.table(9).unwrap();
    assert!(t9.rows[0].text(3).ends_with("Otherwise, the restoration may fail."), "{}", t9.rows[0].text(3));
    assert_eq!(first_cells(&s004, 5), ["mode", "replication_mode"]);
    assert!(s004.table(5).unwrap().rows[1].text(3).contains("Note:\n\n- async indicates"));
    assert_eq!(first_cells(&s004, 11).len(), 18);
    assert_eq!(s004.table(11).unwrap().header, ["Name", "Type", "Description"]);
    assert_eq!(s004.table(1).unwrap().header, ["Name", "Mandatory", "Description"]);
    assert_eq!(first_cells(&s004, 16), ["charge_mode"]);
    assert_eq!(s004.code_blocks().count(), 6);
    assert!(s004.code_blocks().all(|c| c.text.starts_with('{') && c.text.ends_with('}')));
}

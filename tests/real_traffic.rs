//! Real traffic never breaks the SDK: bodies as the cloud sends them (written for these tests in
//! `tests/fixtures/real_traffic/`, shaped like bodies other projects capture from the live
//! service) read into the generated types, with every lenient rule, and come back from a round
//! trip without losing a field. Requests stay strict.

use std::path::Path;

use otc_db_sdk::iam::v3::show_user_token as token;
use otc_db_sdk::iam::v3::verify_token_and_return_valid_token::VerifyTokenAndReturnValidTokenResponse;
use otc_db_sdk::rds::v3::list_backups::{BackupStatus, ListBackupsResponse};
use otc_db_sdk::rds::v3::list_instances::ListInstancesResponse;
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real_traffic").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn value(text: &str) -> Value {
    serde_json::from_str(text).expect("fixtures are JSON")
}

/// A body whose documented fields have their documented types comes back as the same JSON,
/// undocumented fields included (`null`s of documented fields are absent, as documented).
#[test]
fn unknown_fields_are_kept_exposed_and_written_back() {
    let text = fixture("rds_v3_query_instances.json");
    let list: ListInstancesResponse = serde_json::from_str(&text).unwrap();
    assert_eq!(list.other.get("request_uuid"), Some(&json!("4c1e47d5-8e2d-4fd1-a6a8-2d7d7f0e9c11")));
    let instance = &list.instances.as_ref().unwrap()[0];
    let volume = instance.volume.as_ref().unwrap();
    assert_eq!(volume.other.get("used"), Some(&json!(12.4)));
    assert_eq!(instance.other.get("cpu_type"), Some(&json!("x86")));
    // An undocumented field that is `null` is kept as `null`: it is not ours to drop.
    assert_eq!(instance.other.get("expiration_time"), Some(&Value::Null));
    let node = &instance.nodes.as_ref().unwrap()[0];
    assert_eq!((node.role.as_ref().map(|r| r.as_str()), node.other.is_empty()), (Some("master"), true));

    let mut expected = value(&text);
    // `alias` is documented: its `null` reads as absent, and absent is not written.
    expected["instances"][0].as_object_mut().unwrap().remove("alias");
    assert_eq!(serde_json::to_value(&list).unwrap(), expected);

    // Read-modify-write keeps what the page does not know.
    let text = fixture("rds_v3_backups.json");
    let mut backups: ListBackupsResponse = serde_json::from_str(&text).unwrap();
    let backup = &mut backups.backups.as_mut().unwrap()[0];
    assert_eq!(backup.other.get("description"), Some(&json!("taken by the nightly job")));
    assert_eq!(backup.status, Some(BackupStatus::Completed));
    backup.name = Some("renamed".to_owned());
    let mut expected = value(&text);
    expected["backups"][0]["name"] = json!("renamed");
    assert_eq!(serde_json::to_value(&backups).unwrap(), expected);
}

/// Every lossless encoding of a documented type reads, and is written as the documented type.
#[test]
fn every_lossless_encoding_reads_and_writes_the_documented_type() {
    let list: ListInstancesResponse = serde_json::from_str(&fixture("rds_v3_query_instances_loose.json")).unwrap();
    assert_eq!(list.total_count, Some(1), "integer from a numeric string");
    // One object where a list is documented: a one-element list.
    let instances = list.instances.as_ref().unwrap();
    assert_eq!(instances.len(), 1);
    let instance = &instances[0];
    assert_eq!(instance.port, Some(3306), "integer from a numeric string");
    assert_eq!(instance.enable_ssl, Some(false), "boolean from \"false\"");
    assert_eq!(instance.read_only_by_user, Some(true), "boolean from \"TRUE\"");
    assert_eq!(instance.cpu.as_deref(), Some("2"), "string from a number");
    assert_eq!(instance.private_ips.as_deref(), Some(&["192.168.0.142".to_owned()][..]), "one string as a list");
    assert_eq!(instance.storage_used_space, Some(12.4), "number from a numeric string");
    assert_eq!(instance.max_iops, Some(5000), "long from a numeric string");
    assert_eq!(instance.datastore.as_ref().unwrap().version.as_deref(), Some("8.0"), "string from a float");
    assert_eq!(instance.volume.as_ref().unwrap().size, Some(100));
    assert_eq!(instance.backup_strategy.as_ref().unwrap().keep_days, Some(7), "integer from an integral float");
    assert_eq!(instance.ha.as_ref().unwrap().replication_mode, None, "null is absent");
    let tags = instance.tags.as_ref().unwrap();
    assert_eq!((tags.len(), tags[0].key.as_deref()), (1, Some("env")), "one object as a list");

    let written = serde_json::to_value(&list).unwrap();
    assert_eq!(written["total_count"], json!(1));
    let w = &written["instances"][0];
    assert_eq!(w["port"], json!(3306));
    assert_eq!(w["enable_ssl"], json!(false));
    assert_eq!(w["cpu"], json!("2"));
    assert_eq!(w["private_ips"], json!(["192.168.0.142"]));
    assert_eq!(w["volume"], json!({"type": "ULTRAHIGH", "size": 100}));
    assert_eq!(w["tags"], json!([{"key": "env", "value": "prod"}]));
    assert_eq!(w["ha"], json!({}));
}

/// Conversions that would lose or invent information are not made, and are not errors either:
/// the value is kept as received, in the struct's `other` under the field's name (the field is
/// absent), and written back unchanged.
#[test]
fn lossy_encodings_are_kept_raw_and_written_back() {
    for (body, field, raw) in [
        (r#"{"total_count": 1.5}"#, "total_count", json!(1.5)),
        (r#"{"total_count": "many"}"#, "total_count", json!("many")),
        (r#"{"total_count": 99999999999}"#, "total_count", json!(99_999_999_999_i64)),
    ] {
        let list: ListInstancesResponse = serde_json::from_str(body).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!((list.total_count, list.other.get(field)), (None, Some(&raw)), "{body}");
        assert_eq!(serde_json::to_value(&list).unwrap(), value(body), "{body}");
    }
    let body = r#"{"instances": [{"name": {"a": 1}, "enable_ssl": "yes"}]}"#;
    let list: ListInstancesResponse = serde_json::from_str(body).unwrap();
    let instance = &list.instances.as_ref().unwrap()[0];
    assert_eq!((instance.name.as_deref(), instance.enable_ssl), (None, None));
    assert_eq!(instance.other.get("name"), Some(&json!({"a": 1})));
    assert_eq!(instance.other.get("enable_ssl"), Some(&json!("yes")));
    assert_eq!(serde_json::to_value(&list).unwrap(), value(body));
    // Not JSON is still an error.
    assert!(serde_json::from_str::<ListInstancesResponse>(r#"{"total_count": }"#).is_err());
}

/// Shapes the pages hide: a one-element list where an object is documented reads as the object
/// (written back as the documented object); a scalar, an empty or longer list where an object is
/// documented, and a list with an element that is not an object, are kept as received in the
/// parent's `other` under the field's name and written back unchanged.
#[test]
fn shape_mismatches_read_what_they_can_and_keep_the_rest() {
    let text = fixture("rds_v3_query_instances_shapes.json");
    let list: ListInstancesResponse = serde_json::from_str(&text).unwrap();
    let instance = &list.instances.as_ref().unwrap()[0];
    // A one-element list read as its object.
    let volume = instance.volume.as_ref().expect("the one-element list is the volume");
    assert_eq!((volume.r#type.as_deref(), volume.size), (Some("CLOUDSSD"), Some(40)));
    assert!(!instance.other.contains_key("volume"));
    // Kept raw, the typed field absent.
    assert_eq!((instance.datastore.as_ref(), instance.other.get("datastore")), (None, Some(&json!("MySQL 8.0"))));
    assert!(instance.backup_strategy.is_none());
    assert_eq!(instance.other.get("backup_strategy").and_then(Value::as_array).map(Vec::len), Some(2));
    assert_eq!((instance.charge_info.as_ref(), instance.other.get("charge_info")), (None, Some(&json!([]))));
    assert!(instance.tags.is_none());
    assert_eq!(instance.other.get("tags").and_then(|t| t.get(1)), Some(&json!("legacy")));
    assert_eq!((instance.port, instance.other.get("port")), (None, Some(&json!("n/a"))));
    assert_eq!((instance.enable_ssl, instance.other.get("enable_ssl")), (None, Some(&json!(1))));
    // Deeper: a nested struct keeps its own field raw.
    let ha = instance.ha.as_ref().unwrap();
    assert_eq!((ha.replication_mode.as_ref(), ha.other.get("replication_mode")), (None, Some(&json!({"sync": true}))));
    assert_eq!(ha.other.get("mode"), Some(&json!("Ha")));
    // What did read is typed as usual.
    assert_eq!(instance.nodes.as_ref().map(|n| n[0].availability_zone.as_deref()), Some(Some("eu-de-01")));
    assert_eq!(list.total_count, Some(1));

    // The round trip: the input, except that the one-element list is written as the documented object.
    let mut expected = value(&text);
    expected["instances"][0]["volume"] = json!({"type": "CLOUDSSD", "size": 40});
    assert_eq!(serde_json::to_value(&list).unwrap(), expected);
    // And what is written reads back to the same value.
    let again: ListInstancesResponse = serde_json::from_value(expected.clone()).unwrap();
    assert_eq!(again, list);
}

/// Requests users build stay strictly typed, and write the documented types: a value of another
/// shape in a request body is an error, never kept.
#[test]
fn requests_stay_strict_about_shapes() {
    let wrong_shape = r#"{"auth": {"identity": {"methods": ["password"], "password": {"user": "x"}}}}"#;
    assert!(serde_json::from_str::<token::ShowUserTokenRequest>(wrong_shape).is_err());
}

/// IAM's `catalog` is a list (it was read as one object), and the verify response round-trips.
#[test]
fn the_iam_catalog_is_a_list() {
    let text = fixture("iam_verify_token.json");
    let response: VerifyTokenAndReturnValidTokenResponse = serde_json::from_str(&text).unwrap();
    let token = response.token.as_ref().unwrap();
    let catalog = token.catalog.as_ref().unwrap();
    assert_eq!(catalog.iter().map(|c| c.name.as_deref().unwrap()).collect::<Vec<_>>(), ["iam", "rds"]);
    assert_eq!(token.user.as_ref().unwrap().other.get("pwd_status"), Some(&json!(true)));
    assert_eq!(serde_json::to_value(&response).unwrap(), value(&text));
}

/// IAM token requests: by user id, or by name + domain; scoped to a project or a domain, or
/// unscoped. Requests are still typed strictly: a wrong type is an error, not a conversion.
#[test]
fn iam_token_requests_in_every_form() {
    let identity = |user: token::User| {
        token::Identity::builder()
            .methods(vec!["password".to_owned()])
            .password(token::Password::builder().user(user).build().unwrap())
            .build()
            .unwrap()
    };
    let by_id = token::User::builder().id("00aa11bb22cc33dd44ee55ff66778899").password("secret").build().unwrap();
    let by_name = token::User::builder()
        .name("api-user")
        .domain(token::Domain::builder().name("OTC00000000001000000001").build().unwrap())
        .password("secret")
        .build()
        .unwrap();
    let project = token::Scope::builder().project(token::Project::builder().id("0123456789abcdef0123456789abcdef").build().unwrap());
    let domain = token::Scope::builder().domain(token::ScopeDomain::builder().name("OTC00000000001000000001").build().unwrap());

    let unscoped = token::Auth::builder().identity(identity(by_id.clone())).build().unwrap();
    assert_eq!(
        serde_json::to_value(&unscoped).unwrap(),
        json!({"identity": {"methods": ["password"], "password": {"user": {"password": "secret", "id": "00aa11bb22cc33dd44ee55ff66778899"}}}})
    );
    let scoped = token::Auth::builder().identity(identity(by_name)).scope(project.build().unwrap()).build().unwrap();
    let scoped = serde_json::to_value(&scoped).unwrap();
    assert_eq!(scoped["identity"]["password"]["user"]["domain"], json!({"name": "OTC00000000001000000001"}));
    assert_eq!(scoped["scope"], json!({"project": {"id": "0123456789abcdef0123456789abcdef"}}));
    let global = token::Auth::builder().identity(identity(by_id)).scope(domain.build().unwrap()).build().unwrap();
    assert_eq!(serde_json::to_value(&global).unwrap()["scope"], json!({"domain": {"name": "OTC00000000001000000001"}}));

    // Request types are not lenient: `methods` must be a list of strings.
    let strict = r#"{"auth": {"identity": {"methods": "password", "password": {"user": {"id": "x", "password": "p"}}}}}"#;
    assert!(serde_json::from_str::<token::ShowUserTokenRequest>(strict).is_err());
}

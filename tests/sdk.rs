//! The generated SDK on the seed operations: builders, errors, secrets, enums, `accepts`, `one_of`,
//! envelopes, operations.

use otc_db_sdk::rds::v3::create_instance::*;
use otc_db_sdk::{Method, Operation, Rule, Validate};

fn volume() -> Volume {
    Volume::builder().r#type(VolumeType::Cloudssd).size(100).build().expect("valid volume")
}

fn datastore() -> Datastore {
    Datastore::builder().r#type(DatastoreType::MySql).version("8.0").build().expect("valid datastore")
}

fn single() -> CreateDbInstanceBuilder {
    CreateDbInstance::builder()
        .name("rds-instance-1")
        .datastore(datastore())
        .flavor_ref("rds.mysql.s1.large")
        .volume(volume())
        .region("eu-de")
        .availability_zone("eu-de-01")
        .vpc_id("vpc")
        .subnet_id("subnet")
        .security_group_id("sg")
        .password("Test@12345678")
}

#[test]
fn build_lists_every_missing_required_field_at_once() {
    let err = CreateDbInstance::builder().port("8635").build().unwrap_err();
    let missing: Vec<&str> = err.missing().collect();
    assert_eq!(
        missing,
        [
            "name",
            "datastore",
            "password",
            "flavor_ref",
            "volume",
            "region",
            "availability_zone",
            "vpc_id",
            "subnet_id",
            "security_group_id"
        ]
    );
    assert_eq!(err.type_name, "CreateDbInstance");
    assert!(err.to_string().starts_with("invalid CreateDbInstance: 10 problems: `name` is required but not set;"), "{err}");
}

#[test]
fn build_lists_every_constraint_violation_at_once_with_field_paths() {
    // Nested values changed after building (or deserialized) are checked by the outer build.
    let mut bad_volume = volume();
    bad_volume.size = 45;
    let mut backup = BackupStrategy::builder().start_time("08:15-09:15").keep_days(7).build().unwrap();
    backup.keep_days = Some(800);
    let err = single().name("9x").password("short").volume(bad_volume).backup_strategy(backup).build().unwrap_err();
    let found: Vec<(&str, &Rule)> = err.problems.iter().map(|p| (p.path.as_str(), &p.rule)).collect();
    assert_eq!(found.len(), 5, "{err}");
    assert_eq!(found[0], ("name", &Rule::MinLength { min: 4, actual: 2 }));
    assert!(matches!(found[1], ("name", Rule::Pattern { .. })));
    assert_eq!(found[2], ("password", &Rule::MinLength { min: 8, actual: 5 }));
    assert_eq!(found[3], ("backup_strategy.keep_days", &Rule::Maximum { maximum: "732".into(), actual: "800".into() }));
    assert_eq!(found[4], ("volume.size", &Rule::MultipleOf { multiple_of: "10".into(), actual: "45".into() }));
}

#[test]
fn nested_builders_check_their_own_constraints() {
    let err = Volume::builder().r#type(VolumeType::Essd).size(5000).build().unwrap_err();
    assert_eq!(err.problems.len(), 1);
    assert_eq!(err.problems[0].path, "size");
    assert!(matches!(err.problems[0].rule, Rule::Maximum { .. }));
}

#[test]
fn password_never_in_debug_nor_in_build_error() {
    let secret = "Sup3r$ecretPw";
    let value = single().password(secret).build().unwrap();
    assert!(!format!("{value:?}").contains(secret));
    assert!(format!("{value:?}").contains("** redacted **"));
    assert!(!format!("{:?}", single().password(secret)).contains(secret));
    let err = single().password("Pw$1").name("x").build().unwrap_err();
    assert!(!format!("{err:?} {err}").contains("Pw$1"));
    // It is sent all the same.
    assert_eq!(serde_json::to_value(&value).unwrap()["password"], secret);
}

#[test]
fn unknown_enum_values_round_trip_and_fail_validation() {
    let json = serde_json::json!({"type": "ULTRAHIGH", "size": 100});
    let v: Volume = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(v.r#type.as_str(), "ULTRAHIGH");
    assert!(!v.r#type.is_known());
    assert_eq!(serde_json::to_value(&v).unwrap(), json);
    let err = v.validate().unwrap_err();
    assert_eq!(err.problems[0].path, "type");
    assert!(matches!(&err.problems[0].rule, Rule::UnknownValue { value, known } if value == "ULTRAHIGH" && known == &["CLOUDSSD", "ESSD"]));
    // Responses just deserialize.
    let r: VolumeResponse = serde_json::from_str(r#"{"type": "ULTRAHIGH", "size": 7}"#).unwrap();
    assert_eq!(r.r#type.map(|t| t.to_string()), Some("ULTRAHIGH".to_owned()));
}

#[test]
fn case_insensitive_enum_parses_any_case_and_sends_the_documented_spelling() {
    for s in ["ha", "HA", "Ha", "hA"] {
        assert_eq!(HaMode::from(s), HaMode::Ha, "{s}");
    }
    let ha: Ha = serde_json::from_str(r#"{"mode": "ha", "replication_mode": "semisync"}"#).unwrap();
    assert_eq!(ha.mode, HaMode::Ha);
    assert_eq!(serde_json::to_value(&ha).unwrap()["mode"], "Ha");
    // A case-sensitive set keeps other spellings as unknown.
    assert!(!VolumeType::from("cloudssd").is_known());
    assert_eq!("CLOUDSSD".parse::<VolumeType>().unwrap(), VolumeType::Cloudssd);
    assert_eq!(VolumeType::KNOWN, ["CLOUDSSD", "ESSD"]);
}

#[test]
fn accepts_reads_the_other_wire_type_and_sends_the_documented_one() {
    let mut json = serde_json::to_value(single().build().unwrap()).unwrap();
    json["port"] = serde_json::json!(8635);
    let v: CreateDbInstance = serde_json::from_value(json).unwrap();
    assert_eq!(v.port.as_deref(), Some("8635"));
    assert_eq!(serde_json::to_value(&v).unwrap()["port"], "8635");
}

#[test]
fn one_of_request_serializes_as_the_body_and_deserializes_by_shape() {
    let replica = CreateReadReplica::builder()
        .name("replica-1")
        .replica_of_id("abc")
        .flavor_ref("rds.mysql.s1.large.rr")
        .volume(volume())
        .availability_zone("eu-de-01")
        .build()
        .unwrap();
    let request = CreateInstanceRequest::from(replica.clone());
    let json = serde_json::to_value(&request).unwrap();
    assert_eq!(json["replica_of_id"], "abc");
    assert!(json.get("CreateReadReplica").is_none());
    let back: CreateInstanceRequest = serde_json::from_value(json).unwrap();
    assert_eq!(back, CreateInstanceRequest::CreateReadReplica(replica));
    let single: CreateInstanceRequest = serde_json::from_value(serde_json::to_value(single().build().unwrap()).unwrap()).unwrap();
    assert!(matches!(single, CreateInstanceRequest::CreateDbInstance(_)));
    assert!(serde_json::from_str::<CreateInstanceRequest>(r#"{"name": "only"}"#).is_err());
}

#[test]
fn v1_request_envelope_and_camel_case_wire_names() {
    use otc_db_sdk::rds::v1::create_instance as v1;
    let replica = v1::CreateReadReplica::builder().name("replica").flavor_ref("f").replica_of("id").build().unwrap();
    let req = v1::CreateInstanceRequest::builder().instance(replica).build().unwrap();
    assert_eq!(
        serde_json::to_value(&req).unwrap(),
        serde_json::json!({"instance": {"name": "replica", "flavorRef": "f", "replicaOf": "id"}})
    );
}

#[test]
fn list_response_takes_one_object_where_a_list_is_documented() {
    use otc_db_sdk::rds::v1::list_instances::*;
    let r: ListInstancesResponse = serde_json::from_str(r#"{"instances": {"id": "a", "name": "n"}}"#).unwrap();
    assert_eq!(r.instances.as_ref().map(Vec::len), Some(1));
    let r: ListInstancesResponse = serde_json::from_str(r#"{"instances": [{"id": "a"}, {"id": "b"}]}"#).unwrap();
    assert_eq!(r.instances.map(|v| v.len()), Some(2));
    assert_eq!(ListInstances::METHOD, Method::Get);
    let has_body = ListInstances::HAS_REQUEST_BODY;
    assert!(!has_body);
}

#[test]
fn operations_know_method_path_status_and_fill_the_path() {
    assert_eq!(CreateInstance::METHOD, Method::Post);
    assert_eq!(CreateInstance::PATH, "/v3/{project_id}/instances");
    assert_eq!(CreateInstance::SUCCESS_STATUS, 202);
    assert_eq!(CreateInstance::path("p/1 x", &Default::default()), "/v3/p%2F1%20x/instances");
    use otc_db_sdk::gaussdb::v3::restore_to_new_instance::RestoreToNewInstance;
    assert_eq!(RestoreToNewInstance::SUCCESS_STATUS, 202);
    assert!(CreateInstance::HEADERS.iter().any(|h| h.name == "X-Auth-Token" && h.sensitive));
}

#[test]
fn query_and_path_parameters_check_their_documented_values() {
    use otc_db_sdk::rds::v3::list_instances::{ListInstancesQuery, ListInstancesType};
    use otc_db_sdk::taurusdb::root::show_api_version::ShowApiVersionPathParams;
    use otc_db_sdk::taurusdb::v3::list_backups::ListBackupsQuery;

    // A range of an integer query parameter ("The minimum value is 1 and the maximum value is 100").
    assert!(ListInstancesQuery::default().limit(100).r#type(ListInstancesType::Ha).validate().is_ok());
    let err = ListInstancesQuery::default().limit(0).validate().expect_err("limit 0 is below 1");
    assert_eq!(err.type_name, "ListInstancesQuery");
    assert_eq!(err.problems[0].path, "limit");
    assert_eq!(err.problems[0].rule, Rule::Minimum { minimum: "1".into(), actual: "0".into() });
    // A closed set: an undocumented value is reported.
    let err = ListInstancesQuery::default().r#type(ListInstancesType::from("Cluster")).validate().expect_err("not a documented type");
    assert_eq!(err.problems[0].path, "type");
    assert!(matches!(err.problems[0].rule, Rule::UnknownValue { .. }), "{err}");
    // A string that holds a number keeps its documented range; text that is no number is refused.
    assert!(ListBackupsQuery::default().limit("100").offset("0").validate().is_ok());
    let err = ListBackupsQuery::default().limit("101").offset("-1").validate().expect_err("out of range");
    let rules: Vec<(&str, &Rule)> = err.problems.iter().map(|p| (p.path.as_str(), &p.rule)).collect();
    assert_eq!(rules[0], ("offset", &Rule::Minimum { minimum: "0".into(), actual: "-1".into() }));
    assert_eq!(rules[1], ("limit", &Rule::Maximum { maximum: "100".into(), actual: "101".into() }));
    let err = ListBackupsQuery::default().limit("ten").validate().expect_err("not a number");
    assert!(matches!(err.problems[0].rule, Rule::Pattern { .. }), "{err}");
    // A path parameter's closed set ("Values: v3, v3.1") is a whole-value pattern.
    assert!(ShowApiVersionPathParams::new("v3.1").validate().is_ok());
    let err = ShowApiVersionPathParams::new("v4").validate().expect_err("undocumented version");
    assert_eq!(err.problems[0].path, "version_id");
    assert!(matches!(err.problems[0].rule, Rule::Pattern { .. }), "{err}");
}

//! The README's usage example compiles and runs, and stays the same text as in the README.

#[test]
fn readme_example_runs() -> Result<(), Box<dyn std::error::Error>> {
    // README: begin
    use otc_db_sdk::rds::v3::create_instance::*;
    use otc_db_sdk::{Operation, Validate};

    let body = CreateDbInstance::builder()
        .name("rds-instance-1")
        .datastore(Datastore::builder().r#type(DatastoreType::MySql).version("8.0").build()?)
        .flavor_ref("rds.mysql.s1.large")
        .volume(Volume::builder().r#type(VolumeType::Cloudssd).size(100).build()?)
        .region("eu-de")
        .availability_zone("eu-de-01")
        .vpc_id("490a4a08-ef4b-44c5-94be-3051ef9e4fce")
        .subnet_id("0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f")
        .security_group_id("2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5")
        .password("Test@12345678")
        .build()?; // BuildError lists every missing field and broken rule at once
    let request = CreateInstanceRequest::from(body);
    request.validate()?; // values made any other way can be checked too
    let json = serde_json::to_string(&request)?; // the exact body of the page
    let path = CreateInstance::path("0483b6b16e954cb88930a360d2c4e663", &Default::default());
    assert_eq!(path, "/v3/0483b6b16e954cb88930a360d2c4e663/instances");
    let response: CreateInstanceResponse = serde_json::from_str(r#"{"job_id": "dff1d289"}"#)?;
    // README: end
    assert!(json.contains("\"name\":\"rds-instance-1\""));
    assert_eq!(response.job_id.as_deref(), Some("dff1d289"));
    Ok(())
}

#[test]
fn readme_shows_this_example() {
    let readme = include_str!("../README.md");
    let this = include_str!("readme.rs");
    let begin = this.find("// README: begin\n").expect("begin marker") + "// README: begin\n".len();
    let end = this[begin..].find("    // README: end").expect("end marker") + begin;
    let code: String = this[begin..end].lines().map(|l| l.strip_prefix("    ").unwrap_or(l)).map(|l| format!("{l}\n")).collect();
    assert!(readme.contains(&format!("```rust\n{code}```")), "README's example differs from tests/readme.rs:\n{code}");
}

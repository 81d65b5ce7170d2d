//! Creates an RDS v3 DB instance ("Creating a DB Instance", `POST /v3/{project_id}/instances`)
//! with the SDK's client, waits for its job and for the instance to be `ACTIVE`, then lists the
//! project's instances page by page.
//!
//! ```text
//! cargo run --example create_rds_instance
//! ```
//!
//! Everything comes from environment variables:
//!
//! | variable | meaning | default |
//! | --- | --- | --- |
//! | `OTC_PROJECT_ID` | the project id (of the region) | required (or `OS_PROJECT_ID`, or `OS_PROJECT_NAME`: its id is asked of IAM) |
//! | `OTC_REGION` | the region (`eu-de`, `eu-nl`, `eu-ch2`) | `eu-de` |
//! | `OTC_ENDPOINT` | one base URL for every service (a proxy, a gateway, a local mock server) | the template |
//! | `OTC_IAM_ENDPOINT` | the base URL of IAM only | the above |
//! | `OTC_TOKEN` | a token obtained elsewhere (sent as `X-Auth-Token`) | — |
//! | `OTC_USER`, `OTC_PASSWORD`, `OTC_DOMAIN` | IAM password authentication, when `OTC_TOKEN` is not set | — |
//! | `OS_*`, `OS_CLOUD` | when neither of the above is set: the variables and `clouds.yaml` other OTC tools read (`Client::from_env`) | — |
//! | `RDS_WAIT_MINUTES` | how long to wait for the instance | `30` |
//! | `RDS_NAME` | the instance name (4 to 64 characters) | `rds-example-1` |
//! | `RDS_DB_PASSWORD` | the database password (8 to 32 characters) | required |
//! | `RDS_ENGINE`, `RDS_ENGINE_VERSION` | `MySQL` / `PostgreSQL` / `SQLServer` and its version | `MySQL`, `8.0` |
//! | `RDS_FLAVOR` | the specification code | `rds.mysql.s1.large` |
//! | `RDS_VOLUME_TYPE`, `RDS_VOLUME_SIZE` | the storage type and size in GB | `ULTRAHIGH`, `100` |
//! | `RDS_AZ` | the availability zone | `<region>-01` |
//! | `RDS_VPC_ID`, `RDS_SUBNET_ID`, `RDS_SECURITY_GROUP_ID` | the network | required |
//!
//! The request is validated before anything is sent: a constraint the page documents (a name too
//! short, a password too long) is reported with every problem at once. Passwords and tokens are
//! never printed, not even in errors.

use std::process::ExitCode;
use std::time::Duration;

use futures_util::TryStreamExt;
use otc_db_sdk::client::{Auth, Client, WaitPolicy};
use otc_db_sdk::rds::v3::create_instance::{
    CreateDbInstance, CreateInstance, CreateInstanceRequest, Datastore, DatastoreType, Volume, VolumeType,
};
use otc_db_sdk::rds::v3::list_instances::{ListInstances, ListInstancesQuery};
use otc_db_sdk::runtime::operation::{NoPathParams, NoQuery};

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn required(name: &str) -> Result<String, String> {
    env(name).ok_or_else(|| format!("set {name} (see the top of examples/create_rds_instance.rs)"))
}

fn client() -> Result<Client, Box<dyn std::error::Error>> {
    let mut builder = match (env("OTC_TOKEN"), env("OTC_USER")) {
        (Some(token), _) => Client::builder().auth(Auth::token(token)),
        (None, Some(user)) => Client::builder().auth(Auth::password(user, required("OTC_PASSWORD")?, required("OTC_DOMAIN")?)),
        // The OS_* variables and clouds.yaml (OS_CLOUD), as other OTC tools read them.
        (None, None) => Client::builder().from_env()?,
    };
    if let Some(region) = env("OTC_REGION") {
        builder = builder.region(region);
    } else if env("OS_REGION_NAME").is_none() && env("OS_CLOUD").is_none() {
        builder = builder.region("eu-de");
    }
    if let Some(project) = env("OTC_PROJECT_ID") {
        builder = builder.project_id(project);
    }
    if let Some(url) = env("OTC_ENDPOINT") {
        builder = builder.base_url(url);
    }
    if let Some(url) = env("OTC_IAM_ENDPOINT") {
        builder = builder.endpoint("iam", url);
    }
    Ok(builder.build()?)
}

fn request() -> Result<CreateInstanceRequest, Box<dyn std::error::Error>> {
    let region = env("OTC_REGION").unwrap_or_else(|| "eu-de".to_owned());
    let or = |name: &str, default: &str| env(name).unwrap_or_else(|| default.to_owned());
    let size: i32 = or("RDS_VOLUME_SIZE", "100").parse().map_err(|e| format!("RDS_VOLUME_SIZE: {e}"))?;
    let instance = CreateDbInstance::builder()
        .name(or("RDS_NAME", "rds-example-1"))
        .datastore(
            Datastore::builder()
                .r#type(DatastoreType::from(or("RDS_ENGINE", "MySQL").as_str()))
                .version(or("RDS_ENGINE_VERSION", "8.0"))
                .build()?,
        )
        .flavor_ref(or("RDS_FLAVOR", "rds.mysql.s1.large"))
        .volume(Volume::builder().r#type(VolumeType::from(or("RDS_VOLUME_TYPE", "ULTRAHIGH").as_str())).size(size).build()?)
        .region(region.clone())
        .availability_zone(or("RDS_AZ", &format!("{region}-01")))
        .vpc_id(required("RDS_VPC_ID")?)
        .subnet_id(required("RDS_SUBNET_ID")?)
        .security_group_id(required("RDS_SECURITY_GROUP_ID")?)
        .password(required("RDS_DB_PASSWORD")?)
        .build()?;
    Ok(CreateInstanceRequest::from(instance))
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = client()?;
    let request = request()?;
    // The project id as given, or resolved from OS_PROJECT_NAME through IAM.
    let project_id = client.resolve_project_id().await?;
    println!("POST {}/v3/{project_id}/instances", client.endpoint("rds")?);
    let reply = client.send(CreateInstance, &NoPathParams, &NoQuery, &request).await?;
    let instance = reply.body.instance.as_ref();
    println!("HTTP {} (documented: {})", reply.status, reply.documented_status);
    let instance_id = instance.and_then(|i| i.id.clone());
    println!("instance id: {}", instance_id.as_deref().unwrap_or("(not returned)"));
    println!("job id:      {}", reply.body.job_id.as_deref().unwrap_or("(not returned)"));
    if let Some(id) = &reply.request_id {
        println!("request id:  {id}");
    }

    // Wait: the job (the cloud's own view of the creation), then the instance's status.
    let minutes: u64 = env("RDS_WAIT_MINUTES").and_then(|m| m.parse().ok()).unwrap_or(30);
    let policy = WaitPolicy::new(Duration::from_secs(minutes * 60)).interval(Duration::from_secs(10));
    if let Some(job_id) = &reply.body.job_id {
        let job = client.wait_for_job("rds", job_id, policy.clone()).await?;
        println!("job {}: {}", job.id, job.status);
    }
    if let Some(id) = &instance_id {
        let instance = client.wait_for_instance("rds", id, "ACTIVE", policy).await?;
        println!("instance {}: {}", instance.id, instance.status);
    }

    // List every instance of the project, page after page (100 per page, the documented maximum).
    let mut instances = std::pin::pin!(client.paginate(ListInstances, &NoPathParams, &ListInstancesQuery::default()));
    while let Some(instance) = instances.try_next().await? {
        println!(
            "{:<36} {:<24} {}",
            instance.id.as_deref().unwrap_or("-"),
            instance.name.as_deref().unwrap_or("-"),
            instance.status.as_deref().unwrap_or("-")
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

//! Creates an RDS v3 DB instance ("Creating a DB Instance", `POST /v3/{project_id}/instances`)
//! with the SDK's client, and prints the job id the cloud returns.
//!
//! ```text
//! cargo run --example create_rds_instance
//! ```
//!
//! Everything comes from environment variables:
//!
//! | variable | meaning | default |
//! | --- | --- | --- |
//! | `OTC_PROJECT_ID` | the project id (of the region) | required |
//! | `OTC_REGION` | the region, filled into `https://{service}.{region}.otc.t-systems.com` | `eu-de` |
//! | `OTC_ENDPOINT` | one base URL for every service (a proxy, a gateway, a local mock server) | the template |
//! | `OTC_IAM_ENDPOINT` | the base URL of IAM only | the above |
//! | `OTC_TOKEN` | a token obtained elsewhere (sent as `X-Auth-Token`) | — |
//! | `OTC_USER`, `OTC_PASSWORD`, `OTC_DOMAIN` | IAM password authentication, when `OTC_TOKEN` is not set | — |
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

use otc_db_sdk::client::{Auth, Client};
use otc_db_sdk::rds::v3::create_instance::{
    CreateDbInstance, CreateInstance, CreateInstanceRequest, Datastore, DatastoreType, Volume, VolumeType,
};
use otc_db_sdk::runtime::operation::{NoPathParams, NoQuery};

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn required(name: &str) -> Result<String, String> {
    env(name).ok_or_else(|| format!("set {name} (see the top of examples/create_rds_instance.rs)"))
}

fn client() -> Result<Client, Box<dyn std::error::Error>> {
    let region = env("OTC_REGION").unwrap_or_else(|| "eu-de".to_owned());
    let auth = match env("OTC_TOKEN") {
        Some(token) => Auth::token(token),
        None => Auth::password(required("OTC_USER")?, required("OTC_PASSWORD")?, required("OTC_DOMAIN")?),
    };
    let mut builder = Client::builder().region(&region).project_id(required("OTC_PROJECT_ID")?).auth(auth);
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
    println!("POST {}/v3/{}/instances", client.endpoint("rds")?, client.project_id());
    let reply = client.send(CreateInstance, &NoPathParams, &NoQuery, &request).await?;
    let instance = reply.body.instance.as_ref();
    println!("HTTP {} (documented: {})", reply.status, reply.documented_status);
    println!("instance id: {}", instance.and_then(|i| i.id.as_deref()).unwrap_or("(not returned)"));
    println!("status:      {}", instance.and_then(|i| i.status.as_deref()).unwrap_or("(not returned)"));
    println!("job id:      {}", reply.body.job_id.as_deref().unwrap_or("(not returned)"));
    if let Some(id) = &reply.request_id {
        println!("request id:  {id}");
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

// Copied by otc-sdkgen from generator/runtime/client/endpoint.rs. Do not edit here: edit that file and run `cargo run`.

//! Where each service is: a base URL per service and region.
//!
//! The base URL of a service is, first found:
//!
//! 1. the URL set for that service ([`Endpoints::service`]: a proxy, a private endpoint);
//! 2. the URL set for every service ([`Endpoints::base_url`]: one gateway, a local test server);
//! 3. the template set with [`Endpoints::template`], `{service}` and `{region}` filled;
//! 4. the region table ([`REGIONS`], [`region_url`]): `https://rds.eu-de.otc.t-systems.com`,
//!    `https://gaussdb-mysql.eu-nl.otc.t-systems.com` (TaurusDB),
//!    `https://iam-pub.eu-ch2.sc.otc.t-systems.com` (IAM of the Swiss cloud). A region the table
//!    does not know gets [`DEFAULT_TEMPLATE`].
//!
//! The operation's path (`/v3/{project_id}/instances`, filled) is appended to the base URL, so a
//! base URL may carry a path prefix (`https://proxy.example/rds`).

use std::collections::BTreeMap;

use super::error::Error;

/// The Open Telekom Cloud endpoint template, for regions the table does not know:
/// `https://rds.eu-de.otc.t-systems.com`. `{service}` is the service's host name
/// ([`host_name`]).
pub const DEFAULT_TEMPLATE: &str = "https://{service}.{region}.otc.t-systems.com";

/// A region of the table: its name, its domain, and the host name of IAM there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// `eu-de`
    pub name: &'static str,
    /// The domain after the region: `otc.t-systems.com`, `sc.otc.t-systems.com` (Swiss cloud).
    pub domain: &'static str,
    /// The host name of IAM: `iam`, `iam-pub` (Swiss cloud).
    pub iam_host: &'static str,
}

/// The regions of Open Telekom Cloud: Germany (`eu-de`), the Netherlands (`eu-nl`) and the Swiss
/// cloud (`eu-ch2`, hosts `{service}.eu-ch2.sc.otc.t-systems.com`, IAM at
/// `iam-pub.eu-ch2.sc.otc.t-systems.com`).
pub const REGIONS: &[Region] = &[
    Region { name: "eu-de", domain: "otc.t-systems.com", iam_host: "iam" },
    Region { name: "eu-nl", domain: "otc.t-systems.com", iam_host: "iam" },
    Region { name: "eu-ch2", domain: "sc.otc.t-systems.com", iam_host: "iam-pub" },
];

/// The host name of a service (the first label of its URL). The reference pages' examples call
/// TaurusDB at `gaussdb-mysql.eu-de.otc.t-systems.com`; GeminiDB's endpoint page links to the
/// OTC "Regions and Endpoints" list, which names `gaussdb-nosql`. The others are their service
/// name: `rds`, `dds`, `gaussdb` (GaussDB, openGauss), `iam`.
pub fn host_name(service: &str) -> &str {
    match service {
        "taurusdb" => "gaussdb-mysql",
        "geminidb" => "gaussdb-nosql",
        other => other,
    }
}

/// The base URL of `service` in `region` by the table (or [`DEFAULT_TEMPLATE`] for a region it
/// does not know).
pub fn region_url(region: &str, service: &str) -> String {
    match REGIONS.iter().find(|r| r.name == region) {
        Some(r) => {
            let host = if service == "iam" { r.iam_host } else { host_name(service) };
            format!("https://{host}.{region}.{}", r.domain)
        }
        None => DEFAULT_TEMPLATE.replace("{service}", host_name(service)).replace("{region}", region),
    }
}

/// The base URLs of the services; see the [module documentation](self).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Endpoints {
    region: Option<String>,
    template: Option<String>,
    base_url: Option<String>,
    services: BTreeMap<String, String>,
}

impl Endpoints {
    /// The region table's endpoints in `region` (`"eu-de"`, `"eu-nl"`, `"eu-ch2"`).
    pub fn new(region: impl Into<String>) -> Self {
        Endpoints { region: Some(region.into()), ..Endpoints::default() }
    }

    /// Sets the region the template is filled with.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets a template instead of the region table: a URL with `{service}` and `{region}`
    /// placeholders (`{service}` is filled with the service name as it is: `rds`, `taurusdb`).
    pub fn template(mut self, template: impl Into<String>) -> Self {
        self.template = Some(template.into());
        self
    }

    /// The region, when set.
    pub fn region_name(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Sends every service to this base URL (unless a service has its own).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sends `service` (`"rds"`, `"iam"`) to this base URL.
    pub fn service(mut self, service: impl Into<String>, url: impl Into<String>) -> Self {
        self.services.insert(service.into(), url.into());
        self
    }

    /// The base URL of `service`, without a trailing `/`.
    pub fn resolve(&self, service: &str) -> Result<String, Error> {
        let url = if let Some(url) = self.services.get(service) {
            url.clone()
        } else if let Some(url) = &self.base_url {
            url.clone()
        } else {
            let missing = || Error::Config {
                message: format!("no endpoint for service `{service}`: set a region, a base URL or an endpoint for it"),
            };
            match (&self.template, &self.region) {
                (Some(t), Some(region)) => t.replace("{service}", service).replace("{region}", region),
                (Some(t), None) if !t.contains("{region}") => t.replace("{service}", service),
                (None, Some(region)) => region_url(region, service),
                _ => return Err(missing()),
            }
        };
        check_url(service, &url)?;
        Ok(url.trim_end_matches('/').to_owned())
    }

    /// Checks every URL set explicitly (the template is checked per service, when used).
    pub(crate) fn check(&self) -> Result<(), Error> {
        if let Some(url) = &self.base_url {
            check_url("*", url)?;
        }
        for (service, url) in &self.services {
            check_url(service, url)?;
        }
        Ok(())
    }
}

fn check_url(service: &str, url: &str) -> Result<(), Error> {
    match reqwest::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.has_host() => Ok(()),
        Ok(_) => Err(Error::Config { message: format!("the endpoint of `{service}` is not an http(s) URL with a host") }),
        Err(e) => Err(Error::Config { message: format!("the endpoint of `{service}` is not a URL: {e}") }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence() {
        let e = Endpoints::new("eu-de");
        assert_eq!(e.resolve("rds").ok().as_deref(), Some("https://rds.eu-de.otc.t-systems.com"));
        let e = e.base_url("http://127.0.0.1:8080/").service("iam", "https://iam.example");
        assert_eq!(e.resolve("rds").ok().as_deref(), Some("http://127.0.0.1:8080"));
        assert_eq!(e.resolve("iam").ok().as_deref(), Some("https://iam.example"));
        assert!(Endpoints::default().resolve("rds").is_err());
        assert!(Endpoints::default().base_url("not a url").check().is_err());
    }

    #[test]
    fn region_table() {
        let url = |region: &str, service: &str| Endpoints::new(region).resolve(service).ok();
        assert_eq!(url("eu-nl", "taurusdb").as_deref(), Some("https://gaussdb-mysql.eu-nl.otc.t-systems.com"));
        assert_eq!(url("eu-de", "geminidb").as_deref(), Some("https://gaussdb-nosql.eu-de.otc.t-systems.com"));
        assert_eq!(url("eu-ch2", "rds").as_deref(), Some("https://rds.eu-ch2.sc.otc.t-systems.com"));
        assert_eq!(url("eu-ch2", "iam").as_deref(), Some("https://iam-pub.eu-ch2.sc.otc.t-systems.com"));
        assert_eq!(url("xx-yy", "dds").as_deref(), Some("https://dds.xx-yy.otc.t-systems.com"));
        let e = Endpoints::new("eu-ch2").template("https://{service}.{region}.example");
        assert_eq!(e.resolve("rds").ok().as_deref(), Some("https://rds.eu-ch2.example"));
    }
}

// Copied by otc-sdkgen from generator/runtime/client/endpoint.rs. Do not edit here: edit that file and run `cargo run`.

//! Where each service is: a base URL per service and region.
//!
//! The base URL of a service is, first found:
//!
//! 1. the URL set for that service ([`Endpoints::service`]: a proxy, a private endpoint);
//! 2. the URL set for every service ([`Endpoints::base_url`]: one gateway, a local test server);
//! 3. the template ([`Endpoints::template`], default [`DEFAULT_TEMPLATE`]) with `{service}` and
//!    `{region}` filled: `https://rds.eu-de.otc.t-systems.com`. Another cloud of the same family
//!    is another template.
//!
//! The operation's path (`/v3/{project_id}/instances`, filled) is appended to the base URL, so a
//! base URL may carry a path prefix (`https://proxy.example/rds`).

use std::collections::BTreeMap;

use super::error::Error;

/// The Open Telekom Cloud endpoint template: `https://rds.eu-de.otc.t-systems.com`,
/// `https://dds.eu-de.otc.t-systems.com`, `https://gaussdb.eu-de.otc.t-systems.com`,
/// `https://iam.eu-de.otc.t-systems.com`.
pub const DEFAULT_TEMPLATE: &str = "https://{service}.{region}.otc.t-systems.com";

/// The base URLs of the services; see the [module documentation](self).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoints {
    region: Option<String>,
    template: String,
    base_url: Option<String>,
    services: BTreeMap<String, String>,
}

impl Default for Endpoints {
    fn default() -> Self {
        Endpoints { region: None, template: DEFAULT_TEMPLATE.to_owned(), base_url: None, services: BTreeMap::new() }
    }
}

impl Endpoints {
    /// The default template in `region` (`"eu-de"`, `"eu-nl"`).
    pub fn new(region: impl Into<String>) -> Self {
        Endpoints { region: Some(region.into()), ..Endpoints::default() }
    }

    /// Sets the region the template is filled with.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets the template: a URL with `{service}` and `{region}` placeholders.
    pub fn template(mut self, template: impl Into<String>) -> Self {
        self.template = template.into();
        self
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
            let has_region = self.template.contains("{region}");
            let region = match (&self.region, has_region) {
                (Some(region), _) => region.as_str(),
                (None, false) => "",
                (None, true) => {
                    return Err(Error::Config {
                        message: format!("no endpoint for service `{service}`: set a region, a base URL or an endpoint for it"),
                    })
                }
            };
            self.template.replace("{service}", service).replace("{region}", region)
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
}

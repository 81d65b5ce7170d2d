// Copied by otc-sdkgen from generator/runtime/client/config.rs. Do not edit here: edit that file and run `cargo run`.

//! Credentials and region from where users keep them: the `OS_*` environment variables other OTC
//! tools read, and `clouds.yaml` (the OpenStack client format).
//!
//! [`Client::from_env`] (or [`ClientBuilder::from_env`]) reads, in order, each later one winning:
//!
//! 1. the cloud `OS_CLOUD` names in the first `clouds.yaml` found: `OS_CLIENT_CONFIG_FILE`,
//!    `./clouds.yaml`, `$XDG_CONFIG_HOME/openstack/clouds.yaml` (default
//!    `~/.config/openstack/clouds.yaml`), `/etc/openstack/clouds.yaml`;
//! 2. the variables `OS_AUTH_URL`, `OS_USERNAME`, `OS_PASSWORD`, `OS_USER_DOMAIN_NAME` (or
//!    `OS_DOMAIN_NAME`), `OS_PROJECT_ID`, `OS_PROJECT_NAME`, `OS_REGION_NAME`, `OS_TOKEN`,
//!    `OS_ACCESS_KEY`, `OS_SECRET_KEY`, `OS_SECURITY_TOKEN`.
//!
//! The credentials are, first complete: a token; an access key and a secret key (with the
//! security token of temporary keys); a user name, a password and a domain. The IAM endpoint is
//! `OS_AUTH_URL` without its `/v3`. The project is the id, or, without one, the name: the client
//! then asks IAM for its id at the first call ([`Client::resolve_project_id`]; a password or a
//! token is needed for that, AK/SK keys sign with the id). The region defaults to the project
//! name's region when it starts with one (`eu-de`, `eu-de_sub`): OTC's project names do.
//!
//! In `clouds.yaml`, `auth` holds `auth_url`, `username`, `password`, `user_domain_name` /
//! `domain_name`, `project_id`, `project_name`, `token`, `ak` / `access_key`, `sk` /
//! `secret_key`, `security_token`; the cloud holds `region_name`.

use std::path::{Path, PathBuf};

use yaml_rust2::{Yaml, YamlLoader};

use super::error::Error;
use super::{Auth, Client, ClientBuilder};

/// What the environment or `clouds.yaml` says; `None` where it says nothing.
#[derive(Clone, Default, PartialEq, Eq)]
struct Settings {
    auth_url: Option<String>,
    username: Option<String>,
    password: Option<String>,
    domain: Option<String>,
    project_id: Option<String>,
    project_name: Option<String>,
    region: Option<String>,
    token: Option<String>,
    access_key: Option<String>,
    secret_key: Option<String>,
    security_token: Option<String>,
}

impl Settings {
    /// Takes every value `other` has.
    fn overlay(&mut self, other: Settings) {
        let pick = |mine: &mut Option<String>, theirs: Option<String>| {
            if theirs.is_some() {
                *mine = theirs;
            }
        };
        pick(&mut self.auth_url, other.auth_url);
        pick(&mut self.username, other.username);
        pick(&mut self.password, other.password);
        pick(&mut self.domain, other.domain);
        pick(&mut self.project_id, other.project_id);
        pick(&mut self.project_name, other.project_name);
        pick(&mut self.region, other.region);
        pick(&mut self.token, other.token);
        pick(&mut self.access_key, other.access_key);
        pick(&mut self.secret_key, other.secret_key);
        pick(&mut self.security_token, other.security_token);
    }
}

impl Client {
    /// A client configured from the environment and `clouds.yaml`; see the
    /// [module documentation](super::config).
    pub fn from_env() -> Result<Client, Error> {
        Client::builder().from_env()?.build()
    }
}

impl ClientBuilder {
    /// Sets credentials, project id, region and IAM endpoint from the process environment and
    /// `clouds.yaml`; see the [module documentation](super::config). Settings made on the builder
    /// afterwards win.
    pub fn from_env(self) -> Result<Self, Error> {
        self.from_vars(|name| std::env::var(name).ok())
    }

    /// [`ClientBuilder::from_env`] with the variables read from `lookup` instead of the process
    /// environment (for tests, or variables kept elsewhere). `clouds.yaml` is read from the paths
    /// the variables (and `HOME`) give.
    pub fn from_vars(self, lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let var = |name: &str| lookup(name).filter(|v| !v.is_empty());
        let mut settings = Settings::default();
        if let Some(cloud) = var("OS_CLOUD") {
            let candidates = clouds_yaml_paths(&var);
            let Some(path) = candidates.iter().find(|p| p.is_file()) else {
                return Err(Error::Config {
                    message: format!(
                        "OS_CLOUD is `{cloud}` but no clouds.yaml was found (looked at: {})",
                        candidates.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
                    ),
                });
            };
            let text =
                std::fs::read_to_string(path).map_err(|e| Error::Config { message: format!("{}: cannot read: {e}", path.display()) })?;
            settings = cloud_settings(&text, &cloud, path)?;
        }
        settings.overlay(Settings {
            auth_url: var("OS_AUTH_URL"),
            username: var("OS_USERNAME"),
            password: var("OS_PASSWORD"),
            domain: var("OS_USER_DOMAIN_NAME").or_else(|| var("OS_DOMAIN_NAME")),
            project_id: var("OS_PROJECT_ID"),
            project_name: var("OS_PROJECT_NAME"),
            region: var("OS_REGION_NAME"),
            token: var("OS_TOKEN"),
            access_key: var("OS_ACCESS_KEY"),
            secret_key: var("OS_SECRET_KEY"),
            security_token: var("OS_SECURITY_TOKEN"),
        });
        self.apply(settings, "the environment")
    }

    /// Sets credentials, project id, region and IAM endpoint from the cloud `cloud` of a
    /// `clouds.yaml` text (`origin` names it in errors).
    pub fn from_clouds_yaml(self, text: &str, cloud: &str, origin: &Path) -> Result<Self, Error> {
        let settings = cloud_settings(text, cloud, origin)?;
        self.apply(settings, &origin.display().to_string())
    }

    fn apply(mut self, s: Settings, origin: &str) -> Result<Self, Error> {
        let config = |message: String| Error::Config { message };
        match (&s.project_id, &s.project_name, &self.project_id) {
            (Some(id), _, _) => self.project_id = Some(id.clone()),
            (None, _, Some(_)) => {}
            // The client asks IAM for the id of the name (Client::resolve_project_id).
            (None, Some(name), None) => self.project_name = Some(name.clone()),
            (None, None, None) => {
                return Err(config(format!("{origin}: OS_PROJECT_ID or OS_PROJECT_NAME (`project_id`, `project_name`) is missing")))
            }
        }
        let region = s.region.clone().or_else(|| {
            let name = s.project_name.as_deref()?;
            let region = name.split('_').next()?;
            super::endpoint::REGIONS.iter().any(|r| r.name == region).then(|| region.to_owned())
        });
        if let Some(region) = region {
            self = self.region(region);
        }
        if let Some(url) = &s.auth_url {
            let base = url.trim_end_matches('/');
            let base = base.strip_suffix("/v3").unwrap_or(base);
            self = self.endpoint("iam", base);
        }
        let auth = if let Some(token) = s.token {
            Auth::token(token)
        } else if s.access_key.is_some() || s.secret_key.is_some() {
            match (s.access_key, s.secret_key, s.security_token) {
                (Some(ak), Some(sk), Some(st)) => Auth::aksk_with_token(ak, sk, st),
                (Some(ak), Some(sk), None) => Auth::aksk(ak, sk),
                (Some(_), None, _) => return Err(config(format!("{origin}: OS_SECRET_KEY (`sk`) is missing (OS_ACCESS_KEY is set)"))),
                _ => return Err(config(format!("{origin}: OS_ACCESS_KEY (`ak`) is missing (OS_SECRET_KEY is set)"))),
            }
        } else if s.username.is_some() || s.password.is_some() {
            let mut missing = Vec::new();
            if s.username.is_none() {
                missing.push("OS_USERNAME (`username`)");
            }
            if s.password.is_none() {
                missing.push("OS_PASSWORD (`password`)");
            }
            if s.domain.is_none() {
                missing.push("OS_USER_DOMAIN_NAME or OS_DOMAIN_NAME (`user_domain_name`)");
            }
            match (s.username, s.password, s.domain) {
                (Some(user), Some(password), Some(domain)) => Auth::password(user, password, domain),
                _ => return Err(config(format!("{origin}: password authentication is missing {}", missing.join(", ")))),
            }
        } else if self.auth.is_some() {
            return Ok(self);
        } else {
            return Err(config(format!(
                "{origin}: no credentials: set OS_TOKEN; or OS_ACCESS_KEY and OS_SECRET_KEY; or OS_USERNAME, OS_PASSWORD and OS_USER_DOMAIN_NAME"
            )));
        };
        self.auth = Some(auth);
        Ok(self)
    }
}

/// Where `clouds.yaml` is looked for, in order.
fn clouds_yaml_paths(var: &impl Fn(&str) -> Option<String>) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if let Some(file) = var("OS_CLIENT_CONFIG_FILE") {
        paths.push(PathBuf::from(file));
    }
    paths.push(PathBuf::from("clouds.yaml"));
    match (var("XDG_CONFIG_HOME"), var("HOME")) {
        (Some(xdg), _) => paths.push(Path::new(&xdg).join("openstack/clouds.yaml")),
        (None, Some(home)) => paths.push(Path::new(&home).join(".config/openstack/clouds.yaml")),
        (None, None) => {}
    }
    paths.push(PathBuf::from("/etc/openstack/clouds.yaml"));
    paths
}

/// The settings of cloud `cloud` in a `clouds.yaml` text.
fn cloud_settings(text: &str, cloud: &str, origin: &Path) -> Result<Settings, Error> {
    let docs = YamlLoader::load_from_str(text)
        .map_err(|e| Error::Config { message: format!("{}:{}: not valid YAML: {e}", origin.display(), e.marker().line()) })?;
    let root = docs.first().unwrap_or(&Yaml::BadValue);
    let entry = &root["clouds"][cloud];
    if entry.is_badvalue() {
        let known: Vec<&str> = root["clouds"].as_hash().map(|h| h.keys().filter_map(Yaml::as_str).collect()).unwrap_or_default();
        return Err(Error::Config {
            message: format!(
                "{}: expected the cloud `{cloud}` under `clouds`, found: {}",
                origin.display(),
                if known.is_empty() { "none".to_owned() } else { known.join(", ") }
            ),
        });
    }
    let auth = &entry["auth"];
    let text = |y: &Yaml| match y {
        Yaml::String(s) if !s.is_empty() => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        _ => None,
    };
    let first = |keys: &[&str]| keys.iter().find_map(|k| text(&auth[*k]));
    Ok(Settings {
        auth_url: first(&["auth_url"]),
        username: first(&["username"]),
        password: first(&["password"]),
        domain: first(&["user_domain_name", "domain_name"]),
        project_id: first(&["project_id"]),
        project_name: first(&["project_name"]),
        region: text(&entry["region_name"]),
        token: first(&["token"]),
        access_key: first(&["ak", "access_key"]),
        secret_key: first(&["sk", "secret_key"]),
        security_token: first(&["security_token"]),
    })
}

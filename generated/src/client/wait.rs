// Copied by otc-sdkgen from generator/runtime/client/wait.rs. Do not edit here: edit that file and run `cargo run`.

//! Waiting: for a job to end ([`Client::wait_for_job`]), for an instance to reach a status
//! ([`Client::wait_for_instance`]), for a busy instance to accept a request
//! ([`Client::send_when_free`]).
//!
//! Which operation of a service is its job query, and which lists instances with their status,
//! comes from the specs' marks (`operation.job_query`, `operation.instance_query`), generated
//! into the client's catalog: nothing here names a service.
//!
//! Time is the client's [`Clock`](super::Clock) (default: `tokio::time`; a test gives a
//! [`VirtualClock`](super::VirtualClock) and waits without sleeping). Every wait is bounded by
//! its [`WaitPolicy`]'s `max_wait`.

use std::fmt;
use std::time::Duration;

use super::catalog::{BUSY_CODES, INSTANCE_QUERIES, JOB_QUERIES};
use super::error::{Error, OperationName};
use super::send::{json_body, prepare_get};
use super::{Client, Reply};
use crate::runtime::operation::{fill_path, Operation};

/// The job query of a service, as its spec marks it (generated into the catalog).
#[derive(Clone, Copy, Debug)]
pub(crate) struct JobQueryMark {
    pub(crate) service: &'static str,
    pub(crate) version: &'static str,
    pub(crate) operation: &'static str,
    pub(crate) path: &'static str,
    pub(crate) id_param: &'static str,
    pub(crate) job: &'static str,
}

/// The instance query of a service, as its spec marks it (generated into the catalog).
#[derive(Clone, Copy, Debug)]
pub(crate) struct InstanceQueryMark {
    pub(crate) service: &'static str,
    pub(crate) version: &'static str,
    pub(crate) operation: &'static str,
    pub(crate) path: &'static str,
    pub(crate) id_param: &'static str,
    pub(crate) items: &'static str,
    pub(crate) status: &'static str,
    pub(crate) values: &'static [&'static str],
}

/// The "instance busy" error codes of a service, as its `spec/<service>/marks.yaml` marks them
/// (generated into the catalog).
#[derive(Clone, Copy, Debug)]
pub(crate) struct BusyCodes {
    pub(crate) service: &'static str,
    pub(crate) codes: &'static [&'static str],
}

/// The error codes of `service`'s error-code appendix that mean the instance is busy ("another
/// operation is being performed on the DB instance", "the system is busy", "… is in progress,
/// please wait"): a request refused with one may succeed later, and
/// [`Client::send_when_free`] sends it again. From the specs (`busy_codes` of
/// `spec/<service>/marks.yaml`); empty for a service without them.
///
/// ```
/// assert!(otc_db_sdk::client::wait::busy_codes("rds").contains(&"DBS.200011"));
/// ```
pub fn busy_codes(service: &str) -> &'static [&'static str] {
    BUSY_CODES.iter().find(|b| b.service == service).map_or(&[], |b| b.codes)
}

/// How long and how often to poll.
///
/// The first poll is immediate; then the client waits `interval`, multiplied by `backoff` after
/// each poll up to `max_interval`. Waiting ends with [`Error::WaitTimeout`] once the next poll
/// would start after `max_wait`.
#[derive(Clone, Debug, PartialEq)]
pub struct WaitPolicy {
    max_wait: Duration,
    interval: Duration,
    max_interval: Duration,
    backoff: f64,
    grace: Duration,
}

impl WaitPolicy {
    /// Waits at most `max_wait`; polls every 5 s, growing by half each time up to 30 s; a job the
    /// service does not know yet is waited for 30 s (the pages: "it takes several seconds to
    /// query the job ID").
    pub fn new(max_wait: Duration) -> Self {
        WaitPolicy {
            max_wait,
            interval: Duration::from_secs(5),
            max_interval: Duration::from_secs(30),
            backoff: 1.5,
            grace: Duration::from_secs(30),
        }
    }

    /// The first interval between polls (and the only one with `backoff(1.0)`).
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self.max_interval = self.max_interval.max(interval);
        self
    }

    /// The longest interval between polls.
    pub fn max_interval(mut self, max_interval: Duration) -> Self {
        self.max_interval = max_interval;
        self
    }

    /// The factor the interval grows by after each poll (at least 1).
    pub fn backoff(mut self, factor: f64) -> Self {
        self.backoff = if factor.is_finite() { factor.max(1.0) } else { 1.0 };
        self
    }

    /// How long a job id (or an instance id) the service does not know yet is waited for before
    /// the service's answer is returned as the error.
    pub fn grace(mut self, grace: Duration) -> Self {
        self.grace = grace;
        self
    }

    /// The longest wait.
    pub fn max_wait(&self) -> Duration {
        self.max_wait
    }

    fn next_interval(&self, current: Duration) -> Duration {
        current.mul_f64(self.backoff).min(self.max_interval)
    }
}

/// The status of a job, as the job queries document it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JobStatus {
    /// `Running`: the task is being executed.
    Running,
    /// `Completed`: the task is successfully executed.
    Completed,
    /// `Failed`: the task fails to be executed.
    Failed,
    /// A value the pages do not document, kept as received.
    Unknown(String),
}

impl JobStatus {
    fn parse(text: &str) -> Self {
        match text {
            "Running" => JobStatus::Running,
            "Completed" => JobStatus::Completed,
            "Failed" => JobStatus::Failed,
            other => JobStatus::Unknown(other.to_owned()),
        }
    }

    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            JobStatus::Running => "Running",
            JobStatus::Completed => "Completed",
            JobStatus::Failed => "Failed",
            JobStatus::Unknown(s) => s,
        }
    }
}

impl fmt::Display for JobStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A job, as the service's job query answered.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Job {
    /// The service (`"rds"`).
    pub service: String,
    /// The job id.
    pub id: String,
    /// Its status.
    pub status: JobStatus,
    /// Why it failed, when the service says.
    pub fail_reason: Option<String>,
    /// The job object as received (name, progress, instance, entities, …).
    pub body: serde_json::Value,
}

/// An instance, as the service's instance query answered.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Instance {
    /// The service (`"rds"`).
    pub service: String,
    /// The instance id.
    pub id: String,
    /// Its status (`ACTIVE`, `normal`, …).
    pub status: String,
    /// The instance object as received.
    pub body: serde_json::Value,
}

/// One poll's outcome.
enum Poll<T> {
    /// The service answered with the object.
    Found(T),
    /// The service does not know the id (yet): its answer, when it was an error.
    NotYet(Option<Error>),
}

/// Whether an error means "no such id (yet)": 404, or 400 (some services refuse an unknown id
/// as a bad parameter).
fn is_unknown_id(error: &Error) -> bool {
    matches!(error.status(), Some(400 | 404))
}

impl Client {
    /// Waits for job `job_id` of `service` (`"rds"`, `"dds"`, `"gaussdb"`, …) to end, polling
    /// the service's job query (`GET /v3/{project_id}/jobs?id=…`, from the specs).
    ///
    /// `Completed` → `Ok(Job)`; `Failed` → [`Error::JobFailed`] with the job and its
    /// `fail_reason`; still running after `max_wait` → [`Error::WaitTimeout`]. A job the service
    /// does not know yet (it appears a few seconds after the 202) is waited for during the
    /// policy's grace period.
    pub async fn wait_for_job(&self, service: &str, job_id: &str, policy: WaitPolicy) -> Result<Job, Error> {
        let mark = job_mark(service)?;
        let what = format!("job {job_id} of {service}");
        self.poll(
            &what,
            &policy,
            |job: &Job| match job.status {
                JobStatus::Completed => Some(Ok(())),
                JobStatus::Failed => Some(Err(())),
                _ => None,
            },
            |job| job.status.to_string(),
            || self.job_once(mark, job_id),
        )
        .await
        .map_err(|e| match e {
            PollError::Failed(job) => Error::JobFailed(Box::new(job)),
            PollError::Other(e) => e,
        })
    }

    /// Queries job `job_id` of `service` once; `None` when the service does not know it (yet).
    pub async fn job(&self, service: &str, job_id: &str) -> Result<Option<Job>, Error> {
        match self.job_once(job_mark(service)?, job_id).await? {
            Poll::Found(job) => Ok(Some(job)),
            Poll::NotYet(None) => Ok(None),
            Poll::NotYet(Some(e)) if is_unknown_id(&e) => Ok(None),
            Poll::NotYet(Some(e)) => Err(e),
        }
    }

    /// Waits for instance `instance_id` of `service` to reach `status`, polling the service's
    /// instance query (`GET /v3/{project_id}/instances?id=…`, from the specs).
    ///
    /// `status` must be a value the page documents (RDS `ACTIVE`, DDS `normal`, …) when the page
    /// lists them: otherwise [`Error::Config`] names the documented values. A status with `fail`
    /// in it (`CREATE FAIL`, `FAILED`, `createfail`), other than the one waited for, ends the
    /// wait with [`Error::InstanceFailed`].
    pub async fn wait_for_instance(&self, service: &str, instance_id: &str, status: &str, policy: WaitPolicy) -> Result<Instance, Error> {
        let mark = INSTANCE_QUERIES.iter().find(|m| m.service == service).ok_or_else(|| Error::Config {
            message: format!(
                "no instance query with a status is documented for service `{service}` (services with one: {})",
                services(INSTANCE_QUERIES.iter().map(|m| m.service))
            ),
        })?;
        if !mark.values.is_empty() && !mark.values.contains(&status) {
            return Err(Error::Config {
                message: format!("`{status}` is not an instance status of {service}; the page documents: {}", mark.values.join(", ")),
            });
        }
        let what = format!("instance {instance_id} of {service} to be {status}");
        self.poll(
            &what,
            &policy,
            |i: &Instance| {
                if i.status == status {
                    Some(Ok(()))
                } else if i.status.to_ascii_lowercase().contains("fail") {
                    Some(Err(()))
                } else {
                    None
                }
            },
            |i| i.status.clone(),
            || self.instance_once(mark, instance_id),
        )
        .await
        .map_err(|e| match e {
            PollError::Failed(i) => Error::InstanceFailed(Box::new(i)),
            PollError::Other(e) => e,
        })
    }

    /// Sends `operation` like [`Client::send`]; while the cloud refuses it because the instance
    /// is busy (an error code of its service's [`busy_codes`]), waits and sends it again, within
    /// `policy`.
    /// After `max_wait`, [`Error::WaitTimeout`] with the last error code.
    pub async fn send_when_free<O: Operation>(
        &self,
        operation: O,
        path: &O::PathParams,
        query: &O::Query,
        request: &O::Request,
        policy: WaitPolicy,
    ) -> Result<Reply<O::Response>, Error> {
        let _ = operation;
        let clock = &self.inner.transport.clock;
        let start = clock.now();
        let mut interval = policy.interval;
        let busy = busy_codes(OperationName::of::<O>().service);
        loop {
            let project_id = self.resolve_project_id().await?;
            let prepared = super::send::prepare::<O>(&self.inner.transport.endpoints, project_id, self.validation, path, query, request)
                .map_err(|e| e.redact(&self.inner.auth.secrets()))?;
            match self.send_prepared::<O>(&prepared).await {
                Err(e) if e.error_code().is_some_and(|c| busy.contains(&c)) => {
                    let code = e.error_code().unwrap_or_default().to_owned();
                    let waited = clock.now().saturating_duration_since(start);
                    if waited + interval > policy.max_wait {
                        return Err(Error::WaitTimeout {
                            what: format!("{} to be accepted (the instance is busy)", prepared.operation),
                            waited,
                            last_status: Some(code),
                        });
                    }
                    tracing::info!(operation = %prepared.operation, error_code = %code, "instance busy; waiting");
                    clock.sleep(interval).await;
                    interval = policy.next_interval(interval);
                }
                other => return other,
            }
        }
    }

    /// Polls until `done` says the object ended (`Ok`: as wished, `Err`: failed), or the policy's
    /// time runs out.
    async fn poll<T, F, Fut>(
        &self,
        what: &str,
        policy: &WaitPolicy,
        done: impl Fn(&T) -> Option<Result<(), ()>>,
        status: impl Fn(&T) -> String,
        once: F,
    ) -> Result<T, PollError<T>>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<Poll<T>, Error>>,
    {
        let clock = &self.inner.transport.clock;
        let start = clock.now();
        let mut interval = policy.interval;
        let mut last_status: Option<String> = None;
        loop {
            match once().await.map_err(PollError::Other)? {
                Poll::Found(object) => match done(&object) {
                    Some(Ok(())) => return Ok(object),
                    Some(Err(())) => return Err(PollError::Failed(object)),
                    None => last_status = Some(status(&object)),
                },
                Poll::NotYet(error) => {
                    if clock.now().saturating_duration_since(start) >= policy.grace {
                        if let Some(e) = error {
                            return Err(PollError::Other(e));
                        }
                    }
                    last_status.get_or_insert_with(|| "not known yet".to_owned());
                }
            }
            let waited = clock.now().saturating_duration_since(start);
            if waited + interval > policy.max_wait {
                return Err(PollError::Other(Error::WaitTimeout { what: what.to_owned(), waited, last_status }));
            }
            tracing::debug!(what, status = last_status.as_deref().unwrap_or(""), "waiting");
            clock.sleep(interval).await;
            interval = policy.next_interval(interval);
        }
    }

    async fn job_once(&self, mark: &JobQueryMark, job_id: &str) -> Result<Poll<Job>, Error> {
        let operation = OperationName { service: mark.service, version: mark.version, id: mark.operation };
        let body = match self.get_json(operation, mark.path, mark.id_param, job_id).await {
            Ok(body) => body,
            Err(e) if is_unknown_id(&e) => return Ok(Poll::NotYet(Some(e))),
            Err(e) => return Err(e),
        };
        let job = match body.get(mark.job) {
            Some(serde_json::Value::Array(jobs)) => {
                jobs.iter().find(|j| j.get("id").and_then(|v| v.as_str()) == Some(job_id)).or(jobs.first()).cloned()
            }
            Some(object @ serde_json::Value::Object(_)) => Some(object.clone()),
            _ => None,
        };
        let Some(job) = job.filter(|j| j.get("status").is_some()) else { return Ok(Poll::NotYet(None)) };
        let text = |key: &str| job.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        Ok(Poll::Found(Job {
            service: mark.service.to_owned(),
            id: text("id").unwrap_or_else(|| job_id.to_owned()),
            status: JobStatus::parse(&text("status").unwrap_or_default()),
            fail_reason: text("fail_reason").filter(|r| !r.is_empty()),
            body: job,
        }))
    }

    async fn instance_once(&self, mark: &InstanceQueryMark, instance_id: &str) -> Result<Poll<Instance>, Error> {
        let operation = OperationName { service: mark.service, version: mark.version, id: mark.operation };
        let body = match self.get_json(operation, mark.path, mark.id_param, instance_id).await {
            Ok(body) => body,
            Err(e) if is_unknown_id(&e) => return Ok(Poll::NotYet(Some(e))),
            Err(e) => return Err(e),
        };
        let found = body
            .get(mark.items)
            .and_then(|v| v.as_array())
            .and_then(|list| list.iter().find(|i| i.get("id").and_then(|v| v.as_str()) == Some(instance_id)))
            .cloned();
        let Some(instance) = found else { return Ok(Poll::NotYet(None)) };
        let status = instance.get(mark.status).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        Ok(Poll::Found(Instance { service: mark.service.to_owned(), id: instance_id.to_owned(), status, body: instance }))
    }

    /// `GET path?id_param=id` with the client's credentials; the JSON body of a 2xx.
    async fn get_json(&self, operation: OperationName, path: &str, id_param: &str, id: &str) -> Result<serde_json::Value, Error> {
        let inner = &self.inner;
        let project_id = self.resolve_project_id().await?;
        let path = fill_path(path, |name| (name == "project_id").then_some(project_id));
        let prepared = prepare_get(&inner.transport.endpoints, operation, &path, &[(id_param, id.to_owned())])?;
        let (raw, secrets) = self.exchange(&prepared, true).await?;
        json_body(&prepared, raw).map_err(|e| e.redact(&secrets.iter().map(String::as_str).collect::<Vec<_>>()))
    }
}

enum PollError<T> {
    Failed(T),
    Other(Error),
}

fn job_mark(service: &str) -> Result<&'static JobQueryMark, Error> {
    JOB_QUERIES.iter().find(|m| m.service == service).ok_or_else(|| Error::Config {
        message: format!(
            "no job query is documented for service `{service}` (services with one: {})",
            services(JOB_QUERIES.iter().map(|m| m.service))
        ),
    })
}

fn services(names: impl Iterator<Item = &'static str>) -> String {
    let mut list: Vec<&str> = names.collect();
    list.dedup();
    list.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_grow_to_the_cap() {
        let p = WaitPolicy::new(Duration::from_secs(60)).interval(Duration::from_secs(2)).max_interval(Duration::from_secs(5)).backoff(2.0);
        assert_eq!(p.next_interval(Duration::from_secs(2)), Duration::from_secs(4));
        assert_eq!(p.next_interval(Duration::from_secs(4)), Duration::from_secs(5));
        assert_eq!(WaitPolicy::new(Duration::ZERO).backoff(f64::NAN).backoff, 1.0);
        assert_eq!(JobStatus::parse("Completed"), JobStatus::Completed);
        assert_eq!(JobStatus::parse("Pending"), JobStatus::Unknown("Pending".to_owned()));
    }
}

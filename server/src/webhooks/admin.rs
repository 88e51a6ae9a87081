//! `server webhook add|list|remove|deliveries`: each returns the text to print.

use super::new_secret;
use super::targets::Target;
use app::api::ssr::store::{unix_now, Delivery, NewWebhook, Store};
use app::model::{rfc3339, EventKind};

/// Deliveries `webhook deliveries` shows: the newest.
pub const DELIVERIES_SHOWN: u32 = 50;

/// Registers `target` for `events` once its host proves allowed, with a new secret, which
/// the answer shows (the only time it is shown).
pub async fn add(
    store: &dyn Store,
    target: &Target,
    events: &[EventKind],
    allow_private: bool,
) -> Result<String, String> {
    target
        .addresses(allow_private)
        .await
        .map_err(|err| err.to_string())?;
    let secret = new_secret().map_err(|err| format!("cannot make a secret: {err}"))?;
    let webhook = NewWebhook {
        url: target.as_str().to_owned(),
        secret,
        events: events.to_vec(),
        created_at: unix_now(),
    };
    let id = store
        .add_webhook(&webhook)
        .await
        .map_err(|err| err.to_string())?;
    Ok(format!(
        "webhook {id}: {}\nevents:  {}\nsecret:  {}\n\nThe secret is shown this once: give it to the receiver, which checks each delivery's\nwebhook-signature with it. The database keeps it, since the server signs with it.\n",
        webhook.url,
        names(events),
        webhook.secret
    ))
}

/// Every webhook: id, date, events and address — never the secret.
pub async fn list(store: &dyn Store) -> Result<String, String> {
    let webhooks = store.webhooks().await.map_err(|err| err.to_string())?;
    if webhooks.is_empty() {
        return Ok("no webhooks (add one with `server webhook add URL`)\n".into());
    }
    let mut text = String::from("id\tcreated\tevents\turl\n");
    for webhook in webhooks {
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            webhook.id,
            rfc3339(webhook.created_at),
            names(&webhook.events),
            webhook.url
        ));
    }
    Ok(text)
}

/// Removes webhook `id` with its deliveries.
pub async fn remove(store: &dyn Store, id: i64) -> Result<String, String> {
    match store.remove_webhook(id).await {
        Ok(true) => Ok(format!("webhook {id} removed, with its deliveries\n")),
        Ok(false) => Err(format!(
            "there is no webhook {id} (see `server webhook list`)"
        )),
        Err(err) => Err(err.to_string()),
    }
}

/// The newest deliveries (of webhook `webhook`, if named), one line each.
pub async fn deliveries(store: &dyn Store, webhook: Option<i64>) -> Result<String, String> {
    let deliveries = store
        .deliveries(webhook, DELIVERIES_SHOWN)
        .await
        .map_err(|err| err.to_string())?;
    if deliveries.is_empty() {
        return Ok("no deliveries yet\n".into());
    }
    let mut text = String::from("id\tevent\ttarget\tattempts\tlast answer\tstate\tcreated\n");
    for delivery in &deliveries {
        text.push_str(&line(delivery));
    }
    Ok(text)
}

/// One delivery as `deliveries` lists it.
fn line(delivery: &Delivery) -> String {
    let answer = match (&delivery.last_status, &delivery.last_error) {
        (_, Some(error)) => error.replace(['\t', '\n'], " "),
        (Some(status), None) => status.to_string(),
        (None, None) => "-".into(),
    };
    let state = match (delivery.delivered_at, delivery.failed_at) {
        (Some(at), _) => format!("delivered {}", rfc3339(at)),
        (None, Some(at)) => format!("given up {}", rfc3339(at)),
        (None, None) => format!("next attempt {}", rfc3339(delivery.next_attempt_at)),
    };
    format!(
        "{}\t{}\t{} {}\t{}\t{}\t{}\t{}\n",
        delivery.id,
        delivery.event,
        delivery.webhook_id,
        delivery.url,
        delivery.attempts,
        answer,
        state,
        rfc3339(delivery.created_at)
    )
}

/// Event kinds as a comma-separated list.
fn names(events: &[EventKind]) -> String {
    events
        .iter()
        .map(|kind| kind.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

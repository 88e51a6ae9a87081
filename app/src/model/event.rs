//! What webhooks are told: the three kinds of event and the JSON body each is sent as.
//! The server function that makes a change builds its event; the store keeps it in the
//! change's own transaction and the server's worker sends it as it was built.

use super::{compare_revisions, CellDiff, Date, Profile, Status};
use serde::{Deserialize, Serialize};

/// What a webhook may subscribe to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventKind {
    /// A revision of a skill was published: a proposal accepted, or `server import`.
    #[serde(rename = "revision.published")]
    RevisionPublished,
    /// A proposal was submitted (once: not again for a repeated submission).
    #[serde(rename = "proposal.opened")]
    ProposalOpened,
    /// A proposal was accepted, rejected or withdrawn.
    #[serde(rename = "proposal.decided")]
    ProposalDecided,
}

impl EventKind {
    /// Every kind, in the order they are listed.
    pub const ALL: [Self; 3] = [
        Self::RevisionPublished,
        Self::ProposalOpened,
        Self::ProposalDecided,
    ];

    /// Its name on the wire and in the database (`revision.published`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RevisionPublished => "revision.published",
            Self::ProposalOpened => "proposal.opened",
            Self::ProposalDecided => "proposal.decided",
        }
    }

    /// The kind named `text`, if any.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// A comma-separated list of kinds, each kept once in the order of [`Self::ALL`]; an
    /// unknown or empty list is refused with a sentence naming the kinds there are.
    pub fn parse_list(text: &str) -> Result<Vec<Self>, String> {
        let known = || {
            Self::ALL
                .iter()
                .map(|kind| kind.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut named = Vec::new();
        for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            let kind = Self::parse(word)
                .ok_or_else(|| format!("`{word}` is not an event; there are {}", known()))?;
            named.push(kind);
        }
        if named.is_empty() {
            return Err(format!("name at least one event of {}", known()));
        }
        Ok(Self::ALL
            .into_iter()
            .filter(|kind| named.contains(kind))
            .collect())
    }
}

/// Where the links an event carries point: the site's public address
/// (`https://skills.example.com`, from the server's `SKILLS_PUBLIC_URL`) when it is known,
/// and the path the site is served under. Without the address, links are paths only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteLinks {
    origin: Option<String>,
    base: String,
}

impl SiteLinks {
    /// Links under `origin` (no trailing slash) and `base` (`""` or `/skills`).
    pub fn new(origin: Option<String>, base: String) -> Self {
        Self { origin, base }
    }

    /// The link to `path` (which starts with `/`) on the site.
    pub fn link(&self, path: &str) -> String {
        format!(
            "{}{}{path}",
            self.origin.as_deref().unwrap_or(""),
            self.base
        )
    }
}

/// The body of every delivery: `{"type", "timestamp", "data"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Which kind of event.
    #[serde(rename = "type")]
    pub kind: EventKind,
    /// When it happened, RFC 3339 in UTC (`2026-03-17T09:30:00Z`).
    pub timestamp: String,
    /// What happened.
    pub data: EventData,
}

/// An event's `data`: a revision or a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum EventData {
    /// `revision.published`.
    Revision(RevisionPublished),
    /// `proposal.opened` and `proposal.decided`.
    Proposal(ProposalEvent),
}

/// The skill an event is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillRef {
    /// Its slug (`replication-high-availability`).
    pub slug: String,
    /// Its title.
    pub title: String,
}

impl SkillRef {
    /// The skill of `profile`.
    pub fn of(profile: &Profile) -> Self {
        Self {
            slug: profile.slug().to_string(),
            title: profile.title().to_owned(),
        }
    }
}

/// A published revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionPublished {
    /// The skill.
    pub skill: SkillRef,
    /// The new revision's number.
    pub revision: u32,
    /// The accepted proposal it came from; `None` for imported content.
    pub proposal_id: Option<i64>,
    /// The proposal's author; `None` for imported content.
    pub author: Option<String>,
    /// Every cell that differs from the revision before (all of them for revision 1).
    pub changes: Vec<ChangedCell>,
    /// Where to read it.
    pub links: RevisionLinks,
}

/// One cell a revision changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangedCell {
    /// The role's id (`dba`).
    pub role: String,
    /// The level's id (`senior`).
    pub level: String,
    /// "Role name at Level name", for people.
    pub place: String,
    /// The text before; `None` when the cell is new.
    pub before: Option<String>,
    /// The text now; `None` when the cell is gone.
    pub after: Option<String>,
    /// Whether it was required before; `None` when the cell is new.
    pub required_before: Option<bool>,
    /// Whether it is required now; `None` when the cell is gone.
    pub required_after: Option<bool>,
}

impl From<CellDiff> for ChangedCell {
    fn from(diff: CellDiff) -> Self {
        Self {
            role: diff.role,
            level: diff.level,
            place: diff.place,
            required_before: diff.before.as_ref().map(|cell| cell.required),
            required_after: diff.after.as_ref().map(|cell| cell.required),
            before: diff.before.map(|cell| cell.text),
            after: diff.after.map(|cell| cell.text),
        }
    }
}

/// A revision's links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionLinks {
    /// The profile page.
    pub skill: String,
    /// The comparison with the revision before (the history, for revision 1).
    pub changes: String,
    /// The revision in the JSON API.
    pub api: String,
    /// The accepted proposal's page, if it came from one.
    pub proposal: Option<String>,
}

/// A proposal that opened or was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalEvent {
    /// The skill.
    pub skill: SkillRef,
    /// The proposal.
    pub proposal: ProposalFacts,
    /// Where to read it.
    pub links: ProposalLinks,
}

/// What an event says of a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalFacts {
    /// Its id.
    pub id: i64,
    /// Its author's username.
    pub author: String,
    /// `open`, `accepted`, `rejected` or `withdrawn`.
    pub status: String,
    /// The revision it was written against.
    pub base_revision: u32,
    /// How many cells it changes.
    pub cells: usize,
    /// Why, in its author's words.
    pub rationale: String,
    /// Who decided (the reviewer, or the author who withdrew); `None` while open.
    pub decided_by: Option<String>,
    /// The reviewer's note on a rejection.
    pub note: Option<String>,
    /// The revision an acceptance published.
    pub revision: Option<u32>,
}

impl ProposalFacts {
    /// An open proposal's facts, nothing decided yet.
    pub fn open(id: i64, author: &str, base_revision: u32, cells: usize, rationale: &str) -> Self {
        Self {
            id,
            author: author.to_owned(),
            status: Status::Open.as_str().to_owned(),
            base_revision,
            cells,
            rationale: rationale.to_owned(),
            decided_by: None,
            note: None,
            revision: None,
        }
    }

    /// The same proposal decided: `status` by `who`, with the reviewer's `note` or the
    /// `revision` an acceptance published.
    pub fn decided(
        self,
        status: Status,
        who: &str,
        note: Option<String>,
        revision: Option<u32>,
    ) -> Self {
        Self {
            status: status.as_str().to_owned(),
            decided_by: Some(who.to_owned()),
            note,
            revision,
            ..self
        }
    }
}

/// A proposal's links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalLinks {
    /// The proposal's page (its diff, status and comments).
    pub proposal: String,
    /// The profile page.
    pub skill: String,
}

impl Event {
    /// `revision.published`: revision `number` of `after`, changed from `before` (`None`
    /// for a new skill), from proposal `proposal` (id and author) if it came from one.
    pub fn revision_published(
        links: &SiteLinks,
        before: Option<&Profile>,
        after: &Profile,
        number: u32,
        proposal: Option<(i64, &str)>,
        now: i64,
    ) -> Self {
        let slug = after.slug().as_str();
        let changes = match before {
            Some(before) => compare_revisions(before, after)
                .into_iter()
                .map(ChangedCell::from)
                .collect(),
            None => every_cell(after),
        };
        let compare = if number > 1 {
            format!(
                "/skills/{slug}/history/compare?from={}&to={number}",
                number - 1
            )
        } else {
            format!("/skills/{slug}/history")
        };
        let data = RevisionPublished {
            skill: SkillRef::of(after),
            revision: number,
            proposal_id: proposal.map(|(id, _)| id),
            author: proposal.map(|(_, author)| author.to_owned()),
            changes,
            links: RevisionLinks {
                skill: links.link(&format!("/skills/{slug}")),
                changes: links.link(&compare),
                api: links.link(&format!("/api/v1/skills/{slug}/revisions/{number}")),
                proposal: proposal
                    .map(|(id, _)| links.link(&format!("/skills/{slug}/proposals/{id}"))),
            },
        };
        Self::at(EventKind::RevisionPublished, now, EventData::Revision(data))
    }

    /// `proposal.opened` or, once `proposal` is decided, `proposal.decided`, about a
    /// proposal of `skill`.
    pub fn proposal(links: &SiteLinks, skill: SkillRef, proposal: ProposalFacts, now: i64) -> Self {
        let kind = if proposal.decided_by.is_some() {
            EventKind::ProposalDecided
        } else {
            EventKind::ProposalOpened
        };
        let slug = &skill.slug;
        let links = ProposalLinks {
            proposal: links.link(&format!("/skills/{slug}/proposals/{}", proposal.id)),
            skill: links.link(&format!("/skills/{slug}")),
        };
        let data = ProposalEvent {
            skill,
            proposal,
            links,
        };
        Self::at(kind, now, EventData::Proposal(data))
    }

    fn at(kind: EventKind, now: i64, data: EventData) -> Self {
        Self {
            kind,
            timestamp: rfc3339(now),
            data,
        }
    }
}

/// Every cell of a new skill, as added.
fn every_cell(profile: &Profile) -> Vec<ChangedCell> {
    let mut cells = Vec::new();
    for (li, level) in profile.levels().iter().enumerate() {
        for (ri, role) in profile.roles().iter().enumerate() {
            cells.push(ChangedCell::from(CellDiff {
                place: format!("{} at {}", role.name, level.name),
                role: role.id.to_string(),
                level: level.id.to_string(),
                before: None,
                after: profile.cell(li, ri).cloned(),
            }));
        }
    }
    cells
}

/// A time in seconds since 1970 as RFC 3339 in UTC (`2026-03-17T09:30:00Z`).
pub fn rfc3339(seconds: i64) -> String {
    let of_day = seconds.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        Date::from_unix_seconds(seconds),
        of_day / 3_600,
        of_day % 3_600 / 60,
        of_day % 60
    )
}

#[cfg(test)]
#[expect(
    clippy::unwrap_used,
    reason = "a test fails by panicking; the workspace lint guards request paths"
)]
mod tests {
    use super::*;
    use crate::model::profile::tests::parts;

    fn profile() -> Profile {
        Profile::try_from(parts()).unwrap()
    }

    #[test]
    fn event_kinds_are_named_as_on_the_wire_and_parsed_back() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
        assert_eq!(EventKind::parse("revision.deleted"), None);
    }

    #[test]
    fn an_event_list_keeps_each_kind_once_and_refuses_unknown_or_empty_ones() {
        assert_eq!(
            EventKind::parse_list("proposal.decided, revision.published,proposal.decided"),
            Ok(vec![
                EventKind::RevisionPublished,
                EventKind::ProposalDecided
            ])
        );
        let unknown = EventKind::parse_list("revision.published,comment.added").unwrap_err();
        assert!(
            unknown.contains("`comment.added` is not an event"),
            "{unknown}"
        );
        assert!(unknown.contains("proposal.opened"), "{unknown}");
        assert!(EventKind::parse_list(" , ").is_err());
    }

    #[test]
    fn links_are_absolute_with_a_public_address_and_paths_without_one() {
        let public = SiteLinks::new(Some("https://skills.example.com".into()), "/kb".into());
        assert_eq!(
            public.link("/skills/x"),
            "https://skills.example.com/kb/skills/x"
        );
        assert_eq!(SiteLinks::default().link("/skills/x"), "/skills/x");
    }

    #[test]
    fn times_are_rfc_3339_in_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_773_739_845), "2026-03-17T09:30:45Z");
    }

    #[test]
    fn a_published_revision_lists_each_changed_cell_with_its_flags() {
        let before = profile();
        let mut changed = parts();
        changed.cells[0][0].text = "Something new.".into();
        changed.cells[0][0].required = !before.cell(0, 0).unwrap().required;
        let after = Profile::try_from(changed).unwrap();
        let links = SiteLinks::new(Some("https://s.example".into()), String::new());
        let event =
            Event::revision_published(&links, Some(&before), &after, 3, Some((7, "ada")), 0);
        assert_eq!(event.kind, EventKind::RevisionPublished);
        let EventData::Revision(data) = &event.data else {
            panic!("{event:?}");
        };
        let slug = after.slug().as_str();
        assert_eq!((data.revision, data.proposal_id), (3, Some(7)));
        assert_eq!(data.changes.len(), 1);
        let cell = &data.changes[0];
        assert_eq!(cell.after.as_deref(), Some("Something new."));
        assert_eq!(
            cell.before.as_deref(),
            before.cell(0, 0).map(|c| c.text.as_str())
        );
        assert_ne!(cell.required_before, cell.required_after);
        assert_eq!(cell.level, before.levels()[0].id.as_str());
        assert_eq!(
            data.links.changes,
            format!("https://s.example/skills/{slug}/history/compare?from=2&to=3")
        );
        assert_eq!(
            data.links.proposal.as_deref(),
            Some(format!("https://s.example/skills/{slug}/proposals/7").as_str())
        );
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["type"], "revision.published");
        assert_eq!(json["data"]["skill"]["slug"], slug);
        assert_eq!(serde_json::from_value::<Event>(json).unwrap(), event);
    }

    #[test]
    fn a_new_skill_publishes_every_cell_as_added() {
        let after = profile();
        let event = Event::revision_published(&SiteLinks::default(), None, &after, 1, None, 0);
        let EventData::Revision(data) = event.data else {
            panic!("a revision");
        };
        let cells = after.levels().len() * after.roles().len();
        assert_eq!(data.changes.len(), cells);
        assert!(data.changes.iter().all(|c| c.before.is_none()));
        assert_eq!(
            data.links.changes,
            format!("/skills/{}/history", after.slug())
        );
        assert_eq!((data.proposal_id, data.links.proposal), (None, None));
    }

    #[test]
    fn a_proposal_event_is_opened_until_someone_decides_it() {
        let facts = ProposalFacts::open(4, "ada", 1, 2, "Clearer.");
        let opened = Event::proposal(
            &SiteLinks::default(),
            SkillRef::of(&profile()),
            facts.clone(),
            0,
        );
        assert_eq!(opened.kind, EventKind::ProposalOpened);
        let decided = facts.decided(Status::Rejected, "grace", Some("Not yet.".into()), None);
        let event = Event::proposal(&SiteLinks::default(), SkillRef::of(&profile()), decided, 0);
        assert_eq!(event.kind, EventKind::ProposalDecided);
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["data"]["proposal"]["status"], "rejected");
        assert_eq!(json["data"]["proposal"]["decided_by"], "grace");
        assert_eq!(
            json["data"]["links"]["proposal"],
            format!("/skills/{}/proposals/4", profile().slug())
        );
        assert_eq!(serde_json::from_value::<Event>(json).unwrap(), event);
    }
}

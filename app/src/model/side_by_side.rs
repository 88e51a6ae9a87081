//! Two role/level pairs side by side: two levels of one role (what is new), two roles at a
//! level (switching tracks), in one skill or across every skill where either appears. Each
//! pair of cells as a word diff, required/optional changes called out.

use super::catalog::{paginate_by, PAGE_SIZE};
use super::{diff_words, Catalog, Change, Expectation, Level, Profile, Role};
use serde::{Deserialize, Serialize};

/// One side of a comparison as the address names it: `<role>/<level>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Side {
    /// Role id.
    pub role: String,
    /// Level id.
    pub level: String,
}

impl Side {
    /// Reads `dba/senior`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let (role, level) = text.split_once('/')?;
        let ok = |s: &str| !s.is_empty() && !s.contains('/');
        (ok(role) && ok(level)).then(|| Self {
            role: role.to_owned(),
            level: level.to_owned(),
        })
    }

    /// As the address writes it.
    pub fn param(&self) -> String {
        format!("{}/{}", self.role, self.level)
    }
}

/// A side as the page names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideName {
    /// `dba/senior`.
    pub param: String,
    /// Role name.
    pub role: String,
    /// Level name.
    pub level: String,
}

impl SideName {
    /// "DBA at Senior".
    pub fn label(&self) -> String {
        format!("{} at {}", self.role, self.level)
    }
}

/// How the requirement moves from side A to side B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shift {
    /// Required on both sides, or optional on both.
    Same,
    /// Optional for A, required for B.
    BecomesRequired,
    /// Required for A, optional for B.
    BecomesOptional,
    /// Only A has an expectation in this skill.
    OnlyA,
    /// Only B has one.
    OnlyB,
}

/// One skill's two cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellPair {
    /// Skill URL name.
    pub slug: String,
    /// Skill title.
    pub title: String,
    /// "Domain › Group".
    pub place: String,
    /// Side A's expectation, if the skill has it.
    pub a: Option<Expectation>,
    /// Side B's.
    pub b: Option<Expectation>,
    /// B's text as word changes from A's (both present), else empty.
    pub changes: Vec<Change>,
    /// How the requirement moves.
    pub shift: Shift,
}

/// How many skills of the comparison (all pages) move in each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftCounts {
    /// Skills with both cells whose texts differ.
    pub changed: usize,
    /// Skills with both cells reading the same.
    pub same_text: usize,
    /// Optional for A, required for B.
    pub becomes_required: usize,
    /// Required for A, optional for B.
    pub becomes_optional: usize,
    /// Only A has the skill.
    pub only_a: usize,
    /// Only B has it.
    pub only_b: usize,
}

/// A comparison of two sides in one skill or across the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideBySide {
    /// Side A.
    pub a: SideName,
    /// Side B.
    pub b: SideName,
    /// This page's skills, in catalog order.
    pub pairs: Vec<CellPair>,
    /// Over all pages.
    pub counts: ShiftCounts,
    /// Skills compared, all pages.
    pub total: usize,
    /// This page, from 1.
    pub page: usize,
    /// Number of pages (at least 1).
    pub pages: usize,
}

/// A role/level pair the form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideOption {
    /// Role name, the option's group.
    pub role: String,
    /// `dba/senior`.
    pub param: String,
    /// Level name.
    pub level: String,
}

/// The compare page: the skill compared in (if one), the form's options, the two sides
/// chosen and the comparison, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideBySideView {
    /// (slug, title) of the one skill compared, `None` across the catalog.
    pub skill: Option<(String, String)>,
    /// Every role/level pair, grouped by role in role order.
    pub options: Vec<SideOption>,
    /// Side A as chosen (or defaulted).
    pub a: String,
    /// Side B.
    pub b: String,
    /// The comparison, or the sentence saying why there is none.
    pub result: Result<SideBySide, String>,
}

/// The options of `roles` (id, name, levels; in the order given): each role with its levels.
fn options<'a>(roles: impl Iterator<Item = (&'a str, &'a str, &'a [Level])>) -> Vec<SideOption> {
    roles
        .flat_map(|(id, name, levels)| {
            levels.iter().map(move |l| SideOption {
                role: name.to_owned(),
                param: format!("{id}/{}", l.id),
                level: l.name.clone(),
            })
        })
        .collect()
}

/// The cell of `side` in `profile`.
fn cell<'p>(profile: &'p Profile, side: &Side) -> Option<&'p Expectation> {
    profile.cell(
        profile.level_index(&side.level)?,
        profile.role_index(&side.role)?,
    )
}

/// How the requirement moves in one skill, `None` when neither side has a cell there.
fn shift(profile: &Profile, a: &Side, b: &Side) -> Option<Shift> {
    Some(match (cell(profile, a), cell(profile, b)) {
        (None, None) => return None,
        (Some(_), None) => Shift::OnlyA,
        (None, Some(_)) => Shift::OnlyB,
        (Some(x), Some(y)) if !x.required && y.required => Shift::BecomesRequired,
        (Some(x), Some(y)) if x.required && !y.required => Shift::BecomesOptional,
        _ => Shift::Same,
    })
}

/// The two cells of one skill, which moves as `shift` says.
fn pair(profile: &Profile, a: &Side, b: &Side, shift: Shift) -> CellPair {
    let (ca, cb) = (cell(profile, a), cell(profile, b));
    CellPair {
        slug: profile.slug().to_string(),
        title: profile.title().to_owned(),
        place: format!("{} › {}", profile.domain(), profile.group()),
        changes: match (ca, cb) {
            (Some(x), Some(y)) => diff_words(&x.text, &y.text),
            _ => Vec::new(),
        },
        a: ca.cloned(),
        b: cb.cloned(),
        shift,
    }
}

impl Catalog {
    /// Compares `a` with `b` (each `<role>/<level>`, defaulted to the first role's first
    /// two levels) in skill `skill` or across every skill; `None` for an unknown skill.
    pub fn side_by_side(
        &self,
        skill: Option<&str>,
        a: Option<&str>,
        b: Option<&str>,
        page: usize,
    ) -> Option<SideBySideView> {
        let one = match skill.filter(|s| !s.is_empty()) {
            Some(slug) => Some(self.get(slug)?),
            None => None,
        };
        let scope: Vec<&Profile> = match one {
            Some(p) => vec![p],
            None => self.profiles().iter().collect(),
        };
        let options = match one {
            Some(p) => {
                let mut roles: Vec<&Role> = p.roles().iter().collect();
                roles.sort_by(|a, b| a.name.cmp(&b.name));
                options(
                    roles
                        .into_iter()
                        .map(|r| (r.id.as_str(), r.name.as_str(), p.levels())),
                )
            }
            None => options(self.roles().iter().map(|r| {
                let id = r.role.id.as_str();
                (id, r.role.name.as_str(), self.role_levels(id))
            })),
        };
        let default = |n: usize| {
            options
                .get(n.min(options.len().saturating_sub(1)))
                .map(|o| o.param.clone())
                .unwrap_or_default()
        };
        let a = a
            .filter(|s| !s.is_empty())
            .map_or_else(|| default(0), str::to_owned);
        let b = b
            .filter(|s| !s.is_empty())
            .map_or_else(|| default(1), str::to_owned);
        let name = |param: &str| {
            options.iter().find(|o| o.param == param).map(|o| SideName {
                param: o.param.clone(),
                role: o.role.clone(),
                level: o.level.clone(),
            })
        };
        let where_ = if one.is_some() {
            "this skill"
        } else {
            "any skill"
        };
        let result = match (name(&a), name(&b)) {
            (None, _) => Err(format!(
                "“{a}” is not a role and level of {where_}. Choose one below."
            )),
            (_, None) => Err(format!(
                "“{b}” is not a role and level of {where_}. Choose one below."
            )),
            (Some(na), Some(nb)) => {
                let (sa, sb) = (Side::parse(&a), Side::parse(&b));
                let (Some(sa), Some(sb)) = (sa, sb) else {
                    return None;
                };
                Ok(compare_sides(&scope, na, nb, &sa, &sb, page))
            }
        };
        Some(SideBySideView {
            skill: one.map(|p| (p.slug().to_string(), p.title().to_owned())),
            options,
            a,
            b,
            result,
        })
    }
}

/// The comparison of `sa` with `sb` over `scope`, page `page`.
fn compare_sides(
    scope: &[&Profile],
    a: SideName,
    b: SideName,
    sa: &Side,
    sb: &Side,
    page: usize,
) -> SideBySide {
    // Every skill is counted, each looked at once; only this page's pairs are diffed.
    let all: Vec<(&Profile, Shift)> = scope
        .iter()
        .filter_map(|p| Some((*p, shift(p, sa, sb)?)))
        .collect();
    let mut counts = ShiftCounts::default();
    for &(p, shift) in &all {
        match shift {
            Shift::OnlyA => counts.only_a += 1,
            Shift::OnlyB => counts.only_b += 1,
            Shift::BecomesRequired => counts.becomes_required += 1,
            Shift::BecomesOptional => counts.becomes_optional += 1,
            Shift::Same => {}
        }
        if let (Some(x), Some(y)) = (cell(p, sa), cell(p, sb)) {
            if x.text == y.text {
                counts.same_text += 1;
            } else {
                counts.changed += 1;
            }
        }
    }
    let (page, pages, range) = paginate_by(PAGE_SIZE, all.len(), page);
    let total = all.len();
    SideBySide {
        a,
        b,
        pairs: all[range]
            .iter()
            .map(|&(p, shift)| pair(p, sa, sb, shift))
            .collect(),
        counts,
        total,
        page,
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plan::tests::skill;

    fn catalog() -> Catalog {
        Catalog::new(vec![
            skill("alpha", "Data", "Storage", false),
            skill("ops", "Operations", "Running", true),
        ])
    }

    #[test]
    fn a_side_is_a_role_and_a_level() {
        assert_eq!(
            Side::parse("dba/senior").map(|s| s.param()),
            Some("dba/senior".to_owned())
        );
        for bad in ["dba", "dba/", "/senior", "a/b/c", ""] {
            assert_eq!(Side::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn two_levels_of_one_role_show_what_is_new_and_what_becomes_required() {
        let view = catalog()
            .side_by_side(Some("ops"), Some("dba/middle"), Some("dba/senior"), 1)
            .expect("a known skill");
        let c = view.result.expect("a comparison");
        assert_eq!(c.a.label(), "DBA at Middle");
        let p = &c.pairs[0];
        assert_eq!(p.shift, Shift::BecomesRequired);
        assert!(p.changes.contains(&Change::Added("and tests ".into())));
        assert_eq!(c.counts.becomes_required, 1);
    }

    #[test]
    fn two_roles_across_the_framework_are_compared_skill_by_skill() {
        let view = catalog()
            .side_by_side(None, Some("de/senior"), Some("dba/senior"), 1)
            .expect("always a view across the catalog");
        let c = view.result.expect("a comparison");
        assert_eq!(c.total, 2);
        let shifts: Vec<Shift> = c.pairs.iter().map(|p| p.shift).collect();
        assert_eq!(shifts, [Shift::BecomesOptional, Shift::Same]);
        assert_eq!(c.counts.changed, 2);
    }

    #[test]
    fn the_form_offers_every_role_with_its_levels_and_defaults_to_the_first_two() {
        let view = catalog().side_by_side(None, None, None, 1).expect("a view");
        assert_eq!(view.options.len(), 6);
        assert_eq!(view.options[0].role, "DBA");
        assert_eq!(
            (view.a.as_str(), view.b.as_str()),
            ("dba/junior", "dba/middle")
        );
    }

    #[test]
    fn an_unknown_side_or_skill_is_named() {
        let c = catalog();
        assert_eq!(c.side_by_side(Some("nope"), None, None, 1), None);
        let view = c
            .side_by_side(None, Some("dba/guru"), Some("dba/senior"), 1)
            .expect("a view");
        assert_eq!(
            view.result,
            Err("“dba/guru” is not a role and level of any skill. Choose one below.".into())
        );
    }
}

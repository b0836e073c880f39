//! The schedule's phases: each has dates that make sense on its own, the
//! relative deadlines resolve, and the resolved phases keep their declared
//! order, stay inside their parent phase and inside the year.

use chrono::Datelike;

use crate::diag::Diagnostics;
use crate::load::files::locate;
use crate::load::{Source, Year};
use crate::model::schedule::{resolve, Deadline, Phase, RelativeDeadline, Resolved, Window};

/// A relative deadline counts at most a year of working days.
const MAX_WORKING_DAYS: u32 = 250;

/// Each phase on its own, before anything is resolved.
pub fn phase_dates(year: &Year, diags: &mut Diagnostics) {
    let src = &year.sources["schedule.yaml"];
    for p in &year.phases {
        for w in &p.windows {
            if w.from.start_instant() >= w.to.end_instant() {
                diags.push(locate(
                    crate::diag!(
                        Error,
                        "window-ends-before-start",
                        phase = &p.id,
                        from = w.from.to_string(),
                        to = w.to.to_string()
                    ),
                    src,
                    &format!("id: {}", p.id),
                ));
            }
        }
        if p.windows.is_empty() && p.deadline.is_none() {
            diags.push(locate(
                crate::diag!(Error, "phase-without-dates", phase = &p.id),
                src,
                &format!("id: {}", p.id),
            ));
        }
        if let Some(Deadline::Relative(r)) = &p.deadline {
            relative_deadline(year, p, r, src, diags);
        }
    }
}

fn relative_deadline(
    year: &Year,
    p: &Phase,
    r: &RelativeDeadline,
    src: &Source,
    diags: &mut Diagnostics,
) {
    if r.working_days == 0 || r.working_days > MAX_WORKING_DAYS {
        diags.push(locate(
            crate::diag!(
                Error,
                "working-days-out-of-range",
                phase = &p.id,
                days = r.working_days,
                max = MAX_WORKING_DAYS
            ),
            src,
            &format!("working_days: {}", r.working_days),
        ));
    }
    if !year.phases.iter().any(|q| q.id == r.after) {
        let ids = year.phases.iter().map(|q| q.id.as_str());
        let mut d = locate(
            crate::diag!(
                Error,
                "deadline-after-unknown-phase",
                phase = &p.id,
                after = &r.after
            ),
            src,
            &format!("after: {}", r.after),
        );
        if let Some(m) = crate::diag::did_you_mean(&r.after, ids) {
            d = d.hint(m);
        }
        diags.push(d);
    }
}

/// The schedule with its deadlines computed; None (reported) when the
/// deadlines refer to each other in a cycle.
pub fn resolve_or_report(year: &Year, diags: &mut Diagnostics) -> Option<Vec<Resolved>> {
    let src = &year.sources["schedule.yaml"];
    match resolve(&year.phases, &year.calendar) {
        Ok(r) => Some(r),
        Err(ids) => {
            // An unknown `after` is reported already; only the phases themselves.
            for id in ids
                .iter()
                .filter(|id| year.phases.iter().any(|q| &q.id == *id))
            {
                diags.push(locate(
                    crate::diag!(Error, "deadline-cycle", phase = id),
                    src,
                    &format!("after: {id}"),
                ));
            }
            None
        }
    }
}

/// Phases follow their declared order; a phase `within` another lies inside it.
pub fn order(year: &Year, resolved: &[Resolved], diags: &mut Diagnostics) {
    let src = &year.sources["schedule.yaml"];
    let mut previous: Option<&Resolved> = None;
    for (phase, r) in year.phases.iter().zip(resolved) {
        let at = format!("id: {}", phase.id);
        if let Some(parent_id) = &phase.within {
            // A sub-phase is ordered by its parent, not among the others.
            within_parent(phase, r, parent_id, resolved, src, diags);
            continue;
        }
        if let Some(prev) = previous {
            not_before(prev, r, src, &at, diags);
        }
        previous = Some(r);
        if phase.working_days_only {
            for w in &r.windows {
                no_day_off(year, phase, w, src, &at, diags);
            }
        }
    }
}

fn within_parent(
    phase: &Phase,
    r: &Resolved,
    parent_id: &str,
    resolved: &[Resolved],
    src: &Source,
    diags: &mut Diagnostics,
) {
    let Some(parent) = resolved.iter().find(|r| r.id == parent_id) else {
        diags.push(locate(
            crate::diag!(
                Error,
                "within-unknown-phase",
                phase = &phase.id,
                parent = parent_id
            ),
            src,
            &format!("within: {parent_id}"),
        ));
        return;
    };
    let (ps, pe) = (parent.start(), parent.end());
    for w in &r.windows {
        let inside = ps.is_some_and(|s| w.from.start_instant() >= s.start_instant())
            && pe.is_some_and(|e| w.to.end_instant() <= e.end_instant());
        if !inside {
            let span = parent.text(Default::default(), Default::default());
            diags.push(locate(
                crate::diag!(
                    Error,
                    "outside-parent-phase",
                    phase = &phase.id,
                    from = w.from.to_string(),
                    to = w.to.to_string(),
                    parent = parent_id,
                    span = span
                ),
                src,
                &format!("id: {}", phase.id),
            ));
        }
    }
}

/// A phase starts no earlier than the one declared before it.
fn not_before(prev: &Resolved, r: &Resolved, src: &Source, at: &str, diags: &mut Diagnostics) {
    let key = |r: &Resolved| r.start().or(r.deadline).map(|w| w.start_instant());
    let (Some(start), Some(prev_start)) = (key(r), key(prev)) else {
        return;
    };
    if start >= prev_start {
        return;
    }
    let first = |r: &Resolved| {
        r.start()
            .or(r.deadline)
            .map(|w| w.to_string())
            .unwrap_or_default()
    };
    diags.push(locate(
        crate::diag!(
            Error,
            "phase-out-of-order",
            phase = &r.id,
            start = first(r),
            previous = &prev.id,
            previous_start = first(prev)
        ),
        src,
        at,
    ));
}

/// Every day of a working-days-only window is a working day.
fn no_day_off(
    year: &Year,
    phase: &Phase,
    w: &Window,
    src: &Source,
    at: &str,
    diags: &mut Diagnostics,
) {
    let mut d = w.from.date();
    loop {
        if !year.calendar.is_working_day(d) {
            diags.push(locate(
                crate::diag!(
                    Error,
                    "phase-on-day-off",
                    phase = &phase.id,
                    date = d.to_string()
                ),
                src,
                at,
            ));
        }
        match d.succ_opt() {
            Some(next) if next <= w.to.date() => d = next,
            _ => break,
        }
    }
}

/// A schedule date outside the notice's year is worth a second look.
pub fn outside_year(year: &Year, resolved: &[Resolved], diags: &mut Diagnostics) {
    let src = &year.sources["schedule.yaml"];
    for r in resolved {
        let dates = r
            .windows
            .iter()
            .flat_map(|w| [w.from, w.to])
            .chain(r.deadline);
        for w in dates {
            if w.date().year() != year.year {
                diags.push(locate(
                    crate::diag!(
                        Warning,
                        "phase-outside-year",
                        phase = &r.id,
                        date = w.to_string(),
                        year = year.year
                    ),
                    src,
                    &format!("id: {}", r.id),
                ));
            }
        }
    }
}

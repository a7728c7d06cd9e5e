//! Who has not answered: per measurement point, everyone of the report whose link is not
//! answered, with its last valid day and whether it has expired or expires soon, and beside
//! each expired link a button that makes a new one.

use asi_i18n::Lang;
use asi_protocol::LinkState;
use asi_report::report::{LinkRates, Unanswered};
use leptos::prelude::*;

use super::texts;

const DA: Lang = Lang::Da;

/// A new link asked for: the person's reference, the timepoint and the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    pub reference: String,
    pub timepoint: String,
    pub form: String,
}

/// The form's title ("ASI kort"), or its id.
pub fn form_title(id: &str) -> String {
    asi_instrument::instrument()
        .form(id)
        .map_or_else(|| id.to_owned(), |f| f.title.get(DA).to_owned())
}

fn state_text(u: &Unanswered, soon_days: i64) -> String {
    match (u.state, u.expires_soon) {
        (LinkState::Open, true) => texts::STATE_SOON.fill(DA, &[("days", &soon_days)]),
        (LinkState::Open, false) => texts::STATE_OPEN.get(DA).to_owned(),
        _ => texts::STATE_EXPIRED.get(DA).to_owned(),
    }
}

fn state_id(u: &Unanswered) -> &'static str {
    match (u.state, u.expires_soon) {
        (LinkState::Open, true) => "soon",
        (LinkState::Open, false) => "open",
        _ => "expired",
    }
}

/// The list. `rates` is `None` when the links' states were not fetched; `can_make` says
/// whether the reader token is there to register new links; `making` is the link being
/// made; `make` asks for one.
#[component]
pub fn UnansweredList(
    rates: Option<LinkRates>,
    points: Vec<asi_reader::TimepointLabel>,
    can_make: bool,
    making: ReadSignal<Option<Ask>>,
    make: Callback<Ask>,
) -> impl IntoView {
    let body = match rates {
        None => view! { <p>{texts::NO_LINK_STATES.get(DA)}</p> }.into_any(),
        Some(r) if r.unanswered.is_empty() => {
            view! { <p id="all-answered">{texts::ALL_ANSWERED.get(DA)}</p> }.into_any()
        }
        Some(r) => {
            let soon_days = r.soon_days;
            let groups: Vec<(asi_reader::TimepointLabel, Vec<Unanswered>)> = points
                .into_iter()
                .map(|p| {
                    let here = r
                        .unanswered
                        .iter()
                        .filter(|u| u.timepoint.id == p.id)
                        .cloned()
                        .collect::<Vec<_>>();
                    (p, here)
                })
                .filter(|(_, here)| !here.is_empty())
                .collect();
            view! {
                {(!can_make).then(|| view! { <p class="notice">{texts::NEEDS_TOKEN.get(DA)}</p> })}
                {groups
                    .into_iter()
                    .map(|(point, here)| {
                        let title = point.title.get(DA).to_owned();
                        let heading_id = format!("unanswered-{}", point.id);
                        let count = texts::POINT_COUNT.fill(DA, &[("point", &title), ("n", &here.len())]);
                        view! {
                            <h3 id=heading_id.clone()>
                                {count}
                            </h3>
                            <div class="table-scroll" tabindex="0" role="region" aria-labelledby=heading_id.clone()>
                                <table class="data unanswered" data-timepoint=point.id.clone()>
                                    <thead>
                                        <tr>
                                            <th scope="col">{texts::COL_REFERENCE.get(DA)}</th>
                                            <th scope="col">{texts::COL_FORM.get(DA)}</th>
                                            <th scope="col">{texts::COL_EXPIRES.get(DA)}</th>
                                            <th scope="col">{texts::COL_STATE.get(DA)}</th>
                                            {can_make.then(|| view! { <th scope="col" class="no-print">{texts::COL_ACTION.get(DA)}</th> })}
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {here
                                            .into_iter()
                                            .map(move |u| row(u, &title, soon_days, can_make, making, make))
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                    })
                    .collect_view()}
            }
            .into_any()
        }
    };
    view! {
        <section class="result-block" aria-labelledby="unanswered-heading" id="unanswered">
            <h2 id="unanswered-heading">{texts::UNANSWERED_HEADING.get(DA)}</h2>
            <p>{texts::UNANSWERED_INTRO.get(DA)}</p>
            {body}
        </section>
    }
}

fn row(
    u: Unanswered,
    point_title: &str,
    soon_days: i64,
    can_make: bool,
    making: ReadSignal<Option<Ask>>,
    make: Callback<Ask>,
) -> impl IntoView + use<> {
    let ask = Ask {
        reference: u.reference.clone(),
        timepoint: u.timepoint.id.clone(),
        form: u.form.clone(),
    };
    let expired = u.state != LinkState::Open;
    let hidden =
        texts::NEW_LINK_FOR.fill(DA, &[("reference", &u.reference), ("point", &point_title)]);
    let action = can_make.then(|| {
        let this = ask.clone();
        let busy = move || making.get().as_ref() == Some(&this);
        let any_busy = move || making.get().is_some();
        view! {
            <td class="no-print">
                {expired
                    .then(|| {
                        let ask = ask.clone();
                        view! {
                            <button
                                type="button"
                                class="button secondary"
                                disabled=any_busy
                                on:click=move |_| make.run(ask.clone())
                            >
                                {move || if busy() { texts::MAKING_LINK.get(DA) } else { texts::NEW_LINK.get(DA) }}
                                <span class="visually-hidden">{hidden.clone()}</span>
                            </button>
                        }
                    })}
            </td>
        }
    });
    view! {
        <tr
            data-reference=u.reference.clone()
            data-state=state_id(&u)
            data-expires=u.expires.clone()
        >
            <th scope="row">{u.reference.clone()}</th>
            <td>{form_title(&u.form)}</td>
            <td>{u.expires.clone()}</td>
            <td>{state_text(&u, soon_days)}</td>
            {action}
        </tr>
    }
}

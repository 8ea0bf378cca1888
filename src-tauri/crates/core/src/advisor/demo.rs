//! Synthetic cases for trying the register and for the benchmarks
//! (`vertrouwd demo`). Only ever written into an empty register, so made-up
//! cases can never mix with real ones.

use chrono::{DateTime, Days, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::model::*;
use super::store::{self, NewCase, NewConversation};

/// A small deterministic generator (xorshift), so the same request gives
/// the same register.
#[derive(Debug)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Ayşe",
    "Çağrı",
    "Jan",
    "Geneviève",
    "Mohammed",
    "Sanne",
    "Priya",
    "Luuk",
    "Fatima",
    "Noël",
];
const LAST: &[&str] = &[
    "Yılmaz",
    "Öztürk",
    "de Vries",
    "Müller",
    "El Amrani",
    "Jansen",
    "Bakker",
    "Visser",
];
const WORDS: &[&str] = &[
    "rooster",
    "overleg",
    "teamvergadering",
    "opmerking",
    "leidinggevende",
    "collega",
    "werkdruk",
    "coördinatie",
    "ideeën",
    "bemiddeling",
    "gesprek",
    "afspraak",
    "klacht",
    "intimidatie",
    "uitsluiting",
    "grap",
    "appgroep",
    "beoordeling",
    "verzuim",
    "nazorg",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s: Vec<&str> = (0..words).map(|_| rng.pick(WORDS)).collect();
    s.push("—");
    s.push(rng.pick(FIRST));
    s.join(" ")
}

/// Fills an empty register with `cases` cases and about `conversations`
/// conversations, first contacts spread over the years before `today`.
pub async fn fill(
    conn: &mut SqliteConnection,
    natures: &[Nature],
    cases: u32,
    conversations: u32,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let active: Vec<i64> = natures
        .iter()
        .filter(|n| !n.retired)
        .map(|n| n.id)
        .collect();
    let per_case = conversations as usize / cases.max(1) as usize;
    let extra = conversations as usize % cases.max(1) as usize;
    let span = 4 * 365;
    for i in 0..cases as usize {
        let first_contact = today - Days::new((rng.below(span) + 1) as u64);
        let named = rng.below(3) > 0;
        let case = NewCase {
            reference: None,
            first_contact,
            channel: rng.pick(&[
                Channel::InPerson,
                Channel::Phone,
                Channel::Video,
                Channel::Email,
            ]),
            reporter: named.then(|| Reporter {
                name: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
                phone: Some(format!("06-{:08}", rng.below(100_000_000))),
                email: None,
                contact_preference: None,
            }),
            reporter_role: rng.pick(&ReporterRole::ALL),
            department: Some(format!("Afdeling {}", 1 + rng.below(12))),
            gender: None,
            natures: vec![NatureChoice {
                nature_id: rng.pick(&active),
                ground: None,
            }],
            persons: vec![Person {
                relation: rng.pick(&Relation::ALL),
                name: (rng.below(2) == 0)
                    .then(|| format!("{} {}", rng.pick(FIRST), rng.pick(LAST))),
            }],
            outcome: None,
        };
        let (id, _) = store::add_case(conn, &case, "VP", now).await?;
        let n = per_case + usize::from(i < extra);
        for k in 0..n {
            let held_on = (first_contact + Days::new((k * 7) as u64)).min(today);
            store::add_conversation(
                conn,
                id,
                &NewConversation {
                    held_on,
                    minutes: 15 + 15 * rng.below(6) as i64,
                    mode: rng.pick(&[Channel::InPerson, Channel::Phone, Channel::Video]),
                    with_whom: None,
                    notes: sentence(&mut rng, 40),
                    next_step: None,
                },
                now,
            )
            .await?;
        }
        let age = (today - first_contact).num_days();
        if age > 90 && rng.below(4) > 0 {
            let closed_on = first_contact + Days::new((30 + rng.below(60)) as u64);
            store::close(
                conn,
                id,
                closed_on,
                rng.pick(&Outcome::ALL[..5]),
                false,
                now,
            )
            .await?;
        }
    }
    Ok(())
}

//! The clinic's register file (`docs/report.md` §2): one row per person, kept on the
//! clinic's machine beside the `ref,token,url` files. It says what the responses cannot: when
//! a course began and ended, how it ended, how many group sessions the person came to, and
//! the person's age and sex. Unknown columns are kept as grouping columns.
//!
//! A bad value is a [`Problem`] naming its line and column; the value is then treated as
//! missing and the rest of the row and the file are used. Only a file that is not CSV, or
//! has no `ref` column, cannot be used at all ([`RegisterError`]).

use std::collections::BTreeMap;

use asi_instrument::{Lang, cpr};
use serde::Serialize;
use thiserror::Error;

use crate::date::Day;

/// How a course ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    /// Færdigbehandlet: the course was completed as planned.
    Completed,
    /// Udeblevet: the person stayed away (dropped out).
    DroppedOut,
    /// Completed, and the person took the offer of aftercare (efterbehandling).
    Aftercare,
    /// Anden årsag: another treatment, the person's own wish, moved, prison, other.
    Other,
}

impl Ending {
    /// Every ending, in the order the report lists them.
    pub const ALL: [Ending; 4] = [
        Ending::Completed,
        Ending::DroppedOut,
        Ending::Aftercare,
        Ending::Other,
    ];

    /// The Danish name the report prints.
    pub fn label(self) -> &'static str {
        match self {
            Ending::Completed => "Færdigbehandlet",
            Ending::DroppedOut => "Udeblevet",
            Ending::Aftercare => "Efterbehandling",
            Ending::Other => "Anden årsag",
        }
    }

    fn parse(text: &str) -> Option<Ending> {
        match text.trim().to_lowercase().as_str() {
            "completed" | "færdigbehandlet" | "gennemført" => Some(Ending::Completed),
            "dropped_out" | "udeblevet" | "frafald" => Some(Ending::DroppedOut),
            "aftercare" | "efterbehandling" => Some(Ending::Aftercare),
            "other" | "anden årsag" | "anden" => Some(Ending::Other),
            _ => None,
        }
    }
}

/// A person's sex, as the register gives it or a CPR number's last digit says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Mand.
    Male,
    /// Kvinde.
    Female,
}

impl Sex {
    /// The Danish name the report prints.
    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "Mand",
            Sex::Female => "Kvinde",
        }
    }

    fn parse(text: &str) -> Option<Sex> {
        match text.trim().to_lowercase().as_str() {
            "m" | "mand" | "male" => Some(Sex::Male),
            "k" | "kvinde" | "f" | "female" => Some(Sex::Female),
            _ => None,
        }
    }
}

/// The register's known columns: the name in the file (English) and its Danish alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Column {
    Ref,
    IntakeDate,
    DischargeDate,
    Ending,
    Sessions,
    Age,
    BirthDate,
    Sex,
    Cpr,
}

impl Column {
    const ALL: [Column; 9] = [
        Column::Ref,
        Column::IntakeDate,
        Column::DischargeDate,
        Column::Ending,
        Column::Sessions,
        Column::Age,
        Column::BirthDate,
        Column::Sex,
        Column::Cpr,
    ];

    /// The English name and the Danish alias a header may use.
    fn names(self) -> [&'static str; 2] {
        match self {
            Column::Ref => ["ref", "reference"],
            Column::IntakeDate => ["intake_date", "indskrivningsdato"],
            Column::DischargeDate => ["discharge_date", "udskrivningsdato"],
            Column::Ending => ["ending", "udskrivningsårsag"],
            Column::Sessions => ["sessions", "gruppesessioner"],
            Column::Age => ["age", "alder"],
            Column::BirthDate => ["birth_date", "fødselsdato"],
            Column::Sex => ["sex", "køn"],
            Column::Cpr => ["cpr", "cpr-nummer"],
        }
    }

    fn of_header(name: &str) -> Option<Column> {
        let name = name.trim().to_lowercase();
        Column::ALL
            .into_iter()
            .find(|c| c.names().contains(&name.as_str()))
    }
}

/// One person of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterPerson {
    /// The line of the file the person is on (the header is line 1).
    pub line: u64,
    /// The clinic's reference (as in the `ref,token,url` files).
    pub reference: String,
    /// The first day of the course.
    pub intake_date: Option<Day>,
    /// The last day of the course; `None` while it goes on.
    pub discharge_date: Option<Day>,
    /// How the course ended; `None` while it goes on or when not registered.
    pub ending: Option<Ending>,
    /// Group sessions the person came to.
    pub sessions: Option<u32>,
    /// Age in whole years, as the `age` column gives it.
    pub age: Option<u32>,
    /// The day of birth, from `birth_date` or a CPR number.
    pub birth_date: Option<Day>,
    /// Sex, from `sex` or a CPR number.
    pub sex: Option<Sex>,
    /// The CPR number (ten digits), from `cpr` or, when references are CPR numbers, `ref`;
    /// it ties an identified intake to the person.
    pub cpr: Option<String>,
    /// The person's value in each grouping column that has one.
    pub groups: BTreeMap<String, String>,
}

impl RegisterPerson {
    /// The person's age on `day`: the `age` column as it is, else the whole years from the
    /// day of birth.
    pub fn age_on(&self, day: Option<Day>) -> Option<u32> {
        self.age
            .or_else(|| Some(self.birth_date?.whole_years_until(day?)))
    }
}

/// What is wrong with one value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProblemKind {
    /// Not a day (`YYYY-MM-DD` or `DD-MM-YYYY`).
    NotADay,
    /// Not one of the endings.
    UnknownEnding,
    /// Not a whole number of sessions (0–1000).
    NotSessions,
    /// Not an age in whole years (0–120).
    NotAnAge,
    /// Not a sex.
    UnknownSex,
    /// Not a CPR number.
    NotCpr,
    /// The discharge is before the intake.
    DischargeBeforeIntake,
    /// The reference is empty.
    EmptyReference,
    /// The reference is on an earlier line too; this row is left out.
    DuplicateReference {
        /// The earlier line.
        first_line: u64,
    },
}

/// A bad value: where it is, what it is, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The line of the file (the header is line 1).
    pub line: u64,
    /// The column, as the header names it.
    pub column: String,
    /// The value as written.
    pub value: String,
    /// What is wrong.
    #[serde(flatten)]
    pub kind: ProblemKind,
}

impl Problem {
    /// The problem for a person, in `lang`: the line, the column, the value and what to
    /// write instead.
    pub fn message(&self, lang: Lang) -> String {
        use texts::*;
        let what = match &self.kind {
            ProblemKind::NotADay => NOT_A_DAY.get(lang).to_owned(),
            ProblemKind::UnknownEnding => UNKNOWN_ENDING.get(lang).to_owned(),
            ProblemKind::NotSessions => NOT_SESSIONS.get(lang).to_owned(),
            ProblemKind::NotAnAge => NOT_AN_AGE.get(lang).to_owned(),
            ProblemKind::UnknownSex => UNKNOWN_SEX.get(lang).to_owned(),
            ProblemKind::NotCpr => NOT_CPR.get(lang).to_owned(),
            ProblemKind::DischargeBeforeIntake => DISCHARGE_BEFORE_INTAKE.get(lang).to_owned(),
            ProblemKind::EmptyReference => EMPTY_REFERENCE.get(lang).to_owned(),
            ProblemKind::DuplicateReference { first_line } => {
                DUPLICATE_REFERENCE.fill(lang, &[("first_line", first_line)])
            }
        };
        PROBLEM.fill(
            lang,
            &[
                ("line", &self.line),
                ("column", &self.column),
                ("value", &self.value),
                ("what", &what),
            ],
        )
    }
}

/// Why a register file cannot be used at all.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum RegisterError {
    /// The file is empty, or its first row names no `ref` column.
    #[error("{}", self.message(Lang::En))]
    NoRefColumn,
    /// Two columns of the header mean the same thing.
    #[error("{}", self.message(Lang::En))]
    DuplicateColumn(String),
    /// Not CSV (unbalanced quotes, say).
    #[error("{}", self.message(Lang::En))]
    Csv(#[from] csv::Error),
}

impl RegisterError {
    /// What is wrong, for a person, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use texts::*;
        match self {
            RegisterError::NoRefColumn => NO_REF_COLUMN.get(lang).to_owned(),
            RegisterError::DuplicateColumn(c) => DUPLICATE_COLUMN.fill(lang, &[("column", c)]),
            RegisterError::Csv(e) => NOT_CSV.fill(lang, &[("reason", e)]),
        }
    }
}

/// The texts of the register's problems and errors.
pub mod texts {
    asi_i18n::texts! {
        PROBLEM = (
            "registerfilen, linje {line}, kolonne «{column}»: «{value}» {what}",
            "the register file, line {line}, column \"{column}\": \"{value}\" {what}",
        );
        NOT_A_DAY = (
            "er ikke en dato; skriv fx 2026-03-01 eller 01-03-2026",
            "is not a day; write e.g. 2026-03-01 or 01-03-2026",
        );
        UNKNOWN_ENDING = (
            "er ikke en udskrivningsårsag; skriv færdigbehandlet, udeblevet, efterbehandling eller anden årsag",
            "is not an ending; write completed, dropped_out, aftercare or other",
        );
        NOT_SESSIONS = (
            "er ikke et antal gruppesessioner; skriv et helt tal fra 0 til 1000",
            "is not a number of group sessions; write a whole number from 0 to 1000",
        );
        NOT_AN_AGE = (
            "er ikke en alder; skriv hele år fra 0 til 120",
            "is not an age; write whole years from 0 to 120",
        );
        UNKNOWN_SEX = (
            "er ikke et køn; skriv mand eller kvinde (m eller k)",
            "is not a sex; write male or female (m or f)",
        );
        NOT_CPR = (
            "er ikke et cpr-nummer; skriv ti cifre, ddmmååxxxx eller ddmmåå-xxxx",
            "is not a CPR number; write ten digits, ddmmyyxxxx or ddmmyy-xxxx",
        );
        DISCHARGE_BEFORE_INTAKE = ("er før indskrivningsdatoen", "is before the intake date");
        EMPTY_REFERENCE = (
            "er tom; hver række skal have personens reference",
            "is empty; every row needs the person's reference",
        );
        DUPLICATE_REFERENCE = (
            "står også på linje {first_line}; rækken er ikke brugt",
            "is on line {first_line} too; this row is not used",
        );
        NO_REF_COLUMN = (
            "registerfilens første række skal navngive kolonnerne, og en af dem skal hedde ref",
            "the register file's first row must name its columns, one of them `ref`",
        );
        DUPLICATE_COLUMN = (
            "registerfilen har kolonnen {column} to gange",
            "the register file names the column {column} twice",
        );
        NOT_CSV = (
            "registerfilen er ikke gyldig CSV: {reason}",
            "the register file is not valid CSV: {reason}",
        );
    }
}

/// How to read a register.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The clinic's references are CPR numbers: a `ref` that is one gives the CPR number
    /// (and with it age and sex, where the row does not give them).
    pub refs_are_cpr: bool,
}

/// The register: its people, the problems found, and the grouping columns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Register {
    /// One per row with a reference, in file order.
    pub people: Vec<RegisterPerson>,
    /// Every bad value, in file order.
    pub problems: Vec<Problem>,
    /// The columns the register does not know, in file order: kept for grouping.
    pub group_columns: Vec<String>,
}

impl Register {
    /// Reads the register CSV `text`.
    pub fn parse(text: &str, options: ReadOptions) -> Result<Register, RegisterError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let mut records = reader.records();
        let header = records.next().ok_or(RegisterError::NoRefColumn)??;
        let mut known: BTreeMap<Column, usize> = BTreeMap::new();
        let mut groups: Vec<(usize, String)> = Vec::new();
        for (at, name) in header.iter().enumerate() {
            match Column::of_header(name) {
                Some(column) => {
                    if known.insert(column, at).is_some() {
                        return Err(RegisterError::DuplicateColumn(column.names()[0].into()));
                    }
                }
                None if name.trim().is_empty() => {}
                None => groups.push((at, name.trim().to_owned())),
            }
        }
        if !known.contains_key(&Column::Ref) {
            return Err(RegisterError::NoRefColumn);
        }
        let mut register = Register {
            group_columns: groups.iter().map(|(_, n)| n.clone()).collect(),
            ..Register::default()
        };
        let mut lines: BTreeMap<String, u64> = BTreeMap::new();
        for record in records {
            let record = record?;
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let line = record.position().map_or(0, |p| p.line());
            let mut row = Row {
                record: &record,
                header: &header,
                known: &known,
                line,
                problems: &mut register.problems,
            };
            let Some(reference) = row.value(Column::Ref) else {
                row.problem(Column::Ref, ProblemKind::EmptyReference);
                continue;
            };
            if let Some(&first_line) = lines.get(reference) {
                row.problem(Column::Ref, ProblemKind::DuplicateReference { first_line });
                continue;
            }
            lines.insert(reference.to_owned(), line);
            let intake_date = row.parse(Column::IntakeDate, Day::parse, ProblemKind::NotADay);
            let mut discharge_date =
                row.parse(Column::DischargeDate, Day::parse, ProblemKind::NotADay);
            if let (Some(intake), Some(discharge)) = (intake_date, discharge_date)
                && discharge < intake
            {
                row.problem(Column::DischargeDate, ProblemKind::DischargeBeforeIntake);
                discharge_date = None;
            }
            let whole =
                |max: u32| move |t: &str| t.trim().parse::<u32>().ok().filter(|n| *n <= max);
            let cpr_number = row
                .parse(Column::Cpr, |t| cpr::normalize(t).ok(), ProblemKind::NotCpr)
                .or_else(|| {
                    options
                        .refs_are_cpr
                        .then(|| cpr::normalize(reference).ok())
                        .flatten()
                });
            let cpr_birth = cpr_number.as_deref().and_then(|c| {
                let (y, m, d) = cpr::birth_date(c).ok()?;
                Day::new(y, m, d)
            });
            let cpr_sex = cpr_number
                .as_deref()
                .and_then(|c| cpr::is_female(c).ok())
                .map(|female| if female { Sex::Female } else { Sex::Male });
            let person = RegisterPerson {
                line,
                reference: reference.to_owned(),
                intake_date,
                discharge_date,
                ending: row.parse(Column::Ending, Ending::parse, ProblemKind::UnknownEnding),
                sessions: row.parse(Column::Sessions, whole(1000), ProblemKind::NotSessions),
                age: row.parse(Column::Age, whole(120), ProblemKind::NotAnAge),
                birth_date: row
                    .parse(Column::BirthDate, Day::parse, ProblemKind::NotADay)
                    .or(cpr_birth),
                sex: row
                    .parse(Column::Sex, Sex::parse, ProblemKind::UnknownSex)
                    .or(cpr_sex),
                cpr: cpr_number,
                groups: groups
                    .iter()
                    .filter_map(|(at, name)| {
                        let value = record.get(*at)?.trim();
                        (!value.is_empty()).then(|| (name.clone(), value.to_owned()))
                    })
                    .collect(),
            };
            register.people.push(person);
        }
        Ok(register)
    }

    /// The person with this reference.
    pub fn person(&self, reference: &str) -> Option<&RegisterPerson> {
        self.people.iter().find(|p| p.reference == reference)
    }
}

/// One row being read, collecting its problems.
struct Row<'a> {
    record: &'a csv::StringRecord,
    header: &'a csv::StringRecord,
    known: &'a BTreeMap<Column, usize>,
    line: u64,
    problems: &'a mut Vec<Problem>,
}

impl<'a> Row<'a> {
    /// The non-empty, trimmed value of `column`.
    fn value(&self, column: Column) -> Option<&'a str> {
        let at = *self.known.get(&column)?;
        let value = self.record.get(at)?.trim();
        (!value.is_empty()).then_some(value)
    }

    fn problem(&mut self, column: Column, kind: ProblemKind) {
        let at = self.known.get(&column).copied();
        self.problems.push(Problem {
            line: self.line,
            column: at
                .and_then(|a| self.header.get(a))
                .map_or_else(|| column.names()[0].to_owned(), |h| h.trim().to_owned()),
            value: at
                .and_then(|a| self.record.get(a))
                .unwrap_or("")
                .trim()
                .to_owned(),
            kind,
        });
    }

    /// The value of `column` read by `read`; an unreadable value is a problem of `kind`
    /// and counts as missing.
    fn parse<T>(
        &mut self,
        column: Column,
        read: impl Fn(&str) -> Option<T>,
        kind: ProblemKind,
    ) -> Option<T> {
        let value = self.value(column)?;
        let parsed = read(value);
        if parsed.is_none() {
            self.problem(column, kind);
        }
        parsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Register {
        Register::parse(text, ReadOptions::default()).unwrap()
    }

    #[test]
    fn a_full_row_is_read_and_unknown_columns_are_grouping_columns() {
        let r = parse(
            "ref,intake_date,discharge_date,ending,sessions,age,sex,afdeling\n\
             P-001,2026-01-05,20-04-2026,færdigbehandlet,12,24,kvinde,Nord\n\
             P-002,2026-01-12,,,3,,M,\n",
        );
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.group_columns, ["afdeling"]);
        let p = &r.people[0];
        assert_eq!(p.line, 2);
        assert_eq!(p.intake_date, Day::parse("2026-01-05"));
        assert_eq!(p.discharge_date, Day::parse("2026-04-20"));
        assert_eq!(p.ending, Some(Ending::Completed));
        assert_eq!(
            (p.sessions, p.age, p.sex),
            (Some(12), Some(24), Some(Sex::Female))
        );
        assert_eq!(p.groups["afdeling"], "Nord");
        let q = r.person("P-002").unwrap();
        assert_eq!(
            (q.discharge_date, q.ending, q.sex),
            (None, None, Some(Sex::Male))
        );
        assert!(q.groups.is_empty());
    }

    #[test]
    fn danish_column_names_are_accepted() {
        let r = parse(
            "reference,Indskrivningsdato,Udskrivningsårsag,Køn,Alder,Gruppesessioner\nA,01-02-2026,udeblevet,m,30,4\n",
        );
        let p = &r.people[0];
        assert_eq!(p.ending, Some(Ending::DroppedOut));
        assert_eq!((p.age, p.sessions), (Some(30), Some(4)));
    }

    #[test]
    fn each_bad_value_is_named_by_line_and_column_and_the_rest_is_kept() {
        let r = parse(
            "ref,intake_date,discharge_date,ending,sessions,age,sex\n\
             P-001,2026-13-01,2026-02-01,færdig,tolv,200,x\n\
             P-002,2026-03-01,2026-02-01,completed,5,30,k\n\
             ,2026-03-01,,,,,\n\
             P-002,2026-03-01,,,,,\n",
        );
        let found: Vec<(u64, &str, &str)> = r
            .problems
            .iter()
            .map(|p| (p.line, p.column.as_str(), p.value.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (2, "intake_date", "2026-13-01"),
                (2, "ending", "færdig"),
                (2, "sessions", "tolv"),
                (2, "age", "200"),
                (2, "sex", "x"),
                (3, "discharge_date", "2026-02-01"),
                (4, "ref", ""),
                (5, "ref", "P-002"),
            ]
        );
        assert_eq!(
            r.problems[1].message(Lang::Da),
            "registerfilen, linje 2, kolonne «ending»: «færdig» er ikke en udskrivningsårsag; \
             skriv færdigbehandlet, udeblevet, efterbehandling eller anden årsag"
        );
        assert_eq!(
            r.problems[7].message(Lang::Da),
            "registerfilen, linje 5, kolonne «ref»: «P-002» står også på linje 3; rækken er ikke brugt"
        );
        assert!(
            r.problems[5]
                .message(Lang::En)
                .contains("is before the intake date")
        );
        // The rows stay, with the bad values missing and the good ones kept.
        assert_eq!(r.people.len(), 2);
        let p = &r.people[0];
        assert_eq!(
            (p.intake_date, p.ending, p.sessions, p.age, p.sex),
            (None, None, None, None, None)
        );
        assert_eq!(p.discharge_date, Day::parse("2026-02-01"));
        let q = &r.people[1];
        assert_eq!(
            (q.discharge_date, q.ending, q.sex),
            (None, Some(Ending::Completed), Some(Sex::Female))
        );
    }

    #[test]
    fn age_and_sex_come_from_a_cpr_number() {
        let r = parse("ref,cpr,intake_date\nA,150690-1233,2026-06-14\nB,nope,\n");
        let a = &r.people[0];
        assert_eq!(a.cpr.as_deref(), Some("1506901233"));
        assert_eq!(a.sex, Some(Sex::Male));
        assert_eq!(a.age_on(a.intake_date), Some(35));
        assert_eq!(r.problems[0].kind, ProblemKind::NotCpr);
        assert_eq!(
            (r.problems[0].line, r.problems[0].column.as_str()),
            (3, "cpr")
        );
        // References that are CPR numbers, when the clinic says so.
        let r = Register::parse(
            "ref,sex\n0101901234,\n0101901233,kvinde\nP-7,\n",
            ReadOptions { refs_are_cpr: true },
        )
        .unwrap();
        assert_eq!(r.people[0].sex, Some(Sex::Female));
        assert_eq!(r.people[1].sex, Some(Sex::Female), "the sex column wins");
        assert_eq!(r.people[0].birth_date, Day::parse("1990-01-01"));
        assert_eq!(r.people[2].cpr, None);
        assert!(r.problems.is_empty());
        // An age column wins over the day of birth.
        let r = parse("ref,age,birth_date\nA,40,1990-01-01\nB,,1990-01-01\n");
        assert_eq!(r.people[0].age_on(Day::parse("2026-01-01")), Some(40));
        assert_eq!(r.people[1].age_on(Day::parse("2026-01-01")), Some(36));
        assert_eq!(r.people[1].age_on(None), None);
    }

    #[test]
    fn a_file_without_a_ref_column_or_not_csv_cannot_be_used() {
        let e = Register::parse("name,age\nA,3\n", ReadOptions::default()).unwrap_err();
        assert!(matches!(e, RegisterError::NoRefColumn));
        assert!(e.message(Lang::Da).contains("ref"));
        assert!(matches!(
            Register::parse("", ReadOptions::default()),
            Err(RegisterError::NoRefColumn)
        ));
        assert!(matches!(
            Register::parse("ref,ref\n", ReadOptions::default()),
            Err(RegisterError::DuplicateColumn(_))
        ));
    }
}

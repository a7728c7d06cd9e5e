"""The synthetic cohort of `crates/cli/tests/report.rs` and the statistics it is checked against.

Writes, beside this file:
  register.csv  the clinic's register file (docs/report.md §2): 60 people, ages, sexes, two
                sites, every course ending, sessions and course lengths spread; age and sex
                given as columns, as a day of birth or through a CPR number;
  answers.csv   what each person answered at each measurement point they answered at
                (intake, midway, discharge, followup_40w), one row per response;
  expected.json the odds ratios and Wald p-values of Tables 11-18 and the paired t-tests of
                Tables 8-9, computed here with statsmodels and scipy.

Run once with `python3 make_cohort.py` (it needs statsmodels: `pip install statsmodels`);
the versions used are written into expected.json. CI does not run it: the test reads the
files. The definitions below are those of docs/report.md, written again independently of
the Rust code.
"""

import csv
import datetime as dt
import json
import math
import os
import random

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
POINTS = ["intake", "midway", "discharge", "followup_40w"]
INCOMES = ["wage", "su", "unemployment_benefit", "sickness_benefit", "cash_benefit"]


def add_months(day, months):
    y, m = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + y, m + 1, min(day.day, 28))


def make(seed):
    rng = random.Random(seed)
    people, answers = [], []
    endings = ["completed"] * 22 + ["dropped_out"] * 15 + ["aftercare"] * 11 + ["other"] * 12
    rng.shuffle(endings)
    for i, ending in enumerate(endings):
        ref = f"P-{i + 1:03d}"
        intake = dt.date(2025, 1, 6) + dt.timedelta(days=rng.randrange(0, 300))
        age = rng.randrange(18, 56)
        female = rng.random() < 0.3
        sessions = rng.randrange(1, 17)
        months = rng.choice([0, 1, 2, 3, 4, 5, 6])
        if ending in ("completed", "aftercare"):
            sessions = max(sessions, rng.randrange(5, 17))
        discharge = add_months(intake, months) + dt.timedelta(days=rng.randrange(0, 20))
        person = dict(ref=ref, intake=intake, discharge=discharge, ending=ending,
                      sessions=sessions, age=age, female=female,
                      site=rng.choice(["Nord", "Syd"]))
        if i == 7:
            person["discharge"] = None  # still in treatment: no length
            person["ending"] = ""
        if i == 9:
            person["sessions"] = 0  # never came to a group session
        people.append(person)
        engaged = (sessions / 16 + (ending in ("completed", "aftercare")) * 0.5) / 1.5
        # Whom we hear from at each point: two people never answer at intake.
        answered = [i not in (3, 41),
                    rng.random() < 0.35 + 0.5 * engaged,
                    rng.random() < (0.8 if ending in ("completed", "aftercare") else 0.25),
                    rng.random() < 0.55]
        hash0 = rng.choice([0, 0, 4, 8, 12, 15, 20, 25, 30, 30])
        other0 = rng.choice([0, 0, 0, 1, 2, 4, 8])
        wb0 = [rng.randrange(2, 9) for _ in range(3)]
        income0 = rng.choice(INCOMES)
        for k, point in enumerate(POINTS):
            if not answered[k]:
                continue
            cut = rng.random() < 0.3 + 0.4 * engaged if k > 0 else False
            hash_days = 0 if cut else max(0, hash0 - rng.randrange(0, 12) * (k > 0))
            other = 0 if cut or rng.random() < 0.5 * (k > 0) else other0
            wb = [min(10, v + rng.randrange(0, 4) * (k > 0)) for v in wb0]
            answers.append(dict(
                ref=ref, timepoint=point, hash=hash_days, other=other,
                wellbeing_personal=wb[0], wellbeing_close=wb[1], wellbeing_social=wb[2],
                psych_problem_days=max(0, rng.randrange(0, 20) - 4 * k),
                drug_problem_days=min(30, hash_days + rng.randrange(0, 5)),
                main_income=income0 if rng.random() < 0.8 else rng.choice(INCOMES),
            ))
    return people, answers


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def write(people, answers):
    with open(os.path.join(HERE, "register.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["ref", "intake_date", "discharge_date", "ending", "sessions", "age",
                    "birth_date", "sex", "cpr", "afdeling"])
        for i, p in enumerate(people):
            birth = p["intake"] - dt.timedelta(days=365 * p["age"] + p["age"] // 4 + 30)
            while age_on(birth, p["intake"]) > p["age"]:
                birth += dt.timedelta(days=1)
            while age_on(birth, p["intake"]) < p["age"]:
                birth -= dt.timedelta(days=1)
            age, birth_date, sex, cpr = "", "", "", ""
            way = i % 3
            if way == 0:
                age, sex = str(p["age"]), "kvinde" if p["female"] else "mand"
            elif way == 1:
                birth_date = birth.strftime("%d-%m-%Y")
                sex = "k" if p["female"] else "m"
            else:
                seventh = "4" if birth.year >= 2000 else "1"
                last = (2 * (i % 5)) + (0 if p["female"] else 1)
                cpr = birth.strftime("%d%m%y") + "-" + seventh + "23" + str(last)
            w.writerow([p["ref"], p["intake"].isoformat(),
                        p["discharge"].isoformat() if p["discharge"] else "",
                        p["ending"], p["sessions"], age, birth_date, sex, cpr, p["site"]])
    with open(os.path.join(HERE, "answers.csv"), "w", newline="") as f:
        fields = ["ref", "timepoint", "hash", "other", "wellbeing_personal", "wellbeing_close",
                  "wellbeing_social", "psych_problem_days", "drug_problem_days", "main_income"]
        w = csv.DictWriter(f, fields, lineterminator="\n")
        w.writeheader()
        w.writerows(answers)


def months_between(a, b):
    return (b.year - a.year) * 12 + b.month - a.month - (b.day < a.day)


def bands(p):
    length = None
    if p["discharge"]:
        m = months_between(p["intake"], p["discharge"])
        length = 0 if m < 2 else 1 if m < 4 else 2
    s = p["sessions"]
    sessions = None if s == 0 else 0 if s <= 5 else 1 if s <= 10 else 2
    return {"length": length, "sessions": sessions}


def locf(values):
    out, last = [], None
    for v in values:
        last = v if v is not None else last
        out.append(last)
    return out


def outcomes(people, answers):
    """(person, outcome, data) -> value, for the 40-week outcomes."""
    by = {(a["ref"], a["timepoint"]): a for a in answers}
    result = {}
    for p in people:
        rows = [by.get((p["ref"], t)) for t in POINTS]
        hash_days = [r["hash"] if r else None for r in rows]
        free = [(r["hash"] == 0 and r["other"] == 0) if r else None for r in rows]
        # Raw drug-free: everyone who answered at 40 weeks.
        if free[3] is not None:
            result[(p["ref"], "drug_free", "raw")] = free[3]
        # Reduction needs the days at intake; LOCF needs an intake response.
        if rows[0] is None:
            continue
        h0 = hash_days[0]
        if h0 > 0:
            if hash_days[3] is not None:
                result[(p["ref"], "reduction", "raw")] = 2 * hash_days[3] <= h0
            result[(p["ref"], "reduction", "locf")] = 2 * locf(hash_days)[3] <= h0
        result[(p["ref"], "drug_free", "locf")] = locf(free)[3]
    return result


def fit_tables(people, answers):
    values = outcomes(people, answers)
    tables = {}
    number = 11
    for grouping in ["length", "sessions"]:
        for outcome in ["reduction", "drug_free"]:
            for data in ["raw", "locf"]:
                rows = [(bands(p)[grouping], values[(p["ref"], outcome, data)], p["age"], p["female"])
                        for p in people
                        if bands(p)[grouping] is not None and (p["ref"], outcome, data) in values]
                for band in range(3):
                    ys = [r[1] for r in rows if r[0] == band]
                    if len(ys) < 5 or all(ys) or not any(ys):
                        return None  # this seed gives a group without an estimate
                y = np.array([float(r[1]) for r in rows])
                x = np.array([[1.0, float(r[0] == 1), float(r[0] == 2), float(r[2]), float(r[3])]
                              for r in rows])
                fit = sm.Logit(y, x).fit(disp=0, method="newton", tol=1e-12, maxiter=100)
                tables[str(number)] = {
                    "n": len(rows),
                    "groups": [
                        {"odds_ratio": math.exp(fit.params[j]), "p_value": float(fit.pvalues[j]),
                         "coefficient": float(fit.params[j]), "std_error": float(fit.bse[j])}
                        for j in (1, 2)
                    ],
                }
                number += 1
    return tables


def paired(people, answers):
    by = {(a["ref"], a["timepoint"]): a for a in answers}
    out = {}
    for number, to in [("8", "midway"), ("9", "followup_40w")]:
        out[number] = {}
        for item in ["wellbeing_personal", "wellbeing_close", "wellbeing_social", "wellbeing"]:
            def value(r):
                if item == "wellbeing":
                    return (r["wellbeing_personal"] + r["wellbeing_close"] + r["wellbeing_social"]) / 3
                return r[item]
            pairs = [(value(by[(p["ref"], "intake")]), value(by[(p["ref"], to)]))
                     for p in people if (p["ref"], "intake") in by and (p["ref"], to) in by]
            test = stats.ttest_rel([b for _, b in pairs], [a for a, _ in pairs])
            out[number][item] = {"n": len(pairs), "p_value": float(test.pvalue)}
    return out


def main():
    for seed in range(1, 1000):
        people, answers = make(seed)
        tables = fit_tables(people, answers)
        if tables is not None:
            break
    write(people, answers)
    expected = {
        "made_by": "crates/cli/tests/data/report/make_cohort.py",
        "packages": {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__,
                     "numpy": np.__version__},
        "method": "statsmodels.api.Logit(y, [1, group 2, group 3, age, female]).fit(method='newton'); "
                  "odds ratio exp(params), Wald p-values (pvalues); scipy.stats.ttest_rel for Tables 8-9",
        "seed": seed,
        "tables": tables,
        "paired": paired(people, answers),
    }
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

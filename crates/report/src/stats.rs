//! The statistics of the report, small enough to read whole (`docs/report.md` §5):
//!
//! - **Logistic regression** by maximum likelihood with Newton–Raphson (for the logit link
//!   the same as iteratively reweighted least squares, IRLS), step-halving when a step would
//!   lower the likelihood; standard errors from the inverse of the observed information
//!   `XᵀWX` at the estimate; the **Wald test** `z = β / se(β)`, two-sided p-value
//!   `2·(1 − Φ(|z|))` with Φ the standard normal distribution function (`statrs`). This is
//!   what statsmodels' `Logit(...).fit()` and R's `glm(family = binomial)` report.
//! - **Paired t-test**: `t = mean(d) / (sd(d)/√n)` of the differences, n − 1 degrees of
//!   freedom, two-sided p-value from Student's t distribution (`statrs`), as
//!   `scipy.stats.ttest_rel`.

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

/// Newton steps at most before a fit is called not converged.
pub const MAX_ITERATIONS: usize = 100;
/// A fit has converged when no coefficient moves more than this in a step.
pub const TOLERANCE: f64 = 1e-10;
/// A coefficient larger than this (an odds ratio beyond e²⁰ ≈ 5·10⁸) means the data separate
/// the outcomes: the estimate runs off to infinity rather than converging.
pub const SEPARATION_BOUND: f64 = 20.0;

/// A fitted logistic regression.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// The coefficients, one per column of the design.
    pub coefficients: Vec<f64>,
    /// Their standard errors.
    pub std_errors: Vec<f64>,
    /// Newton steps taken.
    pub iterations: usize,
}

/// Why a logistic regression gives no estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FitError {
    /// Fewer people than coefficients, or a design column that is a combination of others.
    Singular,
    /// The estimate did not settle within [`MAX_ITERATIONS`] steps.
    NotConverged,
    /// The outcome is perfectly predicted by the design (a coefficient beyond
    /// [`SEPARATION_BOUND`]): there is no finite estimate.
    Separation,
}

fn sigmoid(eta: f64) -> f64 {
    if eta >= 0.0 {
        1.0 / (1.0 + (-eta).exp())
    } else {
        let e = eta.exp();
        e / (1.0 + e)
    }
}

fn log_likelihood(x: &[Vec<f64>], y: &[bool], beta: &[f64]) -> f64 {
    x.iter()
        .zip(y)
        .map(|(row, &yi)| {
            let eta: f64 = row.iter().zip(beta).map(|(a, b)| a * b).sum();
            // log(1 + e^eta) computed without overflow.
            let log1pexp = if eta > 0.0 {
                eta + (-eta).exp().ln_1p()
            } else {
                eta.exp().ln_1p()
            };
            if yi { eta - log1pexp } else { -log1pexp }
        })
        .sum()
}

/// The Cholesky factor L (lower) of a symmetric positive definite matrix, or `None`.
fn cholesky(a: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let n = a.len();
    let scale = a
        .iter()
        .enumerate()
        .map(|(i, r)| r[i].abs())
        .fold(0.0, f64::max);
    let mut l = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..=i {
            let sum: f64 = (0..j).map(|k| l[i][k] * l[j][k]).sum();
            if i == j {
                let d = a[i][i] - sum;
                if d <= scale * 1e-12 {
                    return None;
                }
                l[i][j] = d.sqrt();
            } else {
                l[i][j] = (a[i][j] - sum) / l[j][j];
            }
        }
    }
    Some(l)
}

/// Solves L Lᵀ x = b.
fn cholesky_solve(l: &[Vec<f64>], b: &[f64]) -> Vec<f64> {
    let n = l.len();
    let mut z = vec![0.0; n];
    for i in 0..n {
        z[i] = (b[i] - (0..i).map(|k| l[i][k] * z[k]).sum::<f64>()) / l[i][i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        x[i] = (z[i] - (i + 1..n).map(|k| l[k][i] * x[k]).sum::<f64>()) / l[i][i];
    }
    x
}

/// The gradient Xᵀ(y − μ) and the information XᵀWX at `beta`.
fn gradient_and_information(x: &[Vec<f64>], y: &[bool], beta: &[f64]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let k = beta.len();
    let mut gradient = vec![0.0; k];
    let mut information = vec![vec![0.0; k]; k];
    for (row, &yi) in x.iter().zip(y) {
        let mu = sigmoid(row.iter().zip(beta).map(|(a, b)| a * b).sum());
        let w = mu * (1.0 - mu);
        let r = f64::from(u8::from(yi)) - mu;
        for j in 0..k {
            gradient[j] += row[j] * r;
            for (m, cell) in information[j].iter_mut().enumerate() {
                *cell += w * row[j] * row[m];
            }
        }
    }
    (gradient, information)
}

/// Fits `P(y) = 1 / (1 + e^(−Xβ))` by maximum likelihood. `x` is the design, one row per
/// person, with the intercept's column of 1s if one is wanted; `y` the outcomes.
pub fn logistic(x: &[Vec<f64>], y: &[bool]) -> Result<Fit, FitError> {
    let k = x.first().map_or(0, Vec::len);
    if k == 0 || x.len() <= k || x.iter().any(|r| r.len() != k) || x.len() != y.len() {
        return Err(FitError::Singular);
    }
    let mut beta = vec![0.0; k];
    let mut ll = log_likelihood(x, y, &beta);
    for iteration in 1..=MAX_ITERATIONS {
        let (gradient, information) = gradient_and_information(x, y, &beta);
        let l = cholesky(&information).ok_or_else(|| {
            if beta.iter().any(|b| b.abs() > SEPARATION_BOUND / 2.0) {
                FitError::Separation
            } else {
                FitError::Singular
            }
        })?;
        let mut step = cholesky_solve(&l, &gradient);
        let mut next: Vec<f64>;
        let mut halvings = 0;
        loop {
            next = beta.iter().zip(&step).map(|(b, s)| b + s).collect();
            let next_ll = log_likelihood(x, y, &next);
            if next_ll >= ll - 1e-12 || halvings == 30 {
                ll = next_ll;
                break;
            }
            step.iter_mut().for_each(|s| *s /= 2.0);
            halvings += 1;
        }
        beta = next;
        if beta.iter().any(|b| b.abs() > SEPARATION_BOUND) {
            return Err(FitError::Separation);
        }
        if step.iter().all(|s| s.abs() < TOLERANCE) {
            let (_, information) = gradient_and_information(x, y, &beta);
            let l = cholesky(&information).ok_or(FitError::Singular)?;
            let std_errors = (0..k)
                .map(|j| {
                    let unit: Vec<f64> = (0..k).map(|m| f64::from(u8::from(m == j))).collect();
                    cholesky_solve(&l, &unit)[j].sqrt()
                })
                .collect();
            return Ok(Fit {
                coefficients: beta,
                std_errors,
                iterations: iteration,
            });
        }
    }
    Err(FitError::NotConverged)
}

/// The two-sided p-value of a standard normal test statistic: `2·(1 − Φ(|z|))`.
pub fn two_sided_normal_p(z: f64) -> f64 {
    let normal = Normal::standard();
    2.0 * normal.sf(z.abs())
}

/// A paired t-test of `after − before`: the two-sided p-value, or `None` with fewer than two
/// pairs or differences that do not vary.
pub fn paired_t_test(pairs: &[(f64, f64)]) -> Option<f64> {
    let n = pairs.len();
    if n < 2 {
        return None;
    }
    let d: Vec<f64> = pairs.iter().map(|(before, after)| after - before).collect();
    let mean = d.iter().sum::<f64>() / n as f64;
    let variance = d.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    if variance <= 0.0 {
        return None;
    }
    let t = mean / (variance / n as f64).sqrt();
    let dist = StudentsT::new(0.0, 1.0, (n - 1) as f64).ok()?;
    Some(2.0 * dist.sf(t.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The design [1, x] of a small data set with overlapping outcomes.
    fn data() -> (Vec<Vec<f64>>, Vec<bool>) {
        let xs = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0];
        let ys = [
            false, false, true, false, false, true, false, true, true, true,
        ];
        (xs.iter().map(|&x| vec![1.0, x]).collect(), ys.to_vec())
    }

    #[test]
    fn the_estimate_makes_the_score_zero() {
        let (x, y) = data();
        let fit = logistic(&x, &y).unwrap();
        let (gradient, _) = gradient_and_information(&x, &y, &fit.coefficients);
        assert!(gradient.iter().all(|g| g.abs() < 1e-9), "{gradient:?}");
        assert!(fit.coefficients[1] > 0.0);
        assert!(fit.std_errors.iter().all(|s| s.is_finite() && *s > 0.0));
        // Moving the estimate either way lowers the likelihood: it is the maximum.
        let best = log_likelihood(&x, &y, &fit.coefficients);
        for (j, delta) in [(0, 0.01), (0, -0.01), (1, 0.01), (1, -0.01)] {
            let mut b = fit.coefficients.clone();
            b[j] += delta;
            assert!(log_likelihood(&x, &y, &b) < best);
        }
    }

    #[test]
    fn a_lone_group_indicator_gives_the_odds_ratio_of_the_two_by_two_table() {
        // Reference group: 2 of 8 with the outcome; the other: 6 of 9. OR = (6/3)/(2/6) = 6,
        // se(log OR) = √(1/6 + 1/3 + 1/2 + 1/6) (Woolf), exact for this saturated model.
        let mut x = Vec::new();
        let mut y = Vec::new();
        for (group, yes, no) in [(0.0, 2, 6), (1.0, 6, 3)] {
            for i in 0..yes + no {
                x.push(vec![1.0, group]);
                y.push(i < yes);
            }
        }
        let fit = logistic(&x, &y).unwrap();
        assert!((fit.coefficients[1].exp() - 6.0).abs() < 1e-9);
        let woolf = (1.0 / 6.0 + 1.0 / 3.0 + 1.0 / 2.0 + 1.0 / 6.0_f64).sqrt();
        assert!((fit.std_errors[1] - woolf).abs() < 1e-9);
    }

    #[test]
    fn separated_and_singular_data_give_no_estimate() {
        let x: Vec<Vec<f64>> = (0..8).map(|i| vec![1.0, f64::from(i)]).collect();
        let y: Vec<bool> = (0..8).map(|i| i >= 4).collect();
        assert_eq!(logistic(&x, &y), Err(FitError::Separation));
        let constant: Vec<Vec<f64>> = (0..8).map(|_| vec![1.0, 1.0]).collect();
        let mixed: Vec<bool> = (0..8).map(|i| i % 2 == 0).collect();
        assert_eq!(logistic(&constant, &mixed), Err(FitError::Singular));
        assert_eq!(logistic(&x[..2], &y[..2]), Err(FitError::Singular));
        assert_eq!(logistic(&[], &[]), Err(FitError::Singular));
    }

    #[test]
    fn p_values() {
        let p = two_sided_normal_p(1.959_963_984_540_054);
        assert!((p - 0.05).abs() < 1e-10, "{p}");
        assert!((two_sided_normal_p(-1.0) - 0.317_310_507_862_914_1).abs() < 1e-10);
        assert_eq!(two_sided_normal_p(0.0), 1.0);
        // scipy 1.17.1: stats.ttest_rel([2, 4, 5, 4.5], [1, 2, 3, 4]).pvalue
        let p = paired_t_test(&[(1.0, 2.0), (2.0, 4.0), (3.0, 5.0), (4.0, 4.5)]).unwrap();
        assert!((p - 0.035_081_514_715_481_91).abs() < 1e-12, "{p}");
        assert_eq!(paired_t_test(&[(1.0, 2.0)]), None);
        assert_eq!(paired_t_test(&[(1.0, 2.0), (3.0, 4.0)]), None);
    }
}

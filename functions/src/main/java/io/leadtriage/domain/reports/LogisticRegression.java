package io.leadtriage.domain.reports;

import java.util.Arrays;

/**
 * Ridge-penalised logistic regression on binary features, fitted by Newton–Raphson (equivalently,
 * iteratively reweighted least squares). Small and dense on purpose: a model has tens of rules, so each
 * step is one k×k solve.
 *
 * <p>Maximises Σᵢ [yᵢ ηᵢ − log(1 + e^ηᵢ)] − λ/2 Σⱼ βⱼ², with ηᵢ = β₀ + Σⱼ βⱼ xᵢⱼ. The intercept β₀ is not
 * penalised, so it absorbs the base rate. With λ &gt; 0 and both outcomes present the objective is strictly
 * concave and bounded, so the maximum is finite and unique even when a feature perfectly separates the
 * outcomes, or when features are collinear (mutually exclusive bands that together always fire).
 */
final class LogisticRegression {
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-9;
    private static final int MAX_STEP_HALVINGS = 50;

    private LogisticRegression() {
    }

    /**
     * @param firing   for each observation, the indices (0-based, below {@code features}) of the features
     *                 that are 1; all others are 0
     * @param positive for each observation, whether the outcome is positive
     * @param features the number of features
     * @param lambda   ridge penalty on the feature coefficients, ≥ 0; 0 only for data that is not separable
     * @return the intercept at index 0, then one coefficient per feature
     */
    static double[] fit(int[][] firing, boolean[] positive, int features, double lambda) {
        if (firing.length != positive.length) {
            throw new IllegalArgumentException("one outcome per observation");
        }
        if (lambda < 0) {
            throw new IllegalArgumentException("lambda must be ≥ 0");
        }
        int positives = 0;
        for (boolean y : positive) {
            positives += y ? 1 : 0;
        }
        if (positives == 0 || positives == positive.length) {
            // The unpenalised intercept would run off to ±∞: there is nothing to fit.
            throw new IllegalArgumentException("both outcomes must occur");
        }
        int k = features + 1;
        double[] beta = new double[k];
        beta[0] = Math.log((double) positives / (positive.length - positives));
        double objective = objective(firing, positive, beta, lambda);

        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[k];
            double[][] hessian = new double[k][k];
            for (int i = 0; i < firing.length; i++) {
                double p = sigmoid(linear(firing[i], beta));
                double residual = (positive[i] ? 1 : 0) - p;
                double weight = p * (1 - p);
                gradient[0] += residual;
                hessian[0][0] += weight;
                for (int a : firing[i]) {
                    gradient[a + 1] += residual;
                    hessian[0][a + 1] += weight;
                    for (int b : firing[i]) {
                        hessian[a + 1][b + 1] += weight;
                    }
                }
            }
            for (int j = 1; j < k; j++) {
                gradient[j] -= lambda * beta[j];
                hessian[j][j] += lambda;
                hessian[j][0] = hessian[0][j];
            }
            // The Hessian here is the negative of the objective's: positive definite, so Cholesky applies.
            double[] step = solvePositiveDefinite(hessian, gradient);

            // Newton's full step can overshoot far from the optimum; halve it until the objective improves.
            double scale = 1;
            double[] next = new double[k];
            double nextObjective = Double.NEGATIVE_INFINITY;
            for (int halvings = 0; halvings <= MAX_STEP_HALVINGS; halvings++) {
                for (int j = 0; j < k; j++) {
                    next[j] = beta[j] + scale * step[j];
                }
                nextObjective = objective(firing, positive, next, lambda);
                if (nextObjective >= objective) {
                    break;
                }
                scale /= 2;
            }
            double largestChange = 0;
            for (int j = 0; j < k; j++) {
                largestChange = Math.max(largestChange, Math.abs(next[j] - beta[j]));
            }
            if (nextObjective < objective) {
                break; // no step improves: already at the optimum to floating-point precision
            }
            beta = next.clone();
            objective = nextObjective;
            if (largestChange < TOLERANCE) {
                break;
            }
        }
        return beta;
    }

    private static double objective(int[][] firing, boolean[] positive, double[] beta, double lambda) {
        double logLikelihood = 0;
        for (int i = 0; i < firing.length; i++) {
            double eta = linear(firing[i], beta);
            logLikelihood += (positive[i] ? eta : 0) - log1pExp(eta);
        }
        double penalty = 0;
        for (int j = 1; j < beta.length; j++) {
            penalty += beta[j] * beta[j];
        }
        return logLikelihood - lambda / 2 * penalty;
    }

    private static double linear(int[] firing, double[] beta) {
        double eta = beta[0];
        for (int a : firing) {
            eta += beta[a + 1];
        }
        return eta;
    }

    private static double sigmoid(double eta) {
        return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
    }

    /** log(1 + e^x) without overflow for large x or loss of precision for very negative x. */
    private static double log1pExp(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** Solves A x = b for symmetric positive definite A by Cholesky factorisation A = L Lᵀ. */
    static double[] solvePositiveDefinite(double[][] a, double[] b) {
        int n = b.length;
        double[][] lower = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int m = 0; m < j; m++) {
                    sum -= lower[i][m] * lower[j][m];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new ArithmeticException("matrix is not positive definite (pivot " + i + ")");
                    }
                    lower[i][i] = Math.sqrt(sum);
                } else {
                    lower[i][j] = sum / lower[j][j];
                }
            }
        }
        double[] y = Arrays.copyOf(b, n);
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < i; m++) {
                y[i] -= lower[i][m] * y[m];
            }
            y[i] /= lower[i][i];
        }
        double[] x = y;
        for (int i = n - 1; i >= 0; i--) {
            for (int m = i + 1; m < n; m++) {
                x[i] -= lower[m][i] * x[m];
            }
            x[i] /= lower[i][i];
        }
        return x;
    }
}

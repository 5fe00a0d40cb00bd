package io.leadtriage.domain.reports;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LogisticRegressionTest {

    /** {@code count} observations firing the given features, all with the same outcome. */
    static void add(List<int[]> firing, List<Boolean> positive, int count, boolean outcome, int... features) {
        for (int i = 0; i < count; i++) {
            firing.add(features);
            positive.add(outcome);
        }
    }

    static double[] fit(List<int[]> firing, List<Boolean> positive, int features, double lambda) {
        boolean[] y = new boolean[positive.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = positive.get(i);
        }
        return LogisticRegression.fit(firing.toArray(int[][]::new), y, features, lambda);
    }

    @Test
    void withoutPenaltyOneBinaryFeatureGivesTheLogOddsRatio() {
        // Fired: 20 won, 80 lost (odds 1/4). Not fired: 10 won, 90 lost (odds 1/9). Odds ratio 9/4.
        List<int[]> firing = new ArrayList<>();
        List<Boolean> positive = new ArrayList<>();
        add(firing, positive, 20, true, 0);
        add(firing, positive, 80, false, 0);
        add(firing, positive, 10, true);
        add(firing, positive, 90, false);

        double[] beta = fit(firing, positive, 1, 0);

        assertThat(beta[0]).isCloseTo(Math.log(1.0 / 9), within(1e-7));
        assertThat(beta[1]).isCloseTo(Math.log(9.0 / 4), within(1e-7));
    }

    @Test
    void thePenaltyShrinksTheCoefficientButNotTheIntercept() {
        List<int[]> firing = new ArrayList<>();
        List<Boolean> positive = new ArrayList<>();
        add(firing, positive, 2, true, 0);
        add(firing, positive, 8, false, 0);
        add(firing, positive, 1, true);
        add(firing, positive, 9, false);

        double unpenalised = fit(firing, positive, 1, 0)[1];
        double penalised = fit(firing, positive, 1, 1)[1];

        assertThat(penalised).isPositive().isLessThan(unpenalised);
    }

    @Test
    void bothOutcomesMustOccur() {
        assertThatThrownBy(() -> LogisticRegression.fit(new int[][]{{0}, {}}, new boolean[]{true, true}, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void choleskySolvesAPositiveDefiniteSystem() {
        double[][] a = {{4, 12, -16}, {12, 37, -43}, {-16, -43, 98}};
        double[] x = {1, -2, 3};
        double[] b = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                b[i] += a[i][j] * x[j];
            }
        }

        assertThat(LogisticRegression.solvePositiveDefinite(a, b)).containsExactly(x, within(1e-9));
    }

    @Test
    void choleskyRefusesAMatrixThatIsNotPositiveDefinite() {
        assertThatThrownBy(() -> LogisticRegression.solvePositiveDefinite(new double[][]{{1, 2}, {2, 1}},
                new double[]{1, 1})).isInstanceOf(ArithmeticException.class);
    }
}

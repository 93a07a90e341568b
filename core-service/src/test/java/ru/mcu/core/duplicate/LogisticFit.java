package ru.mcu.core.duplicate;

import java.util.List;

/**
 * Fits {@link Similarity#WEIGHTS}: logistic regression by full-batch gradient descent with a small L2
 * penalty (not on the intercept), deterministic, from zeros. Run on the labelled set's odd pairs.
 */
final class LogisticFit {
    static final int ROUNDS = 60_000;
    static final double RATE = 0.5;
    static final double PENALTY = 0.001;

    private LogisticFit() {
    }

    static double[] fit(List<double[]> features, List<Boolean> labels) {
        int n = features.getFirst().length;
        double[] w = new double[n + 1];
        for (int round = 0; round < ROUNDS; round++) {
            double[] gradient = new double[n + 1];
            for (int i = 0; i < features.size(); i++) {
                double error = Similarity.likelihood(features.get(i), w) - (labels.get(i) ? 1 : 0);
                for (int j = 0; j < n; j++) {
                    gradient[j] += error * features.get(i)[j];
                }
                gradient[n] += error;
            }
            for (int j = 0; j <= n; j++) {
                w[j] -= RATE * (gradient[j] / features.size() + (j < n ? PENALTY * w[j] : 0));
            }
        }
        return w;
    }
}

package dev.atlas.bench.leak;

/**
 * Welch's t-test between two classes of measurements, computed online (Welford's update), as in
 * dudect's {@code t_push}/{@code t_compute}: no sample is stored.
 */
public final class Welch {
  private final double[] mean = new double[2];
  private final double[] m2 = new double[2];
  private final long[] n = new long[2];

  /** Adds {@code x} to class 0 or 1. */
  public void push(double x, int cls) {
    n[cls]++;
    double delta = x - mean[cls];
    mean[cls] += delta / n[cls];
    m2[cls] += delta * (x - mean[cls]);
  }

  /** Measurements in class {@code cls}. */
  public long count(int cls) {
    return n[cls];
  }

  /** Measurements in both classes. */
  public long count() {
    return n[0] + n[1];
  }

  /** The running mean of class {@code cls}. */
  public double mean(int cls) {
    return mean[cls];
  }

  /** The sample variance of class {@code cls} (divisor n - 1). */
  public double variance(int cls) {
    return n[cls] < 2 ? Double.NaN : m2[cls] / (n[cls] - 1);
  }

  /**
   * Welch's t statistic {@code (mean0 - mean1) / sqrt(var0/n0 + var1/n1)}; NaN until each class
   * has two measurements, 0 when both classes are constant and equal.
   */
  public double t() {
    if (n[0] < 2 || n[1] < 2) {
      return Double.NaN;
    }
    double se = Math.sqrt(variance(0) / n[0] + variance(1) / n[1]);
    double diff = mean[0] - mean[1];
    if (se == 0) {
      return diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff);
    }
    return diff / se;
  }
}

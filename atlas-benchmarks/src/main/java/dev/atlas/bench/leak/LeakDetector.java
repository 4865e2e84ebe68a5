package dev.atlas.bench.leak;

import java.util.Arrays;

/**
 * dudect's post-processing (Reparaz, Balasch, Verbauwhede, DATE 2017; {@code src/dudect.h}): one
 * Welch test on the raw timings, {@value #PERCENTILES} tests on timings cropped at the percentiles
 * {@code 1 - 0.5^(10 (i+1) / 100)} of the first batch (which is used for nothing else), and a
 * second-order test on centred squares. The largest |t| among the tests with at least {@value
 * #ENOUGH} measurements decides.
 */
public final class LeakDetector {
  static final int PERCENTILES = 100;
  static final long ENOUGH = 10_000;
  private static final int SECOND_ORDER = PERCENTILES + 1;

  private final Welch[] tests = new Welch[PERCENTILES + 2];
  private long[] thresholds; // null until the first batch has been seen

  public LeakDetector() {
    for (int i = 0; i < tests.length; i++) {
      tests[i] = new Welch();
    }
  }

  /** Adds one batch of timings; {@code classes[i]} (0 fixed, 1 random) goes with {@code times[i]}. */
  public void add(long[] times, byte[] classes, int count) {
    if (thresholds == null) {
      thresholds = percentiles(Arrays.copyOf(times, count));
      return; // as dudect: the first batch only sets the cropping thresholds
    }
    for (int i = 0; i < count; i++) {
      long x = times[i];
      if (x < 0) {
        continue;
      }
      int c = classes[i];
      tests[0].push(x, c);
      for (int p = 0; p < PERCENTILES; p++) {
        if (x < thresholds[p]) {
          tests[1 + p].push(x, c);
        }
      }
      if (tests[0].count(0) > ENOUGH) {
        double centred = x - tests[0].mean(c);
        tests[SECOND_ORDER].push(centred * centred, c);
      }
    }
  }

  static long[] percentiles(long[] sample) {
    Arrays.sort(sample);
    long[] out = new long[PERCENTILES];
    for (int i = 0; i < PERCENTILES; i++) {
      double which = 1 - Math.pow(0.5, 10.0 * (i + 1) / PERCENTILES);
      out[i] = sample[(int) Math.min(sample.length - 1, (long) (which * sample.length))];
    }
    return out;
  }

  /** The test with the largest |t|, or null before any test has {@value #ENOUGH} measurements. */
  public Result worst() {
    Result worst = null;
    for (int i = 0; i < tests.length; i++) {
      Welch w = tests[i];
      double t = w.t();
      if (w.count() < ENOUGH || Double.isNaN(t)) {
        continue;
      }
      if (worst == null || Math.abs(t) > Math.abs(worst.t())) {
        worst = new Result(t, w.count(), name(i), tests[0].mean(0), tests[0].mean(1));
      }
    }
    return worst;
  }

  /** Measurements in the raw test. */
  public long measurements() {
    return tests[0].count();
  }

  private String name(int test) {
    if (test == 0) {
      return "raw";
    }
    if (test == SECOND_ORDER) {
      return "2nd order";
    }
    return "cropped <" + thresholds[test - 1] + " ns";
  }

  /**
   * The decisive test: its statistic, its number of measurements, its name, and the raw mean
   * time of each class in nanoseconds.
   */
  public record Result(double t, long n, String test, double meanFixed, double meanRandom) {
    /** dudect's effect size: t / sqrt(n). */
    public double tau() {
      return t / Math.sqrt(n);
    }

    /** Measurements dudect estimates would show this effect at |t| = 5: (5 / tau)^2. */
    public double measurementsForT5() {
      return Math.pow(5 / tau(), 2);
    }
  }
}

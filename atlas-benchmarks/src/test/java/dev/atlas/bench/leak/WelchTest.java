package dev.atlas.bench.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A smoke test of the harness's statistics on synthetic data; the harness itself never runs in CI. */
class WelchTest {
  @Test
  void tMatchesTheTextbookFormulaOnASmallSample() {
    Welch w = new Welch();
    for (int x : new int[] {1, 2, 3, 4}) {
      w.push(x, 0);
    }
    for (int x : new int[] {2, 4, 6, 8}) {
      w.push(x, 1);
    }
    // means 2.5 and 5, variances 5/3 and 20/3: t = -2.5 / sqrt(5/12 + 20/12) = -sqrt(3)
    assertThat(w.mean(0)).isEqualTo(2.5);
    assertThat(w.variance(1)).isCloseTo(20.0 / 3, within(1e-12));
    assertThat(w.t()).isCloseTo(-Math.sqrt(3), within(1e-12));
  }

  @Test
  void sameDistributionStaysUnderTheThresholdAndAShiftOfOneTwentiethSigmaExceedsIt() {
    Random r = new Random(42);
    Welch same = new Welch();
    Welch shifted = new Welch();
    for (int i = 0; i < 200_000; i++) {
      same.push(100 + 10 * r.nextGaussian(), i & 1);
      shifted.push(100 + 10 * r.nextGaussian() + ((i & 1) == 0 ? 0.5 : 0), i & 1);
    }
    assertThat(Math.abs(same.t())).isLessThan(TimingLeakHarness.THRESHOLD);
    // expected t = 0.5 / (10 * sqrt(2 / 100000)) = 11.2
    assertThat(shifted.t()).isGreaterThan(TimingLeakHarness.THRESHOLD).isCloseTo(11.2, within(3.0));
  }

  @Test
  void detectorSeesASmallLeakInHeavyTailedTimingsAndNothingWithoutOne() {
    assertThat(Math.abs(detect(0, 7).t())).isLessThan(TimingLeakHarness.THRESHOLD);
    LeakDetector.Result leak = detect(3, 7);
    assertThat(Math.abs(leak.t())).isGreaterThan(10);
    assertThat(leak.n()).isGreaterThanOrEqualTo(LeakDetector.ENOUGH);
    assertThat(leak.meanFixed()).isGreaterThan(leak.meanRandom());
  }

  /** 200 ns plus exponential noise (mean 20 ns) plus rare 50 us outliers; class 0 takes {@code extra} more. */
  static LeakDetector.Result detect(int extra, long seed) {
    Random r = new Random(seed);
    LeakDetector d = new LeakDetector();
    int batch = 50_000;
    long[] times = new long[batch];
    byte[] classes = new byte[batch];
    for (int b = 0; b < 9; b++) {
      for (int i = 0; i < batch; i++) {
        classes[i] = (byte) r.nextInt(2);
        double noise = -20 * Math.log(1 - r.nextDouble());
        long outlier = r.nextInt(1000) == 0 ? 50_000 : 0;
        times[i] = 200 + Math.round(noise) + outlier + (classes[i] == 0 ? extra : 0);
      }
      d.add(times, classes, batch);
    }
    assertThat(d.measurements()).isEqualTo(8L * batch); // the first batch only sets thresholds
    return d.worst();
  }

  @Test
  void croppingThresholdsRiseTowardsTheTopPercentile() {
    long[] sample = new long[1000];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = 1000 - i;
    }
    long[] p = LeakDetector.percentiles(sample);
    assertThat(p).hasSize(LeakDetector.PERCENTILES).isSorted();
    assertThat(p[0]).isEqualTo(67); // 1 - 0.5^0.1 = 6.7 %
    assertThat(p[LeakDetector.PERCENTILES - 1]).isEqualTo(1000);
  }
}

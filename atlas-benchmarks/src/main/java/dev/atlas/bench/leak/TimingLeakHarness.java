package dev.atlas.bench.leak;

import dev.atlas.auth.PresharedKey;
import dev.atlas.auth.Token;
import dev.atlas.bench.leak.Subject.Role;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A dudect-style timing-leak harness (http-auth-rules.md §5) for the constant-time checks of the
 * core: {@link Token#valid} and {@link PresharedKey#matches}, with positive controls that must
 * show a leak so that a pass means something.
 *
 * <p>For each subject: a fixed class of candidates (equal to the secret up to its last character,
 * the worst case for an early exit) and a random class of the same length, interleaved at random
 * per measurement; each call timed alone with {@link System#nanoTime}; the JIT warmed up first;
 * Welch's t-test on raw, percentile-cropped and second-order data ({@link LeakDetector}). |t| above
 * {@value #THRESHOLD} is a leak (the TVLA convention the dudect paper uses).
 *
 * <p>Run: {@code mvn -B -ntp -pl atlas-benchmarks -am -DskipTests -Pleak verify}, or {@code java
 * -cp ... dev.atlas.bench.leak.TimingLeakHarness [--measurements N] [--batch N] [--only TEXT]}.
 * Exit status 0: every control leaked and no subject did; 1: a subject leaked; 2: a control did
 * not leak (the run proves nothing). A smoke test for a shared machine, not a CI gate.
 */
public final class TimingLeakHarness {
  static final double THRESHOLD = 4.5;
  private static volatile long sink;
  private static volatile long touchSink;

  private TimingLeakHarness() {}

  public static void main(String[] args) {
    long measurements = 2_000_000;
    int batch = 100_000;
    String only = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--measurements":
          measurements = Long.parseLong(args[++i]);
          break;
        case "--batch":
          batch = Integer.parseInt(args[++i]);
          break;
        case "--only":
          only = args[++i];
          break;
        default:
          throw new IllegalArgumentException("unknown argument '" + args[i] + "'; use --measurements N, --batch N, --only TEXT");
      }
    }
    System.out.printf(Locale.ROOT, "java %s (%s), %s; %d measurements per subject in batches of %d (+1 batch for the cropping thresholds); nanoTime step ~%d ns%n",
        System.getProperty("java.version"), System.getProperty("java.vm.name"), System.getProperty("os.arch"),
        measurements, batch, nanoTimeStep());
    System.out.printf(Locale.ROOT, "%-50s %-8s %10s %9s %-22s %9s %9s %12s  %s%n",
        "subject", "role", "n", "max|t|", "decisive test", "fixed ns", "random ns", "(5/tau)^2", "verdict");
    int status = 0;
    for (Subject s : subjects(new SplittableRandom(20261203L))) {
      if (only != null && !s.name().contains(only)) {
        continue;
      }
      LeakDetector.Result r = run(s, measurements, batch, new SplittableRandom());
      boolean leaks = Math.abs(r.t()) > THRESHOLD;
      String verdict;
      switch (s.role()) {
        case CONTROL:
          verdict = leaks ? "leak seen, as it must be" : "CONTROL FAILED: the harness cannot see this leak";
          status = leaks ? status : 2;
          break;
        case SUBJECT:
          verdict = leaks ? "LEAK" : "no evidence of a leak";
          status = leaks && status == 0 ? 1 : status;
          break;
        default:
          verdict = leaks ? "leak seen" : "not seen at this n";
      }
      System.out.printf(Locale.ROOT, "%-50s %-8s %10d %9.2f %-22s %9.1f %9.1f %12.3g  %s%n",
          s.name(), s.role().name().toLowerCase(Locale.ROOT), r.n(), Math.abs(r.t()), r.test(),
          r.meanFixed(), r.meanRandom(), r.measurementsForT5(), verdict);
    }
    System.exit(status);
  }

  static List<Subject> subjects(SplittableRandom r) {
    List<Subject> list = new ArrayList<>();
    String long1024 = Subject.randomToken(r, 1024);
    list.add(Subject.strings("String.equals, 1024 chars, common prefix", Role.CONTROL,
        Subject.lastCharChanged(long1024), long1024::equals));
    String key = Token.mint().token();
    list.add(Subject.strings("early-exit char loop, 43 chars, common prefix", Role.CONTROL,
        Subject.lastCharChanged(key), c -> earlyExitEquals(key, c)));
    list.add(Subject.strings("String.equals, 43 chars, common prefix", Role.INFO,
        Subject.lastCharChanged(key), key::equals));

    // Token.valid, the secret side: one candidate; the stored hash equals its hash but for the last
    // hex digit (fixed class) or is random (random class). Only the comparison can tell them apart.
    String fixedToken = Token.mint().token();
    String hash = Token.hash(fixedToken);
    String nearHash = hash.substring(0, 63) + (hash.charAt(63) == '0' ? '1' : '0');
    list.add(Subject.strings("Token.valid, stored hash near vs random", Role.SUBJECT,
        nearHash, Subject.HEX, h -> Token.valid(fixedToken, (String) h)));
    // Token.valid, the caller's side: the candidate varies against one stored hash. This also
    // times SHA-256 and the hex lookups over the candidate's own digest, which the caller knows;
    // shown for information, as input-dependent timing is not a leak of the stored hash.
    list.add(Subject.strings("Token.valid, candidate near vs random", Role.INFO,
        fixedToken, c -> Token.valid((String) c, nearHash)));

    PresharedKey psk = PresharedKey.of(key);
    list.add(Subject.strings("PresharedKey.matches, common prefix", Role.SUBJECT,
        Subject.lastCharChanged(key), psk::matches));
    String previous = Token.mint().token();
    PresharedKey rotating = PresharedKey.of(key, previous);
    list.add(Subject.strings("PresharedKey.matches, rotating, near previous", Role.SUBJECT,
        Subject.lastCharChanged(previous), rotating::matches));

    // Length: does "same length as the key or not" show? Upstream's secure_compare returns early.
    String near = Subject.lastCharChanged(key);
    list.add(Subject.lengths("length-checking compare, lengths 1..512", Role.CONTROL,
        near, 512, c -> lengthCheckingEquals(key, c)));
    list.add(Subject.lengths("PresharedKey.matches, lengths 1..512", Role.SUBJECT,
        near, 512, psk::matches));
    return list;
  }

  /** Plug.Crypto.secure_compare's shape: constant time over equal lengths, early return otherwise. */
  static boolean lengthCheckingEquals(String key, CharSequence c) {
    if (key.length() != c.length()) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < key.length(); i++) {
      diff |= key.charAt(i) ^ c.charAt(i);
    }
    return diff == 0;
  }

  /** The leak every constant-time compare avoids: stop at the first difference. */
  static boolean earlyExitEquals(String a, CharSequence b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static LeakDetector.Result run(Subject s, long measurements, int batch, SplittableRandom r) {
    char[] scratch = new char[s.capacity()];
    if (s.operation().test(s.maker().make(scratch, s.fixed().fill(r, scratch)))) {
      throw new IllegalStateException(s.name() + ": the fixed candidate must be refused, like the random ones");
    }
    CharSequence[] inputs = new CharSequence[batch];
    byte[] classes = new byte[batch];
    long[] times = new long[batch];
    for (int warmup = 0; warmup < 5; warmup++) { // let C2 compile the operation and the loop
      prepare(s, r, inputs, classes);
      sink += measure(s, inputs, times);
    }
    LeakDetector detector = new LeakDetector();
    long batches = 1 + (measurements + batch - 1) / batch; // the first one sets the thresholds
    for (long b = 0; b < batches; b++) {
      prepare(s, r, inputs, classes);
      sink += measure(s, inputs, times);
      detector.add(times, classes, batch);
    }
    return detector.worst();
  }

  /** Classes drawn at random per measurement; every candidate a fresh object. */
  static void prepare(Subject s, SplittableRandom r, CharSequence[] inputs, byte[] classes) {
    char[] scratch = new char[s.capacity()];
    for (int i = 0; i < inputs.length; i++) {
      classes[i] = (byte) r.nextInt(2);
      int length = (classes[i] == 0 ? s.fixed() : s.random()).fill(r, scratch);
      inputs[i] = s.maker().make(scratch, length);
    }
  }

  static long measure(Subject s, CharSequence[] inputs, long[] times) {
    long accepted = 0;
    long touched = 0;
    for (int i = 0; i < inputs.length; i++) {
      CharSequence c = inputs[i];
      touched += touch(c);
      long t0 = System.nanoTime();
      boolean ok = s.operation().test(c);
      long t1 = System.nanoTime();
      times[i] = t1 - t0;
      accepted += ok ? 1 : 0;
    }
    touchSink = touched; // keeps the touches alive
    return accepted;
  }

  /**
   * Loads the candidate's memory before the clock starts, the same way for both classes, so that
   * neither class pays more cache misses: a string at its ends and middle; a view at the first 64
   * characters of its array, whatever its length.
   */
  static long touch(CharSequence c) {
    if (c instanceof CharBuffer) {
      char[] a = ((CharBuffer) c).array();
      return a[0] + a[21] + a[42] + a[63];
    }
    int n = c.length();
    return c.charAt(0) + c.charAt(n / 2) + c.charAt(n - 1);
  }

  static long nanoTimeStep() {
    long step = Long.MAX_VALUE;
    for (int i = 0; i < 1000; i++) {
      long a = System.nanoTime();
      long b = System.nanoTime();
      while (b == a) {
        b = System.nanoTime();
      }
      step = Math.min(step, b - a);
    }
    return step;
  }
}

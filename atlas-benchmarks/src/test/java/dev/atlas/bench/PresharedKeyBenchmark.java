package dev.atlas.bench;

import dev.atlas.auth.PresharedKey;
import dev.atlas.auth.Token;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link PresharedKey#matches} (one key, and two during a rotation) against {@link
 * MessageDigest#isEqual} on raw bytes prepared in advance, and on bytes converted per call as
 * {@code matches} would have to.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PresharedKeyBenchmark {
  private PresharedKey key;
  private PresharedKey rotating;
  private String candidate;
  private byte[] keyBytes;
  private byte[] candidateBytes;

  @Setup
  public void setUp() {
    String k = Token.mint().token();
    key = PresharedKey.of(k);
    rotating = PresharedKey.of(Token.mint().token(), k);
    candidate = new String(k.toCharArray());
    keyBytes = k.getBytes(StandardCharsets.US_ASCII);
    candidateBytes = candidate.getBytes(StandardCharsets.US_ASCII);
    if (!matches() || !matchesRotating() || !baselineIsEqualRawBytes()) {
      throw new IllegalStateException("all must accept the key");
    }
  }

  @Benchmark
  public boolean matches() {
    return key.matches(candidate);
  }

  @Benchmark
  public boolean matchesRotating() {
    return rotating.matches(candidate);
  }

  @Benchmark
  public boolean baselineIsEqualRawBytes() {
    return MessageDigest.isEqual(keyBytes, candidateBytes);
  }

  @Benchmark
  public boolean baselineIsEqualWithGetBytes() {
    return MessageDigest.isEqual(keyBytes, candidate.getBytes(StandardCharsets.US_ASCII));
  }
}

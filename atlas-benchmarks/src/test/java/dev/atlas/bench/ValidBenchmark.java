package dev.atlas.bench;

import dev.atlas.auth.MintedToken;
import dev.atlas.auth.Token;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
 * {@link Token#valid} against one SHA-256 and {@link MessageDigest#isEqual} with the expected
 * digest already in bytes. Goal: within 1.2x of the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ValidBenchmark {
  private String candidate;
  private String hash;
  private byte[] expectedDigest;
  private MessageDigest sha256;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    MintedToken t = Token.mint();
    candidate = new String(t.token().toCharArray()); // not the instance the hash came from
    hash = t.hash();
    expectedDigest = HexFormat.of().parseHex(hash);
    sha256 = MessageDigest.getInstance("SHA-256");
    if (!valid() || !baselineSha256IsEqual()) {
      throw new IllegalStateException("both must accept the token");
    }
  }

  @Benchmark
  public boolean valid() {
    return Token.valid(candidate, hash);
  }

  @Benchmark
  public boolean baselineSha256IsEqual() {
    return MessageDigest.isEqual(expectedDigest, sha256.digest(candidate.getBytes(StandardCharsets.UTF_8)));
  }
}

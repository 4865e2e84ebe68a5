package dev.atlas.bench;

import dev.atlas.auth.MintedToken;
import dev.atlas.auth.Token;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link Token#mint()} against the bare JDK work it has to do: 32 bytes from the same non-blocking
 * {@link SecureRandom}, base64url without padding, SHA-256 of the text, lowercase hex. Goal: within
 * 1.2x of the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MintBenchmark {
  private SecureRandom random;
  private MessageDigest sha256;
  private final Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
  private final HexFormat hex = HexFormat.of();

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    random = SecureRandom.getInstance("NativePRNGNonBlocking");
    sha256 = MessageDigest.getInstance("SHA-256");
  }

  @Benchmark
  public MintedToken mint() {
    return Token.mint();
  }

  @Benchmark
  public void baselineSecureRandomSha256Base64(Blackhole bh) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = base64url.encodeToString(bytes);
    bh.consume(token);
    bh.consume(hex.formatHex(sha256.digest(token.getBytes(StandardCharsets.US_ASCII))));
  }
}

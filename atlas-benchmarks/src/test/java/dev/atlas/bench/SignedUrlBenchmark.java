package dev.atlas.bench;

import dev.atlas.auth.SignedUrl;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * {@link SignedUrl#sign} and {@link SignedUrl#verify} against one bare HMAC-SHA256 of the same
 * canonical string: with a {@link Mac} initialised once, and with {@code getInstance} + {@code
 * init} per call (what a stateless implementation pays).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SignedUrlBenchmark {
  static final String SECRET = "bench-signing-secret-bench-signing-secret";
  static final String URL = "https://pod.example:8443/v1/stream?prompt=hello+world&user=42";
  static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

  private String signed;
  private byte[] canonical;
  private SecretKeySpec keySpec;
  private Mac mac;

  @Setup
  public void setUp() throws GeneralSecurityException {
    signed = SignedUrl.sign(URL, SECRET, Duration.ofSeconds(3600), NOW);
    canonical = "/v1/stream?exp=1700003600&prompt=hello+world&user=42".getBytes(StandardCharsets.UTF_8);
    keySpec = new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    mac = Mac.getInstance("HmacSHA256");
    mac.init(keySpec);
    if (verify() != SignedUrl.Verification.VALID) {
      throw new IllegalStateException("the signed URL must verify");
    }
  }

  @Benchmark
  public String sign() {
    return SignedUrl.sign(URL, SECRET, Duration.ofSeconds(3600), NOW);
  }

  @Benchmark
  public SignedUrl.Verification verify() {
    return SignedUrl.verify(signed, SECRET, NOW);
  }

  @Benchmark
  public byte[] baselineHmacPreparedMac() {
    return mac.doFinal(canonical);
  }

  @Benchmark
  public byte[] baselineHmacNewMacPerCall() throws GeneralSecurityException {
    Mac m = Mac.getInstance("HmacSHA256");
    m.init(keySpec);
    return m.doFinal(canonical);
  }
}

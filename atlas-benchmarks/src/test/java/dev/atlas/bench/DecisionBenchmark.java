package dev.atlas.bench;

import dev.atlas.auth.PresharedKey;
import dev.atlas.auth.Token;
import dev.atlas.auth.http.AuthRequest;
import dev.atlas.auth.http.BearerPolicy;
import dev.atlas.auth.http.Decision;
import java.util.List;
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
 * The pod-side decision on a valid {@code Authorization: Bearer <key>} (a prebuilt {@link
 * AuthRequest}) against the naive {@code header.equals("Bearer " + key)}: with the default policy
 * (a key and nothing else), and with two excluded paths, whose check every protected request
 * pays too. Goals: at most 100 ns/op and 0 B/op ({@code -prof gc}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecisionBenchmark {
  private String key;
  private String header;
  private BearerPolicy policy;
  private BearerPolicy policyWithExclusions;
  private AuthRequest request;

  @Setup
  public void setUp() {
    key = Token.mint().token();
    header = "Bearer " + key;
    policy = BearerPolicy.builder().key(PresharedKey.of(key)).build();
    policyWithExclusions = BearerPolicy.builder()
        .key(PresharedKey.of(key))
        .excludePaths(List.of("/health", "/metrics/*"))
        .build();
    request = new AuthRequest("GET", List.of(header), null, null, "/v1/generate", "/v1/generate", null);
    if (!(decide() instanceof Decision.Allow) || !(decideWithExclusions() instanceof Decision.Allow) || !naiveEquals()) {
      throw new IllegalStateException("both must accept the key");
    }
  }

  @Benchmark
  public Decision decide() {
    return policy.decide(request);
  }

  @Benchmark
  public Decision decideWithExclusions() {
    return policyWithExclusions.decide(request);
  }

  @Benchmark
  public boolean naiveEquals() {
    return header.equals("Bearer " + key);
  }
}

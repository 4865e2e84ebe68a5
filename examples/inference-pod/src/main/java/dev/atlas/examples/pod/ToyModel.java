package dev.atlas.examples.pod;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic stand-in for a language model: the same prompt always yields the same tokens,
 * drawn from a small vocabulary by a generator seeded with the prompt's SHA-256.
 */
final class ToyModel {
  static final String ID = "atlas-toy-1";
  static final int MAX_TOKENS = 256;
  static final int DEFAULT_TOKENS = 16;
  static final int MAX_PROMPT_LENGTH = 4096;

  private static final String[] VOCABULARY = (
      "the a pod GPU token stream model answer quickly slowly bright dark river mountain cloud "
          + "signal noise atlas jakarta bean filter request reply light shadow north south east west "
          + "small large quiet loud early late open closed warm cold first last always never again "
          + "here there now then maybe surely because while under over inside outside with without "
          + "green blue red gold silver iron glass stone").split(" ");

  private ToyModel() {}

  /** The tokens the model generates for {@code prompt}, {@code maxTokens} of them. */
  static List<String> generate(String prompt, int maxTokens) {
    SplittableRandom random = new SplittableRandom(seed(prompt));
    List<String> tokens = new ArrayList<>(maxTokens);
    for (int i = 0; i < maxTokens; i++) {
      tokens.add(VOCABULARY[random.nextInt(VOCABULARY.length)]);
    }
    return tokens;
  }

  private static long seed(String prompt) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(prompt.getBytes(StandardCharsets.UTF_8));
      long seed = 0;
      for (int i = 0; i < 8; i++) {
        seed = (seed << 8) | (h[i] & 0xFF);
      }
      return seed;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}

package dev.atlas.spawn.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into arguments, as a POSIX shell would for words and quotes only: blanks
 * separate words, {@code '...'} is literal, {@code "..."} and bare words honour {@code \} escapes.
 * No variables, globs, pipes or redirections: the command runs without a shell.
 */
final class CommandLine {
  private CommandLine() {}

  /**
   * @throws IllegalArgumentException for an unterminated quote or a trailing backslash
   */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("image: unterminated ' in command line");
        }
        word.append(line, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        i = doubleQuoted(line, i + 1, word);
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 == line.length()) {
          throw new IllegalArgumentException("image: trailing \\ in command line");
        }
        word.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException("image: empty command line");
    }
    return words;
  }

  /** {@code java} becomes this JVM's own launcher, so pods run on the same Java as the caller. */
  static List<String> resolveJava(List<String> argv) {
    if (!argv.get(0).equals("java")) {
      return argv;
    }
    List<String> resolved = new ArrayList<>(argv);
    resolved.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return resolved;
  }

  private static int doubleQuoted(String line, int from, StringBuilder word) {
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
        c = line.charAt(++i);
      }
      word.append(c);
    }
    throw new IllegalArgumentException("image: unterminated \" in command line");
  }
}

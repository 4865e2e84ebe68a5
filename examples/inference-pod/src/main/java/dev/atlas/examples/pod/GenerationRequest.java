package dev.atlas.examples.pod;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;

/**
 * A validated generation request: a prompt of 1 to {@value ToyModel#MAX_PROMPT_LENGTH} characters
 * and {@code max_tokens} from 1 to {@value ToyModel#MAX_TOKENS}. Every bad input is a 400 problem.
 */
record GenerationRequest(String prompt, int maxTokens) {
  static final int MAX_BODY_BYTES = 64 * 1024;

  /** From a JSON body {@code {"prompt": "...", "max_tokens": 16}}. */
  static GenerationRequest fromJson(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw Problems.badRequest("the body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    JsonValue value;
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
      value = reader.readValue();
    } catch (JsonException e) {
      throw Problems.badRequest("the body is not valid JSON");
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw Problems.badRequest("the body must be a JSON object");
    }
    JsonObject o = value.asJsonObject();
    JsonValue prompt = o.get("prompt");
    if (!(prompt instanceof JsonString)) {
      throw Problems.badRequest("prompt must be a string");
    }
    JsonValue max = o.get("max_tokens");
    int maxTokens = ToyModel.DEFAULT_TOKENS;
    if (max != null && max != JsonValue.NULL) {
      if (!(max instanceof JsonNumber) || !((JsonNumber) max).isIntegral()) {
        throw Problems.badRequest("max_tokens must be a whole number");
      }
      // Compared as a BigDecimal, so 1e999999 costs nothing to refuse.
      BigDecimal n = ((JsonNumber) max).bigDecimalValue();
      boolean inRange = n.compareTo(BigDecimal.ONE) >= 0 && n.compareTo(BigDecimal.valueOf(ToyModel.MAX_TOKENS)) <= 0;
      maxTokens = checkedMaxTokens(inRange ? n.intValue() : 0);
    }
    return of(((JsonString) prompt).getString(), maxTokens);
  }

  /** From query parameters; either may be null. */
  static GenerationRequest fromQuery(String prompt, String maxTokens) {
    if (prompt == null) {
      throw Problems.badRequest("the prompt query parameter is required");
    }
    int max = ToyModel.DEFAULT_TOKENS;
    if (maxTokens != null) {
      try {
        max = checkedMaxTokens(Integer.parseInt(maxTokens.trim()));
      } catch (NumberFormatException e) {
        throw Problems.badRequest("max_tokens must be a whole number");
      }
    }
    return of(prompt, max);
  }

  private static GenerationRequest of(String prompt, int maxTokens) {
    if (prompt.isEmpty() || prompt.length() > ToyModel.MAX_PROMPT_LENGTH) {
      throw Problems.badRequest("prompt must have 1 to " + ToyModel.MAX_PROMPT_LENGTH + " characters");
    }
    return new GenerationRequest(prompt, maxTokens);
  }

  private static int checkedMaxTokens(int maxTokens) {
    if (maxTokens < 1 || maxTokens > ToyModel.MAX_TOKENS) {
      throw Problems.badRequest("max_tokens must be between 1 and " + ToyModel.MAX_TOKENS);
    }
    return maxTokens;
  }
}

package dev.cartwheel.gateway.problems;

import dev.cartwheel.codecs.FieldError;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the OpenAPI validator found into field errors a client can show next to its form fields:
 * {@code {"field": "email", "message": "is required"}}. Summary entries that only say "a sub-schema had
 * errors" are dropped, and so is a container whose fault lies inside it; each field keeps its first, most
 * specific error.
 */
final class ValidationProblems {

  private static final Set<String> SUMMARY_KEYWORDS =
      Set.of(
          "properties",
          "$ref",
          "$dynamicRef",
          "$recursiveRef",
          "items",
          "prefixItems",
          "allOf",
          "anyOf",
          "oneOf");
  private static final Pattern REQUIRED = Pattern.compile("required property \"(.*)\"");
  private static final Pattern LENGTH = Pattern.compile("\\((\\d+) [<>] (\\d+)\\)");
  private static final Pattern EXPECTED = Pattern.compile("Expected (.*)$");
  private static final Pattern FORMAT = Pattern.compile("format \"(.*)\"");
  private static final Pattern INVALID_PARAMETER =
      Pattern.compile("^The value of \\w+ parameter (\\S+) is invalid");
  private static final Pattern PARAMETER = Pattern.compile("required \\w+ parameter (\\S+)$");

  private ValidationProblems() {}

  static Problem of(ValidatorException invalid) {
    if (invalid instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      Matcher parameter = INVALID_PARAMETER.matcher(invalid.getMessage());
      List<FieldError> errors =
          fieldErrors(schema.getOutputUnit(), parameter.find() ? parameter.group(1) : "(body)");
      if (!errors.isEmpty()) {
        String detail =
            errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.";
        return new Problem(400, GatewayError.VALIDATION_FAILED.name(), detail, errors, 0);
      }
    }
    if (invalid.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER) {
      Matcher parameter = PARAMETER.matcher(invalid.getMessage());
      if (parameter.find()) {
        return new Problem(
            400,
            GatewayError.VALIDATION_FAILED.name(),
            "A required parameter is missing.",
            List.of(new FieldError(parameter.group(1), "is required")),
            0);
      }
      return Problem.of(GatewayError.VALIDATION_FAILED, "The request body is required.");
    }
    return Problem.of(GatewayError.VALIDATION_FAILED, "The request is not valid.");
  }

  /** @param root what to call the validated value itself: the parameter's name, or (body) */
  static List<FieldError> fieldErrors(OutputUnit result, String root) {
    Map<String, String> byField = new LinkedHashMap<>();
    List<OutputUnit> units =
        result.getErrors() == null || result.getErrors().isEmpty()
            ? List.of(result)
            : result.getErrors();
    for (OutputUnit unit : units) {
      String keyword = lastSegment(unit.getKeywordLocation());
      if (SUMMARY_KEYWORDS.contains(keyword) || unit.getError() == null) {
        continue;
      }
      String field = pointerToField(unit.getInstanceLocation());
      String message = unit.getError();
      Matcher required = REQUIRED.matcher(message);
      if (keyword.equals("required") && required.find()) {
        field = field.isEmpty() ? required.group(1) : field + "/" + required.group(1);
      }
      byField.putIfAbsent(field.isEmpty() ? root : field, friendly(keyword, message));
    }
    // a container with an error inside it (lines, because of lines/0/quantity) is not itself at
    // fault
    List<FieldError> errors = new ArrayList<>();
    byField.forEach(
        (field, message) -> {
          if (byField.keySet().stream().noneMatch(other -> other.startsWith(field + "/"))) {
            errors.add(new FieldError(field, message));
          }
        });
    return errors;
  }

  private static String friendly(String keyword, String message) {
    Matcher length = LENGTH.matcher(message);
    Matcher expected = EXPECTED.matcher(message);
    Matcher format = FORMAT.matcher(message);
    return switch (keyword) {
      case "required" -> "is required";
      case "additionalProperties", "unevaluatedProperties" -> "is not allowed";
      case "minLength" ->
          length.find() ? "must be at least " + length.group(2) + " characters" : message;
      case "maxLength" ->
          length.find() ? "must be at most " + length.group(2) + " characters" : message;
      case "type" -> expected.find() ? "must be of type " + expected.group(1) : message;
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" ->
          message.replaceFirst("^\\S+ is", "is");
      case "pattern" -> "has an invalid format";
      case "minItems" -> "has too few items";
      case "maxItems" -> "has too many items";
      case "format" ->
          !format.find()
              ? message
              : format.group(1).equals("email")
                  ? "must be a valid e-mail address"
                  : "must be a valid " + format.group(1);
      default -> message;
    };
  }

  private static String pointerToField(String pointer) {
    if (pointer == null) {
      return "";
    }
    String field = pointer.startsWith("#") ? pointer.substring(1) : pointer;
    return field.startsWith("/") ? field.substring(1) : field;
  }

  private static String lastSegment(String location) {
    if (location == null) {
      return "";
    }
    return location.substring(location.lastIndexOf('/') + 1);
  }
}

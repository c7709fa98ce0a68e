package dev.cartwheel.gateway.api;

import static io.vertx.openapi.validation.ValidationContext.REQUEST;
import static io.vertx.openapi.validation.ValidatorErrorType.MISSING_REQUIRED_PARAMETER;
import static io.vertx.openapi.validation.ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.analyser.ContentAnalyser;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An operation's OpenAPI request validation, with its JSON-schema validators built once (here, at start)
 * and run on the event loop. vertx-openapi 5.0.8's own handler builds a new validator, copying the schema
 * repository's whole lookup map, for every parameter and body of every request, on a worker thread (see
 * docs/upstream/vertx-openapi-validators.md). The checks, their order and their errors are those of its
 * {@code RequestValidatorImpl}, so clients see the same answers; the result is stored where vertx-web's
 * own handler stores it ({@link RouterBuilder#KEY_META_DATA_VALIDATED_REQUEST}).
 * <p>
 * When every input of the operation is in the URI (path and query parameters, no body, header or cookie),
 * the same URI validates the same way: the URIs that passed lately are remembered, and pass again at once
 * (the catalogue's reads, mostly). Those that failed are checked each time.
 */
public final class RequestValidation implements Handler<RoutingContext> {

  private static final Pattern WORD = Pattern.compile("\\w+");
  private static final String JSON_LETTERS = "truefalsnNIiyE";
  private static final Map<Style, ParameterTransformer> TRANSFORMERS =
      new EnumMap<>(
          Map.of(
              Style.SIMPLE,
              new SimpleTransformer(),
              Style.LABEL,
              new LabelTransformer(),
              Style.MATRIX,
              new MatrixTransformer(),
              Style.FORM,
              new FormTransformer()));

  /** A validated value, as vertx-openapi's handlers hand it on. */
  private record Value(Object get) implements RequestParameter {}

  private record Validated(
      Map<String, RequestParameter> getCookies,
      Map<String, RequestParameter> getHeaders,
      Map<String, RequestParameter> getPathParameters,
      Map<String, RequestParameter> getQuery,
      RequestParameter getBody)
      implements ValidatedRequest {}

  /** How many URIs that passed are remembered, per operation. */
  private static final int PASSED_URIS = 4096;

  private final Operation operation;
  private final RequestExtractor extractor;

  /** Null when the operation reads more than its URI. */
  private final Cache<String, ValidatedRequest> passed;

  private final IdentityHashMap<Parameter, Validator> parameters = new IdentityHashMap<>();

  /** By the body's declared media type; none for a media type whose content is not schema-checked. */
  private final IdentityHashMap<MediaType, Validator> bodies = new IdentityHashMap<>();

  public RequestValidation(
      OpenAPIContract contract, Operation operation, RequestExtractor extractor) {
    this.operation = operation;
    this.extractor = extractor;
    this.passed =
        readsOnlyItsUri(operation) ? Caffeine.newBuilder().maximumSize(PASSED_URIS).build() : null;
    SchemaRepository schemas = contract.getSchemaRepository();
    operation
        .getParameters()
        .forEach(parameter -> parameters.put(parameter, schemas.validator(parameter.getSchema())));
    RequestBody body = operation.getRequestBody();
    if (body != null) {
      body.getContent().values().stream()
          .filter(RequestValidation::schemaChecked)
          .forEach(mediaType -> bodies.put(mediaType, schemas.validator(mediaType.getSchema())));
    }
  }

  @Override
  public void handle(RoutingContext rc) {
    ValidatedRequest known = passed == null ? null : passed.getIfPresent(rc.request().uri());
    if (known != null) {
      proceed(rc, known);
      return;
    }
    extractor
        .extractValidatableRequest(rc, operation)
        .onComplete(
            extracted -> {
              ValidatedRequest validated;
              try {
                if (extracted.failed()) {
                  throw extracted.cause();
                }
                validated = validate(extracted.result());
              } catch (ValidatorException invalid) {
                rc.fail(new HttpException(400, invalid.getMessage(), invalid));
                return;
              } catch (Throwable failure) {
                rc.fail(failure);
                return;
              }
              if (passed != null) {
                passed.put(rc.request().uri(), validated);
              }
              proceed(rc, validated);
            });
  }

  private static void proceed(RoutingContext rc, ValidatedRequest validated) {
    rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
    rc.next();
  }

  private static boolean readsOnlyItsUri(Operation operation) {
    return operation.getRequestBody() == null
        && operation.getParameters().stream()
            .allMatch(
                parameter ->
                    parameter.getIn() == Location.PATH || parameter.getIn() == Location.QUERY);
  }

  ValidatedRequest validate(ValidatableRequest request) {
    Map<String, RequestParameter> cookies = new HashMap<>(request.getCookies().size());
    Map<String, RequestParameter> headers = new HashMap<>(request.getHeaders().size());
    Map<String, RequestParameter> path = new HashMap<>(request.getPathParameters().size());
    Map<String, RequestParameter> query = new HashMap<>(request.getQuery().size());
    for (Parameter parameter : operation.getParameters()) {
      switch (parameter.getIn()) {
        case COOKIE ->
            cookies.put(
                parameter.getName(),
                parameter(parameter, request.getCookies().get(parameter.getName())));
        case HEADER ->
            headers.put(
                parameter.getName(),
                parameter(parameter, request.getHeaders().get(parameter.getName())));
        case PATH ->
            path.put(
                parameter.getName(),
                parameter(parameter, request.getPathParameters().get(parameter.getName())));
        case QUERY ->
            query.put(
                parameter.getName(),
                parameter(parameter, request.getQuery().get(parameter.getName())));
      }
    }
    return new Validated(cookies, headers, path, query, body(request));
  }

  private RequestParameter parameter(Parameter parameter, RequestParameter value) {
    if (value == null || value.isNull()) {
      if (parameter.isRequired()) {
        throw ValidatorException.createMissingRequiredParameter(parameter);
      }
      return new Value(null);
    }
    ParameterTransformer transformer = TRANSFORMERS.get(parameter.getStyle());
    if (transformer == null) {
      throw ValidatorException.createUnsupportedValueFormat(parameter);
    }
    Object transformed = transform(transformer, parameter, String.valueOf(value.get()));
    OutputUnit result = parameters.get(parameter).validate(transformed);
    try {
      result.checkValidity();
      return new Value(transformed);
    } catch (JsonSchemaValidationException e) {
      throw SchemaValidationException.createErrorFromOutputUnitType(parameter, result, e);
    }
  }

  /**
   * vertx-openapi's {@code transformer.transform}. For most strings (an idempotency key, a UUID) its first step,
   * reading the raw value as JSON, fails by throwing and catching an exception; a value that cannot be JSON
   * goes straight to the step that follows the failure: read as a JSON string.
   */
  private static Object transform(
      ParameterTransformer transformer, Parameter parameter, String raw) {
    SchemaType type = parameter.getSchemaType();
    if (type == null
        || type == SchemaType.OBJECT
        || type == SchemaType.ARRAY
        || !cannotBeJson(raw)
        || (type == SchemaType.STRING && WORD.matcher(raw).matches())) {
      return transformer.transform(parameter, raw);
    }
    try {
      return transformer.transformPrimitive(parameter, "\"" + raw + "\"");
    } catch (DecodeException e) {
      throw ValidatorException.createCantDecodeValue(parameter);
    }
  }

  /**
   * True when Vert.x's JSON reader (which allows comments) surely refuses {@code raw}: no string and no
   * comment can start in it, and it has a letter that no JSON literal (true, false, null, an exponent; NaN and
   * Infinity, should the reader be told to take them) has.
   */
  static boolean cannotBeJson(String raw) {
    if (raw.indexOf('"') >= 0 || raw.indexOf('/') >= 0) {
      return false;
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && JSON_LETTERS.indexOf(c) < 0) {
        return true;
      }
    }
    return false;
  }

  private RequestParameter body(ValidatableRequest request) {
    RequestBody declared = operation.getRequestBody();
    if (declared == null) {
      return new Value(null);
    }
    if (request.getBody() == null || request.getBody().isEmpty()) {
      if (declared.isRequired()) {
        throw new ValidatorException(
            "The related request does not contain the required body.", MISSING_REQUIRED_PARAMETER);
      }
      return new Value(null);
    }
    MediaType mediaType = declared.determineContentType(request.getContentType());
    Buffer content = request.getBody().getBuffer(Buffer.buffer());
    ContentAnalyser analyser =
        mediaType == null
            ? null
            : ContentAnalyser.getContentAnalyser(
                mediaType, request.getContentType(), content, REQUEST);
    if (analyser == null) {
      throw new ValidatorException(
          "The format of the " + REQUEST + " body is not supported", UNSUPPORTED_VALUE_FORMAT);
    }
    analyser.checkSyntacticalCorrectness();
    Validator validator = bodies.get(mediaType);
    if (validator == null) {
      return new Value(content);
    }
    Object transformed = analyser.transform();
    OutputUnit result = validator.validate(transformed);
    try {
      result.checkValidity();
      return new Value(transformed);
    } catch (JsonSchemaValidationException e) {
      throw SchemaValidationException.createInvalidValueBody(result, REQUEST, e);
    }
  }

  /** As vertx-openapi decides it: content with no schema, or a plain binary string, is taken as it is. */
  private static boolean schemaChecked(MediaType mediaType) {
    if (mediaType.getSchema() == null) {
      return false;
    }
    String type = mediaType.getSchema().get("type");
    String format = mediaType.getSchema().get("format");
    boolean binaryOnly =
        "string".equalsIgnoreCase(type)
            && "binary".equalsIgnoreCase(format)
            && mediaType.getSchema().fieldNames().size() == 2;
    return !binaryOnly;
  }
}

package dev.cartwheel.gateway.api;

/**
 * Every path of the gateway's HTTP API, and where its OpenAPI documents and the web app are on the
 * classpath: the one place they are written, so that routes, headers, links and tests agree. The
 * operations' own paths are in the OpenAPI documents; here are those the code itself needs.
 */
public final class ApiPaths {

  /** GET: the API's versions and where their documents are. */
  public static final String API = "/api";

  /** Everything under it belongs to the API: not the web app's, not stored by caches. */
  public static final String PREFIX = API + "/";

  /** Version 1 of the API. */
  public static final String V1 = API + "/v1";

  /** Version 2 of the API. */
  public static final String V2 = API + "/v2";

  /** Under a version's path: its OpenAPI document as JSON. */
  public static final String OPENAPI_JSON = "/openapi.json";

  /** Under a version's path: its OpenAPI document as written (YAML). */
  public static final String OPENAPI_YAML = "/openapi.yaml";

  /** The OpenAPI document of version 1, on the classpath. */
  public static final String OPENAPI_V1 = "openapi/cartwheel-v1.yaml";

  /** The OpenAPI document of version 2, on the classpath. */
  public static final String OPENAPI_V2 = "openapi/cartwheel-v2.yaml";

  /** GET: the AsyncAPI document of the CloudEvents on Kafka. */
  public static final String ASYNCAPI = API + "/asyncapi.json";

  /** GET, with a file name after it: the JSON Schema of a CloudEvent type's data. */
  public static final String SCHEMAS = API + "/schemas/";

  /** The signed-in user (Location of a registration). */
  public static final String V1_ME = V1 + "/users/me";

  /** The catalogue; a product is {@code V1_PRODUCTS/{sku}}. */
  public static final String V1_PRODUCTS = V1 + "/products";

  /** Version 1's orders; an order is {@code V1_ORDERS/{id}}. */
  public static final String V1_ORDERS = V1 + "/orders";

  /** Version 2's orders; an order is {@code V2_ORDERS/{id}}. */
  public static final String V2_ORDERS = V2 + "/orders";

  /** GET: the live stream, a WebSocket. */
  public static final String STREAM = V1 + "/stream";

  /** POST: a ticket that opens the stream (browsers cannot send a token on a WebSocket). */
  public static final String STREAM_TICKETS = STREAM + "/tickets";

  /** GET: the keys that verify the platform's tokens, a JSON Web Key Set (where OpenID providers keep theirs). */
  public static final String JWKS = "/.well-known/jwks.json";

  /** The web app for people, on the classpath, served at {@code /}. */
  public static final String WEBROOT = "webroot";

  /** GET: a file of the web app, any top-level path but the API's. */
  public static final String WEB_APP_FILES = "^(?!" + PREFIX + ")/[^/]*$";

  /** The web app's files as the HTTP metrics label them (a template, as the operations are named). */
  public static final String WEB_APP_FILE = "/{webAppFile}";

  private ApiPaths() {}
}

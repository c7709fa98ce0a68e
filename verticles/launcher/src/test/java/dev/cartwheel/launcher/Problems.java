package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** What every error response of the gateway must look like. */
final class Problems {

  private Problems() {}

  static JsonObject assertProblem(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as("status of %s", response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("code")).isEqualTo(code);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("type"))
        .isEqualTo("urn:cartwheel:problem:" + code.toLowerCase().replace('_', '-'));
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    assertThat(problem.getString("requestId"))
        .isEqualTo(response.getHeader("X-Request-Id"))
        .isNotBlank();
    assertThat(response.bodyAsString())
        .doesNotContain("Exception")
        .doesNotContain("dev.cartwheel")
        .doesNotContain("\tat ");
    return problem;
  }
}

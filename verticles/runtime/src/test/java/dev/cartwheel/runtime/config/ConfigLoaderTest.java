package dev.cartwheel.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwheel.runtime.auth.JwtSettings;
import dev.cartwheel.runtime.db.PgSettings;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ConfigLoaderTest {

  @TempDir Path confDir;
  private Vertx vertx;

  @BeforeEach
  void writeConfDir(Vertx vertx) throws IOException {
    this.vertx = vertx;
    write(
        "config.json",
        """
      {"deploy": ["all"],
       "http": {"host": "127.0.0.1", "port": 8080, "maxBodyBytes": 1024},
       "cluster": {"enabled": false},
       "pg": {"url": null, "password": null, "user": null, "poolSize": 4},
       "jwt": {"algorithm": "ES256", "issuer": "cartwheel", "ttlSeconds": 3600, "keyId": "cartwheel-1",
               "publicKey": null, "publicKeyFile": null, "privateKey": null, "privateKeyFile": null,
               "verificationKeysDir": null}}
      """);
    write(
        "dev.json",
        """
      {"http": {"port": 8081}}
      """);
    write(
        "prod.json",
        """
      {"http": {"host": "0.0.0.0"}}
      """);
  }

  @Test
  @DisplayName("later sources win: defaults < profile < environment < command-line flags")
  void precedence() {
    ConfigReader dev = load("dev", Map.of(), Map.of());
    assertThat(dev.port("http.port")).isEqualTo(8081);
    assertThat(dev.profile()).isEqualTo("dev");

    ConfigReader fromEnv = load("dev", Map.of("CARTWHEEL_HTTP_PORT", "9000"), Map.of());
    assertThat(fromEnv.port("http.port")).isEqualTo(9000);

    ConfigReader fromFlag =
        load("dev", Map.of("CARTWHEEL_HTTP_PORT", "9000"), Map.of("http.port", "9100"));
    assertThat(fromFlag.port("http.port")).isEqualTo(9100);
  }

  @Test
  @DisplayName(
      "environment values are typed like the defaults they replace, and lists are comma-separated")
  void environmentTyping() {
    ConfigReader config =
        load(
            "prod",
            Map.of(
                "CARTWHEEL_VERTICLES", "gateway, users:2",
                "CARTWHEEL_CLUSTER", "TRUE",
                "CARTWHEEL_HTTP_MAX_BODY_BYTES", "2048",
                "CARTWHEEL_PG_URL", "postgresql://cartwheel@db.internal:5433/shop",
                "CARTWHEEL_PG_PASSWORD", "from-a-secret",
                "PATH", "/usr/bin"),
            Map.of());

    assertThat(config.strings("deploy")).containsExactly("gateway", "users:2");
    assertThat(config.bool("cluster.enabled")).isTrue();
    assertThat(config.integer("http.maxBodyBytes", 1, 1 << 20)).isEqualTo(2048);
    assertThat(config.requiredString("http.host")).isEqualTo("0.0.0.0");

    PgSettings pg = PgSettings.from(config);
    assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/shop");
    assertThat(pg.user()).isEqualTo("cartwheel");
    assertThat(pg.password()).isEqualTo("from-a-secret");
  }

  @Test
  @DisplayName("a port that is not a number names the key and its environment variable")
  void portThatIsNotANumber() {
    ConfigReader config = load("dev", Map.of("CARTWHEEL_HTTP_PORT", "eighty"), Map.of());

    assertThatThrownBy(() -> config.port("http.port"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "http.port (CARTWHEEL_HTTP_PORT): expected an integer between 0 and 65535, got \"eighty\"");
  }

  @Test
  void aValueOutOfRangeIsRefused() {
    ConfigReader config = load("dev", Map.of("CARTWHEEL_HTTP_PORT", "70000"), Map.of());

    assertThatThrownBy(() -> config.port("http.port"))
        .hasMessage(
            "http.port (CARTWHEEL_HTTP_PORT): expected an integer between 0 and 65535, got 70000");
  }

  @Test
  @DisplayName("a CARTWHEEL_ variable that matches no key is an error, not silently ignored")
  void unknownEnvironmentVariable() {
    assertThatThrownBy(() -> load("dev", Map.of("CARTWHEEL_HTTP_PROT", "9000"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("CARTWHEEL_HTTP_PROT: unknown setting");
  }

  @Test
  void aProfileMayOnlySetDeclaredKeys() throws IOException {
    write(
        "typo.json",
        """
      {"http": {"prot": 1}}
      """);

    assertThatThrownBy(() -> load("typo", Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "http.prot (CARTWHEEL_HTTP_PROT): unknown key in " + confDir + "/typo.json");
  }

  @Test
  void aProfileWithoutAFileNamesTheFile() {
    assertThatThrownBy(() -> load("staging", Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(confDir + "/staging.json: cannot read configuration file");
  }

  @Test
  @DisplayName("a conf dir holding only a profile file takes config.json from the jar's conf/")
  void aProfileAloneTakesTheJarsDefaults() throws IOException {
    Path profileOnly = Files.createDirectory(confDir.resolve("profile-only"));
    Files.writeString(profileOnly.resolve("mine.json"), "{\"http\": {\"port\": 9123}}");

    ConfigReader config =
        ConfigLoader.load(
                vertx, new ConfigLoader.Sources(profileOnly.toString(), "mine", Map.of(), Map.of()))
            .await();

    assertThat(config.integer("http.port", 0, 65535)).isEqualTo(9123);
    assertThat(config.integer("outbox.batchSize", 1, 10_000))
        .as("a default from the jar's config.json")
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "a profile that extends another takes its keys and overrides some; chains work, nearest profile wins")
  void aProfileExtendsAnother() throws IOException {
    write(
        "dev.json",
        """
      {"http": {"port": 8081, "maxBodyBytes": 2048}, "jwt": {"publicKey": "dev-key"}}
      """);
    write(
        "team.json",
        """
      {"extends": "dev", "http": {"port": 9000}}
      """);
    write(
        "mine.json",
        """
      {"extends": "team", "http": {"maxBodyBytes": 4096}}
      """);

    ConfigReader mine = load("mine", Map.of(), Map.of());

    assertThat(mine.port("http.port")).as("from team").isEqualTo(9000);
    assertThat(mine.integer("http.maxBodyBytes", 1, 1 << 20)).as("mine's own").isEqualTo(4096);
    assertThat(mine.requiredString("jwt.publicKey"))
        .as("from dev, two levels up")
        .isEqualTo("dev-key");
    assertThat(mine.profile()).isEqualTo("mine");
    assertThat(mine.profiles()).containsExactly("mine", "team", "dev");
    assertThat(mine.json().containsKey(ConfigLoader.EXTENDS)).isFalse();
  }

  @Test
  @DisplayName(
      "a conf dir holding only a profile that extends dev takes dev and config.json from the jar")
  void aProfileAloneExtendsTheJarsDev() throws IOException {
    Path profileOnly = Files.createDirectory(confDir.resolve("profile-only"));
    Files.writeString(
        profileOnly.resolve("mine.json"), "{\"extends\": \"dev\", \"http\": {\"port\": 9123}}");

    ConfigReader config =
        ConfigLoader.load(
                vertx, new ConfigLoader.Sources(profileOnly.toString(), "mine", Map.of(), Map.of()))
            .await();

    assertThat(config.integer("http.port", 0, 65535)).isEqualTo(9123);
    assertThat(JwtSettings.from(config).privateKey())
        .as("the development keys of the jar's dev.json")
        .isPresent();
  }

  @Test
  void profilesThatExtendEachOtherAreRefused() throws IOException {
    write("a.json", "{\"extends\": \"b\"}");
    write("b.json", "{\"extends\": \"a\"}");

    assertThatThrownBy(() -> load("a", Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(confDir + "/b.json: profiles extend each other in a loop: a → b → a");
  }

  @Test
  void extendsMustNameAProfile() throws IOException {
    write("odd.json", "{\"extends\": \"../etc/secrets\"}");
    write("missing-parent.json", "{\"extends\": \"staging\"}");
    write("typo-in-parent.json", "{\"extends\": \"typo\"}");
    write("typo.json", "{\"http\": {\"prot\": 1}}");

    assertThatThrownBy(() -> load("odd", Map.of(), Map.of()))
        .hasMessageStartingWith(confDir + "/odd.json: \"extends\" must name another profile");
    assertThatThrownBy(() -> load("missing-parent", Map.of(), Map.of()))
        .hasMessageStartingWith(confDir + "/staging.json: cannot read configuration file");
    assertThatThrownBy(() -> load("typo-in-parent", Map.of(), Map.of()))
        .hasMessageStartingWith(
            "http.prot (CARTWHEEL_HTTP_PROT): unknown key in " + confDir + "/typo.json");
  }

  @Test
  void malformedJsonNamesTheFile() throws IOException {
    write("broken.json", "{\"http\": ");

    assertThatThrownBy(() -> load("broken", Map.of(), Map.of()))
        .hasMessageStartingWith(confDir + "/broken.json: cannot read configuration file");
  }

  @Test
  @DisplayName("a required key missing in the production profile stops start-up with its name")
  void requiredKeyMissingInProduction() {
    ConfigReader prod = load("prod", Map.of(), Map.of());

    assertThatThrownBy(() -> JwtSettings.from(prod))
        .isInstanceOf(ConfigException.class)
        .hasMessage("jwt.publicKey (CARTWHEEL_JWT_PUBLIC_KEY): is required in profile 'prod'");
  }

  @Test
  void secretsAreNeverEchoedInErrors() {
    ConfigReader config = load("dev", Map.of("CARTWHEEL_PG_PASSWORD", "hunter2"), Map.of());
    config.json().getJsonObject("pg").put("password", 12345);

    assertThatThrownBy(() -> config.requiredString("pg.password"))
        .hasMessageContaining("value hidden")
        .hasMessageNotContaining("12345");
  }

  @Test
  void environmentNamesFollowTheKeys() {
    assertThat(EnvOverrides.envName("http.maxBodyBytes"))
        .isEqualTo("CARTWHEEL_HTTP_MAX_BODY_BYTES");
    assertThat(EnvOverrides.envName("pg.url")).isEqualTo("CARTWHEEL_PG_URL");
    assertThat(EnvOverrides.envName("deploy")).isEqualTo("CARTWHEEL_DEPLOY");
  }

  @Test
  @DisplayName(
      "the shipped conf/ loads in every profile, and every default key has an environment name")
  void shippedConfigurationLoads() {
    for (String profile : new String[] {"dev", "prod"}) {
      ConfigReader config =
          ConfigLoader.load(vertx, new ConfigLoader.Sources("conf", profile, Map.of(), Map.of()))
              .await();
      assertThat(config.profile()).isEqualTo(profile);
      assertThat(config.port("http.port")).isEqualTo(8080);
    }
    ConfigReader dev =
        ConfigLoader.load(vertx, new ConfigLoader.Sources("conf", "dev", Map.of(), Map.of()))
            .await();
    assertThat(JwtSettings.from(dev).privateKey()).isPresent();
  }

  private ConfigReader load(String profile, Map<String, String> env, Map<String, String> flags) {
    return ConfigLoader.load(
            vertx, new ConfigLoader.Sources(confDir.toString(), profile, env, flags))
        .await();
  }

  private void write(String name, String json) throws IOException {
    Files.writeString(confDir.resolve(name), json);
  }
}

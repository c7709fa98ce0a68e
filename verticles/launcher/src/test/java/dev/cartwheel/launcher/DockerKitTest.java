package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.XmlConfigBuilder;
import dev.cartwheel.runtime.config.ConfigPaths;
import dev.cartwheel.runtime.config.EnvOverrides;
import dev.cartwheel.runtime.node.OpsPaths;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The operator's kit in {@code docker/} cannot be run where the tests run (there is no Docker engine),
 * so this test reads it and holds it to the code: configuration variables, verticle names, ports,
 * probe paths, the jar's name, the cluster's addresses and the Hazelcast configuration.
 */
class DockerKitTest {

  private static final Path ROOT = Path.of("..", "..");
  private static final Path DOCKER = ROOT.resolve("docker");
  private static final Path K8S = DOCKER.resolve("k8s");

  /** The launcher's verticles: a new one must find its place in compose and Kubernetes. */
  private static final List<String> VERTICLES = VerticleCatalog.names();

  private static final Pattern CARTWHEEL_VARIABLE =
      Pattern.compile("\\bCARTWHEEL_[A-Z0-9_]*[A-Z0-9]");

  /** Variables a Cartwheel container may have that are not the platform's own. */
  private static final Set<String> OTHER_NODE_VARIABLES = Set.of("POD_IP", "JAVA_TOOL_OPTIONS");

  private static final List<String> CLUSTER_TLS_VARIABLES =
      List.of(
          "CARTWHEEL_CLUSTER_TLS_CERT_FILE",
          "CARTWHEEL_CLUSTER_TLS_KEY_FILE",
          "CARTWHEEL_CLUSTER_TLS_CA_FILE");

  private static final JsonObject DEFAULTS = new JsonObject(read(ROOT.resolve("conf/config.json")));

  // ---- parsing
  // ------------------------------------------------------------------------------------

  @Test
  @DisplayName("compose.yaml, every Kubernetes manifest and the other YAML files parse")
  void everythingParses() {
    assertThat(services()).as("compose services").isNotEmpty();
    for (Path file : k8sFiles()) {
      List<Map<String, Object>> docs = yamlDocuments(file);
      assertThat(docs).as(file + " documents").isNotEmpty();
      docs.forEach(
          doc ->
              assertThat(doc)
                  .as(file + " document")
                  .containsKeys("apiVersion", "kind", "metadata"));
    }
    for (Path file :
        List.of(
            DOCKER.resolve("prometheus.yml"),
            DOCKER.resolve("otel-collector.yaml"),
            DOCKER.resolve("grafana/provisioning/datasources/datasources.yaml"),
            DOCKER.resolve("grafana/provisioning/dashboards/dashboards.yaml"))) {
      assertThat(yamlDocuments(file)).as(file.toString()).hasSize(1);
    }
  }

  // ---- configuration variables ------------------------------------------------------------------

  @Test
  @DisplayName(
      "every CARTWHEEL_* variable in the kit is a configuration key, an alias or a launcher variable")
  void everyCartwheelVariableIsKnown() {
    Set<String> known = knownVariables();
    List<Path> files =
        new ArrayList<>(
            List.of(
                DOCKER.resolve("compose.yaml"),
                DOCKER.resolve("Dockerfile"),
                DOCKER.resolve("healthcheck.sh")));
    files.addAll(k8sFiles());

    Set<String> seen = new TreeSet<>();
    Set<String> unknown = new TreeSet<>();
    for (Path file : files) {
      Matcher m = CARTWHEEL_VARIABLE.matcher(read(file));
      while (m.find()) {
        seen.add(m.group());
        if (!known.contains(m.group())) {
          unknown.add(m.group() + " in " + ROOT.relativize(file));
        }
      }
    }
    assertThat(seen)
        .as("variables found")
        .contains("CARTWHEEL_VERTICLES", "CARTWHEEL_CLUSTER_INTERFACE");
    assertThat(unknown).as("unknown variables: a node refuses to start with any of them").isEmpty();
  }

  @Test
  @DisplayName(
      "a Cartwheel container gets only CARTWHEEL_* variables (a misspelt prefix would be ignored silently)")
  void nodeVariablesAllHaveThePrefix() {
    Predicate<String> ours =
        name -> name.startsWith(EnvOverrides.PREFIX) || OTHER_NODE_VARIABLES.contains(name);
    composeNodes()
        .forEach(
            (name, service) ->
                assertThat(composeEnv(service).keySet())
                    .as("environment of " + name)
                    .allMatch(ours));
    deployments()
        .forEach(
            deployment ->
                assertThat(podEnv(deployment).keySet())
                    .as("environment of " + name(deployment))
                    .allMatch(ours));
  }

  // ---- verticles and roles ----------------------------------------------------------------------

  @Test
  @DisplayName(
      "every CARTWHEEL_VERTICLES names known verticles, each with an optional positive instance count")
  void verticleListsNameKnownVerticles() {
    List<String> lists = new ArrayList<>();
    composeNodes()
        .values()
        .forEach(service -> lists.add(composeEnv(service).get("CARTWHEEL_VERTICLES")));
    deployments().forEach(deployment -> lists.add(podEnv(deployment).get("CARTWHEEL_VERTICLES")));
    assertThat(lists).as("every node says what it runs").isNotEmpty().doesNotContainNull();

    for (String list : lists) {
      for (String entry : list.split(",")) {
        String[] nameAndCount = entry.trim().split(":");
        assertThat(nameAndCount.length).as(list).isBetween(1, 2);
        assertThat(nameAndCount[0]).as(list).isIn(concat(VERTICLES, List.of("all")));
        if (nameAndCount.length == 2) {
          assertThat(Integer.parseInt(nameAndCount[1])).as(list).isPositive();
        }
      }
    }
  }

  @Test
  @DisplayName("together, the compose nodes run every verticle")
  void composeRolesCoverEveryVerticle() {
    Set<String> running = new HashSet<>();
    composeNodes().values().forEach(service -> running.addAll(verticles(composeEnv(service))));
    assertThat(running).containsExactlyInAnyOrderElementsOf(VERTICLES);
  }

  @Test
  @DisplayName("together, the Kubernetes roles run every verticle")
  void kubernetesRolesCoverEveryVerticle() {
    Set<String> running = new HashSet<>();
    deployments().forEach(deployment -> running.addAll(verticles(podEnv(deployment))));
    assertThat(running).containsExactlyInAnyOrderElementsOf(VERTICLES);
  }

  // ---- health probes ----------------------------------------------------------------------------

  @Test
  @DisplayName(
      "Kubernetes probes: live and startup on /health/live, ready on /health/ready, on the role's port")
  void kubernetesProbesUseTheOpsPaths() {
    int checkTimeoutMs = (Integer) ConfigPaths.get(DEFAULTS, "health.checkTimeoutMs");
    assertThat(deployments()).isNotEmpty();
    for (Map<String, Object> deployment : deployments()) {
      String where = name(deployment);
      Map<String, Object> container = container(deployment);
      int port = healthPort(podEnv(deployment));
      assertThat(containerPorts(container))
          .as(where + " declares its health port")
          .containsValue(port);

      assertThat(probePath(container, "startupProbe")).as(where).isEqualTo(OpsPaths.LIVE);
      assertThat(probePath(container, "livenessProbe")).as(where).isEqualTo(OpsPaths.LIVE);
      assertThat(probePath(container, "readinessProbe")).as(where).isEqualTo(OpsPaths.READY);
      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        Object probePort = at(container, probe, "httpGet", "port");
        int number =
            probePort instanceof String named
                ? containerPorts(container).get(named)
                : (Integer) probePort;
        assertThat(number).as(where + " " + probe + " port").isEqualTo(port);
      }
      // a readiness check that times out on its own reports which check failed; a probe timeout
      // does not
      assertThat((Integer) at(container, "readinessProbe", "timeoutSeconds") * 1000)
          .as(where + " readiness timeout")
          .isGreaterThan(checkTimeoutMs);
    }
  }

  @Test
  @DisplayName("the image's healthcheck asks /health/live on the gateway port, then the ops port")
  void healthcheckScriptProbesLive() {
    String script = read(DOCKER.resolve("healthcheck.sh"));
    List<String> paths = matches(script, Pattern.compile("/health/[a-z]+"));
    assertThat(paths).isNotEmpty().allMatch(OpsPaths.LIVE::equals);
    assertThat(defaultIn(script, "CARTWHEEL_HTTP_PORT")).isEqualTo(defaultInt("http.port"));
    assertThat(defaultIn(script, "CARTWHEEL_OPS_PORT")).isEqualTo(defaultInt("ops.port"));
    // compose uses the image's HEALTHCHECK; a node that overrides it must still ask the live path
    composeNodes()
        .forEach(
            (name, service) -> {
              if (service.containsKey("healthcheck")) {
                assertThat(String.valueOf(service.get("healthcheck")))
                    .as(name)
                    .contains(OpsPaths.LIVE);
              }
            });
  }

  // ---- compose ----------------------------------------------------------------------------------

  @Test
  @DisplayName(
      "compose: every image has an explicit tag other than latest, or the service is built")
  void composeImagesArePinned() {
    services()
        .forEach(
            (name, service) -> {
              assertThat(service.containsKey("image") || service.containsKey("build"))
                  .as(name + " has an image")
                  .isTrue();
              if (service.containsKey("image")) {
                assertPinned((String) service.get("image"), "compose service " + name);
              }
            });
  }

  @Test
  @DisplayName(
      "compose: depends_on names services, mounted files exist, named volumes are declared")
  void composeReferencesResolve() {
    Map<String, Map<String, Object>> services = services();
    Set<String> volumes = map(compose().get("volumes")).keySet();
    services.forEach(
        (name, service) -> {
          Object dependsOn = service.get("depends_on");
          Iterable<?> dependencies =
              dependsOn instanceof Map<?, ?> m
                  ? m.keySet()
                  : dependsOn == null ? List.of() : list(dependsOn);
          dependencies.forEach(
              dependency ->
                  assertThat(services)
                      .as(name + " depends on " + dependency)
                      .containsKey((String) dependency));

          for (Object volume : list(service.getOrDefault("volumes", List.of()))) {
            String source = ((String) volume).split(":")[0];
            if (source.startsWith(".")) {
              assertThat(DOCKER.resolve(source)).as(name + " mounts " + source).exists();
            } else {
              assertThat(volumes).as(name + " uses volume " + source).contains(source);
            }
          }
          if (service.containsKey("build")) {
            Path context = DOCKER.resolve((String) at(service, "build", "context"));
            assertThat(context.resolve((String) at(service, "build", "dockerfile")))
                .as(name + " Dockerfile")
                .exists();
          }
        });
  }

  @Test
  @DisplayName(
      "compose: the nodes have static addresses in the subnet, list them all as members and bind their own")
  void composeClusterAddresses() {
    Map<String, Object> ipam =
        map(list(at(compose(), "networks", "default", "ipam", "config")).get(0));
    String subnet = (String) ipam.get("subnet");
    String dynamicRange = (String) ipam.get("ip_range");

    Map<String, String> addresses = new LinkedHashMap<>();
    composeNodes()
        .forEach(
            (name, service) -> {
              String ip = (String) at(service, "networks", "default", "ipv4_address");
              assertThat(ip).as(name + " static address").isNotNull();
              assertThat(inSubnet(ip, subnet)).as(name + " " + ip + " in " + subnet).isTrue();
              assertThat(inSubnet(ip, dynamicRange))
                  .as(name + " " + ip + " outside the dynamic range " + dynamicRange)
                  .isFalse();
              addresses.put(name, ip);
            });
    assertThat(new HashSet<>(addresses.values()))
        .as("distinct addresses")
        .hasSize(addresses.size());

    composeNodes()
        .forEach(
            (name, service) -> {
              Map<String, String> env = composeEnv(service);
              assertThat(env.get("CARTWHEEL_CLUSTER")).as(name + " clustered").isEqualTo("true");
              assertThat(env.get("CARTWHEEL_CLUSTER_INTERFACE"))
                  .as(name + " binds its own address")
                  .isEqualTo(addresses.get(name));
              Set<String> members =
                  Arrays.stream(env.get("CARTWHEEL_CLUSTER_MEMBERS").split(","))
                      .map(member -> member.trim().split(":")[0])
                      .collect(Collectors.toSet());
              assertThat(members)
                  .as(name + " members")
                  .containsExactlyInAnyOrderElementsOf(addresses.values());
            });
  }

  @Test
  @DisplayName("compose: the gateway's node publishes its HTTP port")
  void composePublishesTheGateway() {
    List<String> published = new ArrayList<>();
    composeNodes()
        .forEach(
            (name, service) -> {
              Map<String, String> env = composeEnv(service);
              if (verticles(env).contains("gateway")) {
                int httpPort = healthPort(env);
                list(service.getOrDefault("ports", List.of()))
                    .forEach(
                        port -> {
                          String[] parts = String.valueOf(port).split(":");
                          assertThat(Integer.parseInt(parts[parts.length - 1]))
                              .as(name + " publishes " + port)
                              .isEqualTo(httpPort);
                          published.add(name);
                        });
              }
            });
    assertThat(published).as("a node publishes the gateway").isNotEmpty();
  }

  @Test
  @DisplayName(
      "compose: the JWT keys are the public development pair of conf/dev.json, nothing else")
  void composeCarriesOnlyTheDevelopmentKeys() {
    JsonObject dev = new JsonObject(read(ROOT.resolve("conf/dev.json")));
    composeNodes()
        .forEach(
            (name, service) -> {
              Map<String, String> env = composeEnv(service);
              for (String key : List.of("jwt.publicKey", "jwt.privateKey")) {
                String value = env.get(EnvOverrides.envName(key));
                if (value != null) {
                  assertThat(value).as(name + " " + key).isEqualTo(ConfigPaths.get(dev, key));
                }
              }
            });
  }

  @Test
  @DisplayName(
      "the Grafana dashboard queries only Cartwheel metrics docs/observability.md documents, from the provisioned Prometheus")
  void dashboardQueriesDocumentedMetrics() {
    JsonObject dashboard =
        new JsonObject(
            read(DOCKER.resolve("grafana/provisioning/dashboards/cartwheel-overview.json")));
    String readme = read(ROOT.resolve("docs/observability.md"));
    Matcher metric =
        Pattern.compile(
                "\\b(cartwheel_[a-z_]+?|vertx_[a-z_]+?|jvm_[a-z_]+?)(_total|_bucket|_sum|_count)?\\b")
            .matcher("");
    Set<String> queried = new HashSet<>();
    for (Object panel : dashboard.getJsonArray("panels")) {
      JsonObject each = (JsonObject) panel;
      assertThat(each.getJsonObject("datasource").getString("uid"))
          .as(each.getString("title"))
          .isEqualTo("prometheus");
      for (Object target : each.getJsonArray("targets")) {
        metric.reset(((JsonObject) target).getString("expr"));
        while (metric.find()) {
          queried.add(metric.group(1));
        }
      }
    }
    assertThat(queried).as("metrics on the dashboard").isNotEmpty();
    for (String name : queried) {
      // docs/observability.md names Cartwheel's own metrics one by one, and Vert.x's and the JVM's
      // by family
      // (`vertx_pool_*`, `jvm_*`)
      String[] parts = name.split("_");
      String named =
          name.startsWith("cartwheel_")
              ? name
              : name.startsWith("jvm_") ? "jvm_" : parts[0] + "_" + parts[1] + "_";
      assertThat(readme).as("docs/observability.md names " + name).contains("`" + named);
    }
  }

  @Test
  @DisplayName(
      "Prometheus scrapes every node on its health port; Grafana and the collector name compose services")
  void observabilityNamesComposeServices() {
    Map<String, Map<String, Object>> services = services();
    Map<String, Map<String, Object>> nodes = composeNodes();
    Set<String> scraped = new HashSet<>();
    Map<String, Object> prometheus = yamlDocuments(DOCKER.resolve("prometheus.yml")).get(0);
    for (Object job : list(prometheus.get("scrape_configs"))) {
      for (Object group : list(map(job).get("static_configs"))) {
        for (Object target : list(map(group).get("targets"))) {
          String[] hostPort = ((String) target).split(":");
          assertThat(services).as("scrape target " + target).containsKey(hostPort[0]);
          if (nodes.containsKey(hostPort[0])) {
            assertThat(Integer.parseInt(hostPort[1]))
                .as("scrape target " + target)
                .isEqualTo(healthPort(composeEnv(nodes.get(hostPort[0]))));
            scraped.add(hostPort[0]);
          }
        }
      }
    }
    assertThat(scraped).as("scraped nodes").containsExactlyInAnyOrderElementsOf(nodes.keySet());

    Map<String, Object> grafana =
        yamlDocuments(DOCKER.resolve("grafana/provisioning/datasources/datasources.yaml")).get(0);
    for (Object source : list(grafana.get("datasources"))) {
      String host =
          ((String) map(source).get("url")).replaceFirst("^https?://", "").split("[:/]")[0];
      assertThat(services).as("Grafana data source " + map(source).get("name")).containsKey(host);
    }
    Map<String, Object> collector = yamlDocuments(DOCKER.resolve("otel-collector.yaml")).get(0);
    map(collector.get("exporters"))
        .forEach(
            (name, exporter) -> {
              Object endpoint = exporter == null ? null : map(exporter).get("endpoint");
              if (endpoint != null) {
                assertThat(services)
                    .as("collector exporter " + name)
                    .containsKey(((String) endpoint).split(":")[0]);
              }
            });
  }

  @Test
  @DisplayName(
      "compose and Kubernetes: every node reads the event bus's TLS files from a mounted directory (prod requires them)")
  void clusterTlsFilesAreMounted() {
    composeNodes()
        .forEach(
            (name, service) -> {
              Set<Path> mounted =
                  list(service.getOrDefault("volumes", List.of())).stream()
                      .map(volume -> Path.of(((String) volume).split(":")[1]))
                      .collect(Collectors.toSet());
              for (String variable : CLUSTER_TLS_VARIABLES) {
                String file = composeEnv(service).get(variable);
                assertThat(file).as(name + " " + variable).isNotBlank();
                assertThat(mounted)
                    .as(name + " mounts " + file)
                    .contains(Path.of(file).getParent());
              }
            });
    for (Map<String, Object> deployment : deployments()) {
      for (String variable : CLUSTER_TLS_VARIABLES) {
        String file = podEnv(deployment).get(variable);
        assertThat(file).as(name(deployment) + " " + variable).isNotBlank();
        assertThat(mountedSecretKeys(deployment, Path.of(file).getParent()))
            .as(name(deployment) + " has " + file + " from a Secret")
            .contains(Path.of(file).getFileName().toString());
      }
    }
  }

  @Test
  @DisplayName(
      "Kubernetes: a NetworkPolicy lets only Cartwheel pods reach Cartwheel pods, but on the gateway's and the ops port")
  void networkPolicyKeepsTheClusterPrivate() {
    Map<String, Object> members = Map.of("app.kubernetes.io/name", "cartwheel");
    List<Map<String, Object>> policies =
        kind("NetworkPolicy").stream()
            .filter(policy -> members.equals(at(policy, "spec", "podSelector", "matchLabels")))
            .toList();
    assertThat(policies).as("NetworkPolicies over the Cartwheel pods").hasSize(1);
    Map<String, Object> policy = policies.get(0);
    assertThat(selectedBy(members)).as("every Deployment is covered").hasSize(deployments().size());
    assertThat(list(at(policy, "spec", "policyTypes"))).contains("Ingress");

    Set<Integer> openPorts = new HashSet<>();
    boolean membersAdmitted = false;
    for (Object rule : list(at(policy, "spec", "ingress"))) {
      Object from = map(rule).get("from");
      if (from != null) {
        assertThat(list(from))
            .as("a rule with sources admits Cartwheel pods only")
            .containsExactly(Map.of("podSelector", Map.of("matchLabels", members)));
        membersAdmitted = true;
      } else {
        assertThat(map(rule)).as("a rule open to all names its ports").containsKey("ports");
        list(map(rule).get("ports"))
            .forEach(port -> openPorts.add(((Number) map(port).get("port")).intValue()));
      }
    }
    assertThat(membersAdmitted).as("the members reach each other").isTrue();
    assertThat(openPorts)
        .as("ports open to all: the gateway's HTTP port and the ops port, not Hazelcast's")
        .containsExactlyInAnyOrder(defaultInt("http.port"), defaultInt("ops.port"));
    assertThat(kind("Job"))
        .as("the topics Job is not a member")
        .allSatisfy(
            job ->
                assertThat(map(at(job, "spec", "template", "metadata", "labels")))
                    .doesNotContainEntry("app.kubernetes.io/name", "cartwheel"));
  }

  @Test
  @DisplayName("compose and Kubernetes create every topic conf/config.json names")
  void everyConfiguredTopicIsCreated() {
    List<String> topics = new ArrayList<>();
    ((JsonObject) ConfigPaths.get(DEFAULTS, "kafka.topics"))
        .forEach(topic -> topics.add((String) topic.getValue()));
    ((JsonArray) ConfigPaths.get(DEFAULTS, "bridge.inboundTopics"))
        .forEach(topic -> topics.add((String) topic));
    topics.add((String) ConfigPaths.get(DEFAULTS, "bridge.deadLetterTopic"));

    String composeInit = String.valueOf(services().get("topics-init").get("command"));
    String k8sJob = kind("Job").stream().map(String::valueOf).collect(Collectors.joining());
    for (String topic : topics) {
      Pattern word = Pattern.compile("(?<![\\w.])" + Pattern.quote(topic) + "(?![\\w.])");
      assertThat(word.matcher(composeInit).find())
          .as("compose topics-init creates " + topic)
          .isTrue();
      assertThat(word.matcher(k8sJob).find()).as("the Kubernetes Job creates " + topic).isTrue();
    }
  }

  @Test
  @DisplayName("compose and Kubernetes give a stopping node more time than it takes to drain")
  void shutdownOutlastsTheDrain() {
    composeNodes()
        .forEach(
            (name, service) -> {
              Matcher seconds =
                  Pattern.compile("(\\d+)s")
                      .matcher(String.valueOf(service.get("stop_grace_period")));
              assertThat(seconds.matches()).as(name + " stop_grace_period in seconds").isTrue();
              assertThat(Integer.parseInt(seconds.group(1)) * 1000L)
                  .as(name)
                  .isGreaterThan(drainMs(composeEnv(service)));
            });
    for (Map<String, Object> deployment : deployments()) {
      assertThat(at(container(deployment), "lifecycle", "preStop"))
          .as(name(deployment) + ": http.drainGraceMs does a preStop sleep's work")
          .isNull();
      Integer grace =
          (Integer) at(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds");
      assertThat(grace).as(name(deployment) + " terminationGracePeriodSeconds").isNotNull();
      assertThat(grace * 1000L).as(name(deployment)).isGreaterThan(drainMs(podEnv(deployment)));
    }
  }

  // ---- Dockerfile -------------------------------------------------------------------------------

  @Test
  @DisplayName(
      "Dockerfile: multi-stage, pinned bases, every module's pom before the download, the launcher's jar")
  void dockerfileBuildsTheLaunchersJar() {
    List<List<String[]>> stages = dockerfileStages();
    assertThat(stages).as("stages").hasSizeGreaterThanOrEqualTo(2);
    stages.forEach(stage -> assertPinned(args(stage.get(0)).split("\\s+")[0], "Dockerfile FROM"));

    // the poms must all be there when Maven first runs (the dependency download), or the reactor
    // fails
    List<String[]> build = stages.get(0);
    Set<String> copiedPoms =
        build.stream()
            .takeWhile(instruction -> !instruction[0].equals("RUN"))
            .filter(instruction -> instruction[0].equals("COPY"))
            .map(copy -> sources(copy).get(0))
            .collect(Collectors.toSet());
    for (String module : modules(ROOT)) {
      assertThat(copiedPoms)
          .as("copied before the first RUN: " + module + "/pom.xml")
          .contains(module + "/pom.xml");
    }

    List<String> entrypoint = entrypoint(last(stages));
    String jar = entrypoint.get(entrypoint.indexOf("-jar") + 1);
    String finalName =
        matches(
                read(ROOT.resolve("verticles/launcher/pom.xml")),
                Pattern.compile("<finalName>([^<]+)</finalName>"),
                1)
            .get(0);
    String built =
        instructions(build, "WORKDIR").get(0) + "/verticles/launcher/target/" + finalName + ".jar";
    assertThat(copiesTo(last(stages), jar)).as("the jar copied to " + jar).isEqualTo(built);
  }

  @Test
  @DisplayName(
      "Dockerfile: the run stage is non-root, prod, has conf/ and cluster.xml, a HEALTHCHECK and an exec-form java -jar")
  void dockerfileRunsTheNodeProperly() {
    List<String[]> run = last(dockerfileStages());
    String workdir = instructions(run, "WORKDIR").get(0);

    List<String> users = instructions(run, "USER");
    assertThat(users).as("USER").isNotEmpty();
    assertThat(last(users).split(":")[0]).as("USER").isNotIn("root", "0");

    List<String> entrypoint = entrypoint(run);
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint).contains("-jar");

    assertThat(copiesTo(run, workdir + "/conf/")).as("conf/ copied").isEqualTo("conf/");
    assertThat(copiesTo(run, workdir + "/cluster.xml"))
        .as("cluster.xml copied")
        .isEqualTo("cluster.xml");

    List<String> healthchecks = instructions(run, "HEALTHCHECK");
    assertThat(healthchecks).as("HEALTHCHECK").hasSize(1);
    String script = matches(healthchecks.get(0), Pattern.compile("\"(/[^\"]+)\"\\]"), 1).get(0);
    assertThat(copiesTo(run, script))
        .as("the healthcheck script")
        .isEqualTo("docker/healthcheck.sh");

    assertThat(String.join(" ", instructions(run, "ENV"))).contains("CARTWHEEL_PROFILE=prod");
    Set<String> exposed =
        new HashSet<>(Arrays.asList(String.join(" ", instructions(run, "EXPOSE")).split("\\s+")));
    for (String key : List.of("http.port", "ops.port", "cluster.port")) {
      assertThat(exposed).as("EXPOSE " + key).contains(String.valueOf(defaultInt(key)));
    }
  }

  // ---- Kubernetes -------------------------------------------------------------------------------

  @Test
  @DisplayName(
      "Kubernetes: Hazelcast joins through the headless Service, with cluster.xml's maps and properties")
  void kubernetesHazelcastConfiguration() {
    Config base = hazelcast(read(ROOT.resolve("cluster.xml")));
    for (Map<String, Object> deployment : deployments()) {
      String where = name(deployment);
      Map<String, String> env = podEnv(deployment);
      assertThat(env.get("CARTWHEEL_CLUSTER")).as(where + " clustered").isEqualTo("true");
      assertPodIpIsTheInterface(deployment);

      Config k8s = hazelcast(mountedFile(deployment, env.get("CARTWHEEL_CLUSTER_CONFIG_FILE")));
      assertThat(k8s.getProperties())
          .as(where + " Hazelcast properties")
          .containsAllEntriesOf(base.getProperties());
      for (String map : List.of("__vertx.haInfo", "__vertx.nodeInfo", "cartwheel.rate-limits")) {
        assertThat(base.getMapConfigs()).as("cluster.xml map " + map).containsKey(map);
        assertThat(k8s.getMapConfigs()).as(where + " map " + map).containsKey(map);
      }
      assertThat(base.getMultiMapConfigs()).containsKey("__vertx.subs");
      // (getMapConfig would invent a default for a missing map: look it up in the map of configs)
      base.getMapConfigs()
          .forEach(
              (name, config) -> {
                assertThat(k8s.getMapConfigs()).as(where + " map " + name).containsKey(name);
                assertThat(k8s.getMapConfigs().get(name).getBackupCount())
                    .as(where + " " + name + " backups")
                    .isEqualTo(config.getBackupCount());
              });
      base.getMultiMapConfigs()
          .forEach(
              (name, config) -> {
                assertThat(k8s.getMultiMapConfigs())
                    .as(where + " multimap " + name)
                    .containsKey(name);
                assertThat(k8s.getMultiMapConfigs().get(name).getValueCollectionType())
                    .isEqualTo(config.getValueCollectionType());
                assertThat(k8s.getMultiMapConfigs().get(name).getBackupCount())
                    .isEqualTo(config.getBackupCount());
              });

      JoinConfig join = k8s.getNetworkConfig().getJoin();
      assertThat(join.getMulticastConfig().isEnabled()).as(where + " multicast").isFalse();
      assertThat(join.getTcpIpConfig().isEnabled()).as(where + " tcp-ip").isFalse();
      assertThat(join.getKubernetesConfig().isEnabled()).as(where + " kubernetes join").isTrue();
      String serviceDns = join.getKubernetesConfig().getProperty("service-dns");
      assertThat(serviceDns).as(where + " service-dns (DNS lookup mode)").isNotBlank();
      assertHeadlessServiceSelectsEveryNode(serviceDns, clusterPort(env));
      assertThat(containerPorts(container(deployment)))
          .as(where + " Hazelcast port")
          .containsValue(clusterPort(env));
    }
  }

  @Test
  @DisplayName(
      "Kubernetes: the gateway Service, the autoscalers, non-root pods, pinned images, resources")
  void kubernetesWiring() {
    Map<String, Map<String, Object>> byName =
        deployments().stream()
            .collect(
                Collectors.toMap(
                    DockerKitTest::name,
                    deployment -> deployment,
                    (a, b) -> a,
                    LinkedHashMap::new));

    Map<String, Object> gatewayService =
        kind("Service").stream()
            .filter(service -> "cartwheel-gateway".equals(at(service, "metadata", "name")))
            .findFirst()
            .orElseThrow();
    List<Map<String, Object>> selected = selectedBy(map(at(gatewayService, "spec", "selector")));
    assertThat(selected).as("pods behind the gateway Service").isNotEmpty();
    for (Map<String, Object> deployment : selected) {
      assertThat(verticles(podEnv(deployment)))
          .as(name(deployment) + " behind the gateway Service")
          .contains("gateway");
      Object target = at(gatewayService, "spec", "ports", 0, "targetPort");
      int port =
          target instanceof String named
              ? containerPorts(container(deployment)).get(named)
              : (Integer) target;
      assertThat(port).as("gateway Service targetPort").isEqualTo(healthPort(podEnv(deployment)));
    }

    Set<String> scaled = new HashSet<>();
    for (Map<String, Object> hpa : kind("HorizontalPodAutoscaler")) {
      assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
      String target = (String) at(hpa, "spec", "scaleTargetRef", "name");
      assertThat(byName).as("autoscaler target " + target).containsKey(target);
      assertThat(at(hpa, "spec", "metrics", 0, "resource", "name")).isEqualTo("cpu");
      assertThat(at(byName.get(target), "spec", "replicas"))
          .as(target + " leaves replicas to its autoscaler")
          .isNull();
      scaled.addAll(verticles(podEnv(byName.get(target))));
    }
    assertThat(scaled).as("autoscaled verticles").contains("gateway", "orders");

    String imageUser = last(instructions(last(dockerfileStages()), "USER")).split(":")[0];
    for (Map<String, Object> deployment : byName.values()) {
      String where = name(deployment);
      Map<String, Object> pod = map(at(deployment, "spec", "template", "spec"));
      assertThat(at(pod, "securityContext", "runAsNonRoot"))
          .as(where + " runAsNonRoot")
          .isEqualTo(true);
      assertThat(String.valueOf(at(pod, "securityContext", "runAsUser")))
          .as(where + " runs as the image's user")
          .isEqualTo(imageUser);
      Map<String, Object> container = container(deployment);
      assertPinned((String) container.get("image"), where);
      for (String bound : List.of("requests", "limits")) {
        assertThat(map(at(container, "resources", bound)))
            .as(where + " resources." + bound)
            .containsKeys("cpu", "memory");
      }
    }
  }

  // ---- checks shared by the tests ---------------------------------------------------------------

  private static void assertPinned(String image, String where) {
    String nameAndTag = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    String lastPart = nameAndTag.substring(nameAndTag.lastIndexOf('/') + 1);
    assertThat(lastPart).as(where + ": " + image + " has a tag").contains(":");
    assertThat(lastPart.substring(lastPart.indexOf(':') + 1))
        .as(where + ": " + image)
        .isNotEqualTo("latest");
  }

  /** POD_IP comes from the downward API, and the interface is set from it, after it. */
  private static void assertPodIpIsTheInterface(Map<String, Object> deployment) {
    List<Object> env = list(container(deployment).get("env"));
    List<String> names = env.stream().map(entry -> (String) map(entry).get("name")).toList();
    int podIp = names.indexOf("POD_IP");
    int bind = names.indexOf("CARTWHEEL_CLUSTER_INTERFACE");
    assertThat(podIp).as(name(deployment) + " POD_IP").isNotNegative();
    assertThat(at(env.get(podIp), "valueFrom", "fieldRef", "fieldPath")).isEqualTo("status.podIP");
    assertThat(bind).as(name(deployment) + " sets the interface after POD_IP").isGreaterThan(podIp);
    assertThat(map(env.get(bind)).get("value")).isEqualTo("$(POD_IP)");
  }

  private static void assertHeadlessServiceSelectsEveryNode(String serviceName, int clusterPort) {
    Map<String, Object> service =
        kind("Service").stream()
            .filter(candidate -> serviceName.equals(at(candidate, "metadata", "name")))
            .findFirst()
            .orElse(null);
    assertThat(service).as("a Service named " + serviceName).isNotNull();
    assertThat(at(service, "spec", "clusterIP")).as(serviceName + " is headless").isEqualTo("None");
    assertThat(at(service, "spec", "publishNotReadyAddresses"))
        .as(serviceName + " lists pods before they are ready")
        .isEqualTo(true);
    assertThat(at(service, "spec", "ports", 0, "port"))
        .as(serviceName + " port")
        .isEqualTo(clusterPort);
    assertThat(selectedBy(map(at(service, "spec", "selector"))))
        .as(serviceName + " selects every Cartwheel pod")
        .containsExactlyInAnyOrderElementsOf(deployments());
  }

  // ---- the kit's model --------------------------------------------------------------------------

  private static Set<String> knownVariables() {
    Set<String> known = new HashSet<>(EnvOverrides.ALIASES.keySet());
    known.addAll(EnvOverrides.LAUNCHER_VARIABLES);
    ConfigPaths.leaves(DEFAULTS).forEach(key -> known.add(EnvOverrides.envName(key)));
    return known;
  }

  /** The verticles a node with this environment runs ({@code deploy} defaults to all). */
  private static Set<String> verticles(Map<String, String> env) {
    String list = env.getOrDefault("CARTWHEEL_VERTICLES", "all");
    Set<String> names = new LinkedHashSet<>();
    for (String entry : list.split(",")) {
      String name = entry.trim().split(":")[0];
      names.addAll(name.equals("all") ? VERTICLES : List.of(name));
    }
    return names;
  }

  /** Where the node serves /health/*: the gateway's port where a gateway runs, the ops port elsewhere. */
  private static int healthPort(Map<String, String> env) {
    return setting(env, verticles(env).contains("gateway") ? "http.port" : "ops.port");
  }

  private static int clusterPort(Map<String, String> env) {
    return setting(env, "cluster.port");
  }

  /** How long a stopping node takes before it leaves: serving on after readiness went down, then draining requests. */
  private static long drainMs(Map<String, String> env) {
    long grace = verticles(env).contains("gateway") ? setting(env, "http.drainGraceMs") : 0;
    return grace + setting(env, "http.drainTimeoutMs");
  }

  /** An integer key as the node would read it: its variable if set, else its profile's value, else the default. */
  private static int setting(Map<String, String> env, String key) {
    String value = env.get(EnvOverrides.envName(key));
    if (value != null) {
      return Integer.parseInt(value);
    }
    Path profile = ROOT.resolve("conf/" + env.getOrDefault("CARTWHEEL_PROFILE", "dev") + ".json");
    Object inProfile = ConfigPaths.get(new JsonObject(read(profile)), key);
    return inProfile != null ? (Integer) inProfile : defaultInt(key);
  }

  private static int defaultInt(String key) {
    return (Integer) ConfigPaths.get(DEFAULTS, key);
  }

  // compose

  private static Map<String, Object> compose() {
    return yamlDocuments(DOCKER.resolve("compose.yaml")).get(0);
  }

  private static Map<String, Map<String, Object>> services() {
    Map<String, Map<String, Object>> services = new LinkedHashMap<>();
    map(compose().get("services")).forEach((name, service) -> services.put(name, map(service)));
    return services;
  }

  /** The Cartwheel nodes: the services built from our Dockerfile. */
  private static Map<String, Map<String, Object>> composeNodes() {
    Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
    services()
        .forEach(
            (name, service) -> {
              if (service.containsKey("build")) {
                nodes.put(name, service);
              }
            });
    assertThat(nodes).as("compose nodes").isNotEmpty();
    return nodes;
  }

  /** A service's environment, in either of compose's forms (a map, or a list of NAME=value). */
  private static Map<String, String> composeEnv(Map<String, Object> service) {
    Map<String, String> env = new LinkedHashMap<>();
    Object environment = service.get("environment");
    if (environment instanceof Map<?, ?> entries) {
      entries.forEach(
          (name, value) -> env.put((String) name, value == null ? null : String.valueOf(value)));
    } else if (environment != null) {
      list(environment)
          .forEach(
              entry -> {
                String[] nameValue = ((String) entry).split("=", 2);
                env.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : null);
              });
    }
    return env;
  }

  // Kubernetes

  private static List<Path> k8sFiles() {
    try (Stream<Path> files = Files.list(K8S)) {
      List<Path> yaml =
          files
              .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
              .sorted()
              .toList();
      assertThat(yaml).as("Kubernetes manifests").isNotEmpty();
      return yaml;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Map<String, Object>> kind(String kind) {
    return k8sFiles().stream()
        .flatMap(file -> yamlDocuments(file).stream())
        .filter(doc -> kind.equals(doc.get("kind")))
        .toList();
  }

  private static List<Map<String, Object>> deployments() {
    return kind("Deployment");
  }

  private static String name(Map<String, Object> resource) {
    return (String) at(resource, "metadata", "name");
  }

  private static Map<String, Object> container(Map<String, Object> deployment) {
    List<Object> containers = list(at(deployment, "spec", "template", "spec", "containers"));
    assertThat(containers).as(name(deployment) + " containers").hasSize(1);
    return map(containers.get(0));
  }

  private static Map<String, Integer> containerPorts(Map<String, Object> container) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    list(container.getOrDefault("ports", List.of()))
        .forEach(
            port ->
                ports.put(
                    (String) map(port).get("name"), (Integer) map(port).get("containerPort")));
    return ports;
  }

  private static String probePath(Map<String, Object> container, String probe) {
    return (String) at(container, probe, "httpGet", "path");
  }

  /**
   * The container's environment as the pod sees it: envFrom ConfigMaps and Secrets, then env (a value
   * taken from elsewhere reads as {@code <valueFrom>}).
   */
  private static Map<String, String> podEnv(Map<String, Object> deployment) {
    Map<String, Object> container = container(deployment);
    Map<String, String> env = new LinkedHashMap<>();
    for (Object source : list(container.getOrDefault("envFrom", List.of()))) {
      String configMap = (String) at(source, "configMapRef", "name");
      String secret = (String) at(source, "secretRef", "name");
      Map<String, Object> resource =
          named(configMap != null ? "ConfigMap" : "Secret", configMap != null ? configMap : secret);
      Object data =
          resource.containsKey("stringData") ? resource.get("stringData") : resource.get("data");
      map(data).forEach((name, value) -> env.put(name, String.valueOf(value)));
    }
    for (Object entry : list(container.getOrDefault("env", List.of()))) {
      Map<String, Object> variable = map(entry);
      env.put(
          (String) variable.get("name"),
          variable.containsKey("value") ? String.valueOf(variable.get("value")) : "<valueFrom>");
    }
    return env;
  }

  private static Map<String, Object> named(String kind, String name) {
    return kind(kind).stream()
        .filter(resource -> name.equals(name(resource)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }

  /** The content of {@code path} inside the deployment's container: a key of a mounted ConfigMap. */
  private static String mountedFile(Map<String, Object> deployment, String path) {
    assertThat(path).as(name(deployment) + " CARTWHEEL_CLUSTER_CONFIG_FILE").isNotNull();
    Path file = Path.of(path);
    Map<String, Object> mount =
        list(container(deployment).get("volumeMounts")).stream()
            .map(DockerKitTest::map)
            .filter(
                candidate -> Path.of((String) candidate.get("mountPath")).equals(file.getParent()))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        name(deployment) + " mounts nothing at " + file.getParent()));
    Map<String, Object> volume =
        list(at(deployment, "spec", "template", "spec", "volumes")).stream()
            .map(DockerKitTest::map)
            .filter(candidate -> mount.get("name").equals(candidate.get("name")))
            .findFirst()
            .orElseThrow();
    String configMap = (String) at(volume, "configMap", "name");
    Object content =
        map(named("ConfigMap", configMap).get("data")).get(file.getFileName().toString());
    assertThat(content)
        .as(name(deployment) + ": ConfigMap " + configMap + " has " + file.getFileName())
        .isNotNull();
    return (String) content;
  }

  /** The keys of the Secret mounted at {@code directory} in the deployment's container. */
  private static Set<String> mountedSecretKeys(Map<String, Object> deployment, Path directory) {
    Object volumeName =
        list(container(deployment).get("volumeMounts")).stream()
            .map(DockerKitTest::map)
            .filter(mount -> Path.of((String) mount.get("mountPath")).equals(directory))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError(name(deployment) + " mounts nothing at " + directory))
            .get("name");
    String secret =
        (String)
            list(at(deployment, "spec", "template", "spec", "volumes")).stream()
                .map(DockerKitTest::map)
                .filter(volume -> volumeName.equals(volume.get("name")))
                .map(volume -> at(volume, "secret", "secretName"))
                .findFirst()
                .orElseThrow();
    assertThat(secret).as(name(deployment) + ": " + directory + " is a Secret").isNotNull();
    return map(named("Secret", secret).get("stringData")).keySet();
  }

  private static List<Map<String, Object>> selectedBy(Map<String, Object> selector) {
    return deployments().stream()
        .filter(
            deployment ->
                map(at(deployment, "spec", "template", "metadata", "labels"))
                    .entrySet()
                    .containsAll(selector.entrySet()))
        .toList();
  }

  // Hazelcast

  /** Builds the configuration the way the launcher does, with the cluster.* defaults as its variables. */
  private static Config hazelcast(String xml) {
    Properties variables = new Properties();
    variables.setProperty(
        "cartwheel.cluster.name", (String) ConfigPaths.get(DEFAULTS, "cluster.name"));
    variables.setProperty(
        "cartwheel.cluster.members", (String) ConfigPaths.get(DEFAULTS, "cluster.members"));
    variables.setProperty("cartwheel.cluster.interface", "10.1.2.3");
    variables.setProperty("cartwheel.cluster.port", String.valueOf(defaultInt("cluster.port")));
    return new XmlConfigBuilder(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
        .setProperties(variables)
        .build();
  }

  // Dockerfile

  /** The Dockerfile's instructions by stage, each as {INSTRUCTION, arguments}; comments dropped, lines joined. */
  private static List<List<String[]>> dockerfileStages() {
    List<List<String[]>> stages = new ArrayList<>();
    String joined =
        read(DOCKER.resolve("Dockerfile"))
            .lines()
            .filter(line -> !line.trim().startsWith("#"))
            .collect(Collectors.joining("\n"))
            .replaceAll("\\\\\n", " ");
    for (String line : joined.split("\n")) {
      String[] instruction = line.trim().split("\\s+", 2);
      if (instruction[0].isEmpty()) {
        continue;
      }
      instruction[0] = instruction[0].toUpperCase();
      if (instruction[0].equals("FROM")) {
        stages.add(new ArrayList<>());
      }
      last(stages).add(instruction);
    }
    return stages;
  }

  private static String args(String[] instruction) {
    return instruction.length > 1 ? instruction[1].trim() : "";
  }

  private static List<String> instructions(List<String[]> stage, String name) {
    return stage.stream()
        .filter(instruction -> instruction[0].equals(name))
        .map(DockerKitTest::args)
        .toList();
  }

  /** The sources of a COPY, without its --flags (the last word is the destination). */
  private static List<String> sources(String[] copy) {
    List<String> words =
        Arrays.stream(args(copy).split("\\s+")).filter(word -> !word.startsWith("--")).toList();
    return words.subList(0, words.size() - 1);
  }

  /** The source that a COPY of this stage puts at {@code destination}, or null. */
  private static String copiesTo(List<String[]> stage, String destination) {
    return stage.stream()
        .filter(instruction -> instruction[0].equals("COPY"))
        .filter(copy -> last(Arrays.asList(args(copy).split("\\s+"))).equals(destination))
        .map(copy -> sources(copy).get(0))
        .findFirst()
        .orElse(null);
  }

  private static List<String> entrypoint(List<String[]> stage) {
    List<String> entrypoints = instructions(stage, "ENTRYPOINT");
    assertThat(entrypoints).as("ENTRYPOINT").hasSize(1);
    assertThat(entrypoints.get(0))
        .as("ENTRYPOINT in exec form (so that SIGTERM reaches java)")
        .startsWith("[");
    return new JsonArray(entrypoints.get(0)).stream().map(String.class::cast).toList();
  }

  /** The reactor's module directories, relative to the root, nested modules included. */
  private static List<String> modules(Path root) {
    List<String> modules = new ArrayList<>();
    for (String module :
        matches(read(root.resolve("pom.xml")), Pattern.compile("<module>([^<]+)</module>"), 1)) {
      String path = ROOT.relativize(root.resolve(module)).toString().replace('\\', '/');
      modules.add(path);
      modules.addAll(modules(root.resolve(module)));
    }
    return modules;
  }

  // ---- small helpers ----------------------------------------------------------------------------

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every YAML document of the file, as maps (empty documents skipped). */
  private static List<Map<String, Object>> yamlDocuments(Path file) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(read(file))) {
      if (doc != null) {
        docs.add(map(doc));
      }
    }
    return docs;
  }

  /** The value at a path of map keys and list indexes, or null where it stops. */
  private static Object at(Object node, Object... path) {
    Object current = node;
    for (Object step : path) {
      if (step instanceof Integer index
          && current instanceof List<?> items
          && index < items.size()) {
        current = items.get(index);
      } else if (step instanceof String key && current instanceof Map<?, ?> entries) {
        current = entries.get(key);
      } else {
        return null;
      }
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    assertThat(node).as("a YAML mapping").isInstanceOf(Map.class);
    return (Map<String, Object>) node;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object node) {
    assertThat(node).as("a YAML list").isInstanceOf(List.class);
    return (List<Object>) node;
  }

  private static List<String> matches(String text, Pattern pattern) {
    return matches(text, pattern, 0);
  }

  private static List<String> matches(String text, Pattern pattern, int group) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(group));
    }
    return found;
  }

  /** The default of {@code ${NAME:-default}} in a shell script. */
  private static int defaultIn(String script, String variable) {
    List<String> defaults = matches(script, Pattern.compile("\\$\\{" + variable + ":-(\\d+)}"), 1);
    assertThat(defaults).as("${" + variable + ":-...} in the script").isNotEmpty();
    return Integer.parseInt(defaults.get(0));
  }

  private static boolean inSubnet(String ip, String cidr) {
    String[] network = cidr.split("/");
    int bits = Integer.parseInt(network[1]);
    long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    return (ipv4(ip) & mask) == (ipv4(network[0]) & mask);
  }

  private static long ipv4(String ip) {
    long value = 0;
    for (String part : ip.split("\\.")) {
      value = value << 8 | Integer.parseInt(part);
    }
    return value;
  }

  private static <T> T last(List<T> items) {
    return items.get(items.size() - 1);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}

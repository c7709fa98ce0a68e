package dev.cartwheel.launcher;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.cartwheel.gateway.api.ApiPaths;
import dev.cartwheel.runtime.domain.DomainVerticle;
import dev.cartwheel.runtime.vertx.VertxInternals;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules DESIGN.md states in prose, checked on the main code of every module (the launcher's test classpath
 * holds them all): domains meet only through contracts, only one class touches Vert.x internals, contracts hold
 * no logic and depend on nothing of ours; and the gateway's packages by concern depend on one another one way,
 * with its API paths in one class.
 */
class ArchitectureTest {

  /** Every domain verticle's package, the gateway and the bridge included (each talks to the others over the bus). */
  private static final List<String> DOMAINS = VerticleCatalog.names();

  private static JavaClasses main;

  @BeforeAll
  static void importMainCode() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cartwheel");
  }

  @Test
  @DisplayName("a domain never depends on another domain")
  void domainsDoNotImportEachOther() {
    for (String domain : DOMAINS) {
      String[] others =
          DOMAINS.stream()
              .filter(other -> !other.equals(domain))
              .map(other -> "dev.cartwheel." + other + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("dev.cartwheel." + domain + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .because("domains meet only through eventbus-codecs contracts, on the event bus")
          .check(main);
    }
  }

  @Test
  @DisplayName("every domain with a schema and an outbox runs the shared lifecycle, DomainVerticle")
  void domainsShareOneLifecycle() {
    classes()
        .that()
        .resideInAnyPackage(
            "dev.cartwheel.users",
            "dev.cartwheel.inventory",
            "dev.cartwheel.payments",
            "dev.cartwheel.orders",
            "dev.cartwheel.notifications")
        .and()
        .haveSimpleNameEndingWith("Verticle")
        .should()
        .beAssignableTo(DomainVerticle.class)
        .check(main);
  }

  @Test
  @DisplayName("only VertxInternals touches Vert.x internals")
  void onlyOneClassTouchesVertxInternals() {
    noClasses()
        .that()
        .resideInAPackage("dev.cartwheel..")
        .and()
        .doNotHaveFullyQualifiedName(VertxInternals.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx..impl..", "io.vertx.core.internal..")
        .because(
            "an upgrade changes internals without notice: VertxInternals keeps them in one place, pinned by its test")
        .check(main);
  }

  @Test
  @DisplayName("contracts hold constants only, and the codecs depend on nothing of ours")
  void contractsHoldNoLogic() {
    classes()
        .that()
        .resideInAPackage("dev.cartwheel.codecs..")
        .and()
        .areTopLevelClasses()
        .and()
        .haveSimpleNameEndingWith("Contract")
        .should(declareNoMethods())
        .check(main);
    fields()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage("dev.cartwheel.codecs..")
        .and()
        .areDeclaredInClassesThat()
        .areTopLevelClasses()
        .and()
        .areDeclaredInClassesThat()
        .haveSimpleNameEndingWith("Contract")
        .should()
        .beStatic()
        .andShould()
        .beFinal()
        .check(main);
    noClasses()
        .that()
        .resideInAPackage("dev.cartwheel.codecs..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.cartwheel..")
                .and(resideOutsideOfPackage("dev.cartwheel.codecs..")))
        .check(main);
  }

  @Test
  @DisplayName(
      "the gateway's packages depend on one another without a cycle, and none on the entry package")
  void gatewayPackagesFormNoCycle() {
    slices()
        .matching("dev.cartwheel.gateway.(*)..")
        .should()
        .beFreeOfCycles()
        .because(
            "each concern of the gateway builds on those below it, never on one that builds on it")
        .check(main);
    noClasses()
        .that()
        .resideInAPackage("dev.cartwheel.gateway..")
        .and()
        .resideOutsideOfPackage("dev.cartwheel.gateway")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.cartwheel.gateway")
        .because(
            "the entry package (the verticle, its configuration, the router) only wires the others")
        .check(main);
  }

  @Test
  @DisplayName("the gateway's API paths are constants of ApiPaths, and of no other class")
  void gatewayPathsLiveInApiPaths() {
    fields()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage("dev.cartwheel.gateway..")
        .and()
        .areNotDeclaredIn(ApiPaths.class)
        .and()
        .areStatic()
        .and()
        .areFinal()
        .and()
        .haveRawType(String.class)
        .should(notHoldAnApiPath())
        .because("a path written twice drifts; ApiPaths is where routes, headers and links read it")
        .check(main);
  }

  private static ArchCondition<JavaField> notHoldAnApiPath() {
    return new ArchCondition<>("not hold a path under " + ApiPaths.API) {
      @Override
      public void check(JavaField constant, ConditionEvents events) {
        Field field = constant.reflect();
        field.setAccessible(true);
        Object value;
        try {
          value = field.get(null);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
        if (value instanceof String path && path.startsWith(ApiPaths.API)) {
          events.add(
              SimpleConditionEvent.violated(
                  constant,
                  constant.getFullName()
                      + " holds the API path "
                      + path
                      + ": take it from ApiPaths"));
        }
      }
    };
  }

  private static ArchCondition<JavaClass> declareNoMethods() {
    return new ArchCondition<>("declare no methods") {
      @Override
      public void check(JavaClass contract, ConditionEvents events) {
        contract
            .getMethods()
            .forEach(
                method ->
                    events.add(
                        SimpleConditionEvent.violated(
                            method, method.getFullName() + " is logic in a contract")));
      }
    };
  }
}

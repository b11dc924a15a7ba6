package io.nimo.core.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.dynamo.DynamoTables;
import io.nimo.core.dynamo.StreamsApi;
import io.nimo.core.testkit.ConfigReads;
import io.nimo.core.testkit.PublicApi;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layer and "never" rules of the design, checked on nimo-core's main classes: features without
 * cycles, the pipeline above its seams, SDKs only behind the seams and adapters, no logging
 * backend, no {@code System.exit}, no CLI code.
 */
class CoreArchitectureTest {
  private static final String CORE = "io.nimo.core";

  /** Where an SDK may be used: the seams and the adapters behind them. */
  static final String[] AWS_ADAPTERS = {
    "io.nimo.core.dynamo..",
    "io.nimo.core.sink.dynamo..",
    "io.nimo.core.checkpoint.dynamo..",
    "io.nimo.core.s3.."
  };

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(CORE);
  }

  /**
   * The item model (AttributeValue maps, table descriptions) is DynamoDB's own data model: allowed
   * everywhere.
   */
  private static DescribedPredicate<JavaClass> sdkOutsideTheItemModel() {
    DescribedPredicate<JavaClass> itemModel =
        resideInAPackage("software.amazon.awssdk.services.dynamodb.model")
            .and(not(assignableTo(Throwable.class)))
            .or(JavaClass.Predicates.equivalentTo(software.amazon.awssdk.core.SdkBytes.class))
            .or(JavaClass.Predicates.equivalentTo(software.amazon.awssdk.core.BytesWrapper.class));
    return resideInAPackage("software.amazon.awssdk..")
        .and(not(itemModel))
        .as("AWS SDK types other than the item model");
  }

  @Test
  void featuresHaveNoDependencyCycles() {
    slices().matching("io.nimo.core.(*)..").should().beFreeOfCycles().check(core);
  }

  /** Each package its own slice: no cycle between a package and its sub-packages either. */
  @Test
  void packagesHaveNoDependencyCyclesAtAnyDepth() {
    slices().matching("io.nimo.core.(**)").should().beFreeOfCycles().check(core);
  }

  /**
   * A value of the configuration is read once, where the settings of an area are built: in a
   * record's factory (a {@code …Settings} or access record), in the config package's own rules, or
   * in a provider's {@code validate}. Everything else receives the built values.
   */
  @Test
  void configurationIsReadOnlyWhereSettingsAreBuilt() {
    classes()
        .that()
        .resideOutsideOfPackage("io.nimo.core.config..")
        .and(ConfigReads.notRecords())
        .should(ConfigReads.onlyInValidate())
        .check(core);
  }

  /**
   * Outside the DynamoDB adapter, DynamoDB's SDK model appears only as the item model: {@code
   * AttributeValue} maps. Tables travel as {@code TableSchema}, stream records as {@code
   * ShardRecord}.
   */
  @Test
  void onlyTheItemModelOfTheSdkCrossesTheSeams() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.nimo.core.dynamo..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("software.amazon.awssdk.services.dynamodb.model")
                .and(
                    not(
                        JavaClass.Predicates.belongToAnyOf(
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.class)))
                .as("DynamoDB SDK model types other than AttributeValue"))
        .check(core);
  }

  @Test
  void dynamoSeamsAreSmallAndSpeakNimosTypes() {
    for (Class<?> seam : List.of(DynamoApi.class, DynamoTables.class, StreamsApi.class)) {
      Method[] methods = seam.getDeclaredMethods();
      assertThat(methods).as(seam.getSimpleName() + " methods").hasSizeLessThanOrEqualTo(8);
      for (Method m : methods) {
        List<java.lang.reflect.Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
        types.add(m.getGenericReturnType());
        for (java.lang.reflect.Type t : types) {
          assertThat(t.getTypeName())
              .as(seam.getSimpleName() + "." + m.getName())
              .satisfiesAnyOf(
                  n -> assertThat(n).doesNotContain("software.amazon"),
                  n ->
                      assertThat(
                              n.replace(
                                  "software.amazon.awssdk.services.dynamodb.model.AttributeValue",
                                  ""))
                          .doesNotContain("software.amazon"));
        }
      }
    }
  }

  @Test
  void seamsAndStoresNeverUseThePipelines() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.nimo.core.source..",
            "io.nimo.core.sink..",
            "io.nimo.core.checkpoint..",
            "io.nimo.core.dynamo..",
            "io.nimo.core.retry..",
            "io.nimo.core.metrics..",
            "io.nimo.core.item..",
            "io.nimo.core.config..",
            "io.nimo.core.concurrent..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.nimo.core.sync..", "io.nimo.core.check..", "io.nimo.core.wiring..")
        .check(core);
  }

  @Test
  void itemModelAndConfigStandAlone() {
    noClasses()
        .that()
        .resideInAnyPackage("io.nimo.core.item..", "io.nimo.core.config..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.nimo.core..")
                .and(not(resideInAnyPackage("io.nimo.core.item..", "io.nimo.core.config.."))))
        .check(core);
  }

  @Test
  void awsSdkOnlyBehindTheSeams() {
    noClasses()
        .that()
        .resideOutsideOfPackages(AWS_ADAPTERS)
        .should()
        .dependOnClassesThat(sdkOutsideTheItemModel())
        .check(core);
  }

  @Test
  void pipelinesSeeNoSdkExceptions() {
    noClasses()
        .that()
        .resideInAnyPackage("io.nimo.core.sync..", "io.nimo.core.check..", "io.nimo.core.source..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("software.amazon.awssdk..").and(assignableTo(Throwable.class)))
        .check(core);
  }

  @Test
  void mongoAndJdbcDriversOnlyInTheirAdapters() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.nimo.core.mongo..",
            "io.nimo.core.sink.mongo..",
            "io.nimo.core.checkpoint.mongo..",
            "io.nimo.core.convert..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.mongodb..", "org.bson..")
        .check(core);
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.nimo.core.postgres..",
            "io.nimo.core.sink.postgres..",
            "io.nimo.core.checkpoint.postgres..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.postgresql..")
        .check(core);
    // one PostgreSQL endpoint serves the target and the checkpoint store
    noClasses()
        .that()
        .resideOutsideOfPackage("io.nimo.core.postgres..")
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(java.sql.DriverManager.class)
        .check(core);
  }

  @Test
  void libraryLogsThroughSlf4jOnlyAndNeverExits() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.logging.log4j..", "java.util.logging..")
        .check(core);
    noClasses().should().callMethod(System.class, "exit", int.class).check(core);
    noClasses().should().callMethod(Runtime.class, "halt", int.class).check(core);
  }

  @Test
  void coreNeverImportsATool() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.nimo.shake..",
            "io.nimo.check..",
            "io.nimo.repair..",
            "io.nimo.cli..",
            "io.nimo.backsync..",
            "io.nimo.bench..")
        .check(core);
  }

  @Test
  void embeddingExampleUsesOnlyThePublicApi() {
    JavaClasses example = new ClassFileImporter().importPackages("io.nimo.core.example");
    noClasses()
        .should()
        .dependOnClassesThat(
            PublicApi.internalCoreTypes().and(not(resideInAPackage("io.nimo.core.example.."))))
        .check(example);
  }
}

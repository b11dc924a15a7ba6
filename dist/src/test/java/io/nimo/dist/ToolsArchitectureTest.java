package io.nimo.dist;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.nimo.core.testkit.ConfigReads;
import io.nimo.core.testkit.PublicApi;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each tool is a thin {@code main} over nimo-core's public API plus the shared nimo-cli support: no
 * tool reaches into nimo-core internals, and no tool depends on another tool.
 */
class ToolsArchitectureTest {
  private static JavaClasses tools;

  @BeforeAll
  static void importTools() {
    tools =
        new ClassFileImporter()
            .importPackages("io.nimo.shake", "io.nimo.check", "io.nimo.repair", "io.nimo.cli");
  }

  @Test
  void toolsUseOnlyThePublicApiOfNimoCore() {
    noClasses().should().dependOnClassesThat(PublicApi.internalCoreTypes()).check(tools);
  }

  /**
   * The Flink job is a declared client of nimo-core: besides the public API it may use the stream
   * engine, the Scan, the export reading, the DynamoDB and S3 seam types it names, the wiring and
   * the settings records listed here, and nothing else of the core.
   */
  static final String[] FLINK_CORE_PACKAGES = {
    "io.nimo.core.source.stream", "io.nimo.core.source", "io.nimo.core.source.export",
  };

  static final Set<String> FLINK_CORE_TYPES =
      Set.of(
          "io.nimo.core.concurrent.NamedThreadFactory",
          "io.nimo.core.dynamo.DynamoClient",
          "io.nimo.core.dynamo.DynamoTables",
          "io.nimo.core.dynamo.ExportApi",
          "io.nimo.core.dynamo.ShardInfo",
          "io.nimo.core.dynamo.StreamsApi",
          "io.nimo.core.dynamo.TableInfo",
          "io.nimo.core.wiring.JobComponents",
          "io.nimo.core.wiring.JobComponents$Builder",
          "io.nimo.core.retry.Retrier",
          "io.nimo.core.s3.ObjectStore",
          "io.nimo.core.sync.full.FullSyncSettings",
          "io.nimo.core.sync.stream.IncrSettings");

  @Test
  void theFlinkJobUsesOnlyThePublicApiAndItsDeclaredCoreTypes() {
    JavaClasses flink =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.nimo.flink");
    noClasses()
        .should()
        .dependOnClassesThat(
            PublicApi.internalCoreTypes()
                .and(DescribedPredicate.not(resideInAnyPackage(FLINK_CORE_PACKAGES)))
                .and(
                    DescribedPredicate.describe(
                        "not declared for the Flink job",
                        c -> !FLINK_CORE_TYPES.contains(c.getName()))))
        .check(flink);
    // every package its own slice, the root package too
    slices().matching("io.nimo.(**)").should().beFreeOfCycles().check(flink);
  }

  @Test
  void toolsDoNotDependOnEachOther() {
    slices()
        .matching("io.nimo.(shake|check|repair)..")
        .should()
        .notDependOnEachOther()
        .check(tools);
    noClasses()
        .that()
        .resideInAPackage("io.nimo.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.nimo.shake..", "io.nimo.check..", "io.nimo.repair..")
        .check(tools);
  }

  /**
   * As in nimo-core: a tool (the Flink job too) reads its configuration where settings are built (a
   * record's factory, or a {@code validate}), and hands the values on.
   */
  @Test
  void toolsReadTheConfigurationOnlyWhereSettingsAreBuilt() {
    classes()
        .that(ConfigReads.notRecords())
        .should(ConfigReads.onlyInValidate())
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(
                    "io.nimo.shake",
                    "io.nimo.check",
                    "io.nimo.repair",
                    "io.nimo.cli",
                    "io.nimo.flink"));
  }
}
